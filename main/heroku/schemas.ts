/**
 * Response schemas for the parts of the Heroku Platform API this app reads, mirroring the
 * official schema (oauth-authorization, account). Unknown fields pass (the API grows); a missing
 * or wrongly typed field the app relies on fails as `bad_response`, so a bad value can never
 * become a wrong countdown. The inferred types are checked against @heroku-cli/schema below.
 */
import type * as Heroku from '@heroku-cli/schema';
import { z } from 'zod';
import { idSchema } from '../../shared/contract.js';

/** Heroku writes `2012-01-01T12:00:00Z`; offsets and fractions are accepted, garbage is not. */
const dateTime = z.iso.datetime({ offset: true, local: false });

/** Heroku sends null where its TypeScript types say "absent"; normalise to undefined. */
const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** Ids follow the contract's one id rule: what the app accepts here, IPC can name later. */
export const accountSchema = z.looseObject({
  id: idSchema,
  email: z.string().min(1),
  name: z.string().nullish(),
});
export type HerokuAccount = z.infer<typeof accountSchema>;

/** A lifetime beyond this is nonsense, and would overflow a Date when added to now. */
export const MAX_EXPIRES_IN_SECONDS = 100 * 365 * 24 * 3600;

/** `null` = never expires; otherwise whole seconds from the moment the response arrived. */
export const expiresInSchema = z.number().int().nonnegative().max(MAX_EXPIRES_IN_SECONDS).nullable();

const tokenSchema = z.looseObject({
  expires_in: expiresInSchema,
  id: optionalString,
  token: optionalString,
});

export const authorizationSchema = z.looseObject({
  id: idSchema,
  created_at: dateTime,
  updated_at: dateTime,
  description: optionalString,
  scope: z.array(z.string()),
  access_token: tokenSchema.nullish(),
  client: z.looseObject({ id: z.string().min(1), name: z.string(), redirect_uri: optionalString }).nullish(),
});
export type HerokuAuthorization = z.infer<typeof authorizationSchema>;

export const authorizationListSchema = z.array(authorizationSchema);

export const herokuErrorSchema = z.looseObject({ id: z.string(), message: z.string() });
export type HerokuErrorBody = z.infer<typeof herokuErrorSchema>;

// Compile-time only: what the zod schemas let through is a valid value of the official types.
// If @heroku-cli/schema changes a field this app relies on, typecheck fails here.
const conformsAuthorization = (a: HerokuAuthorization): Heroku.OAuthAuthorization => a;
const conformsAccount = (a: HerokuAccount): Heroku.Account => a;
void conformsAuthorization;
void conformsAccount;

/** The create request body (scope is required by the schema; expires_in is whole seconds). */
export const createAuthorizationBodySchema = z.strictObject({
  description: z.string(),
  scope: z.array(z.string()).min(1),
  expires_in: z.number().int().positive().nullable().optional(),
});

/** Names the field of the first zod issue, e.g. `item 3: access_token.expires_in` (never its value). */
export function issuePath(error: z.ZodError): string {
  return pathText(error.issues[0]?.path ?? []);
}

/** Names a field by its path; a leading number is a list item (counted from 1). */
export function pathText(issue: ReadonlyArray<PropertyKey>): string {
  const path = [...issue];
  const item = typeof path[0] === 'number' ? `item ${path.shift() as number + 1}: ` : '';
  return path.length > 0 ? `${item}${path.map(String).join('.')}` : `${item}the whole answer`;
}

/** Describes the first zod issue in words, naming the field (no values: they may be secrets). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return describePath(issue?.path ?? [], issue?.code === 'invalid_format');
}

/** The words for a wrong field at `path` (describeIssue's); `badShape`: a string of the wrong format. */
export function describePath(path: ReadonlyArray<PropertyKey>, badShape = false): string {
  return `${pathText(path)} ${badShape ? 'has a shape this app does not accept' : 'is missing or has the wrong type'}`;
}
