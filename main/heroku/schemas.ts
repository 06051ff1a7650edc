/**
 * Response schemas for the parts of the Heroku Platform API this app reads. Unknown fields pass
 * (the API grows); a missing or wrongly typed required field fails as `bad_response`.
 */
import { z } from 'zod';

export const accountSchema = z.looseObject({
  id: z.string().min(1),
  email: z.string().min(1),
  name: z.string().nullable().optional(),
});
export type HerokuAccount = z.infer<typeof accountSchema>;

const tokenSchema = z.looseObject({
  expires_in: z.number().int().nullable(),
  id: z.string().optional(),
  token: z.string().nullable().optional(),
});

export const authorizationSchema = z.looseObject({
  id: z.string().min(1),
  created_at: z.string().min(1),
  updated_at: z.string().min(1),
  description: z.string().nullable().optional(),
  scope: z.array(z.string()),
  access_token: tokenSchema.nullable().optional(),
  refresh_token: tokenSchema.nullable().optional(),
  client: z.looseObject({ id: z.string(), name: z.string(), redirect_uri: z.string().optional() }).nullable().optional(),
  grant: z.looseObject({ code: z.string().nullable().optional(), expires_in: z.number().nullable().optional() }).nullable().optional(),
  session: z.looseObject({ id: z.string() }).nullable().optional(),
  user: z.looseObject({ id: z.string(), email: z.string(), full_name: z.string().nullable().optional() }).optional(),
});
export type HerokuAuthorization = z.infer<typeof authorizationSchema>;

export const authorizationListSchema = z.array(authorizationSchema);

export const herokuErrorSchema = z.looseObject({ id: z.string(), message: z.string() });
