/**
 * Apps and config vars: the reads a consumer scan makes and the one write Replace makes. Config
 * values are secrets of the user's apps: they are parsed and handed to the caller, never put in an
 * error message (a bad answer names the variable, never its value).
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import { badResponse } from './errors.js';
import { collectPages, DEFAULT_MAX_PAGES, type Page, type PageHooks } from './pagination.js';
import type { RawResponse } from './request.js';
import { describeIssue } from './schemas.js';

/** What the app needs of an `app` (the schema has many more fields; unknown ones pass). */
export const appSchema = z.looseObject({ id: z.string().min(1), name: z.string().min(1) });
export type HerokuApp = z.infer<typeof appSchema>;
const appListSchema = z.array(appSchema);

/** `config-var` `config_vars`: names `\w+`, values strings (null = unset, per the schema). */
export const configVarsSchema = z.record(z.string().regex(/^\w+$/), z.string().nullable());
export type ConfigVars = Record<string, string>;

/** A config-var update: a string sets, null removes. */
export type ConfigVarsPatch = Record<string, string | null>;

/** Apps list pages are asked for in big pages, like authorizations. */
export const APPS_FIRST_RANGE = 'id ..; max=1000';

type Get = (path: string, range?: string, ifNoneMatch?: string, hooks?: PageHooks) => Promise<Result<RawResponse>>;
type Mutate = (method: 'PATCH', path: string, body: unknown) => Promise<Result<RawResponse>>;

const appPath = (app: string) => `/apps/${encodeURIComponent(app)}/config-vars`;
const needApp = (app: string) => (/^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/.test(app) ? null : err<never>('invalid_params', 'That is not a Heroku app name.'));

/** The apps part of the client, over the client's retried GET and once-only mutate. */
export function appsApi(get: Get, mutate: Mutate, maxPages = DEFAULT_MAX_PAGES, firstRange = APPS_FIRST_RANGE) {
  return {
    /** Every app the key can see (Range paging); `pages` says how many requests it took. */
    listApps: async (): Promise<Result<{ apps: HerokuApp[]; pages: number }>> => {
      const pages = await collectPages((range, hooks) => get('/apps', range, undefined, hooks), { firstRange, maxPages });
      return pages.ok ? mergeApps(pages.value) : pages;
    },
    /** An app's config vars (values are secrets: the caller must not keep them). */
    getConfigVars: async (app: string): Promise<Result<ConfigVars>> => needApp(app) ?? parseVars(await get(appPath(app))),
    /** RateLimit-Remaining from `GET /account/rate-limits` (that call itself costs nothing). */
    getRateLimitRemaining: async (): Promise<Result<number>> => {
      const r = await get('/account/rate-limits');
      if (!r.ok) return r;
      const parsed = z.looseObject({ remaining: z.number().int().nonnegative() }).safeParse(r.value.json);
      return parsed.success ? ok(parsed.data.remaining) : { ok: false, error: badResponse('rate limits: remaining is missing') };
    },
    /** Sets or removes config vars, sent once; every change is a release that restarts the app. */
    updateConfigVars: async (app: string, patch: ConfigVarsPatch): Promise<Result<ConfigVars>> => {
      if (Object.keys(patch).some((k) => !/^\w+$/.test(k))) return err('invalid_params', 'A config var name may hold only letters, digits and _.');
      return needApp(app) ?? parseVars(await mutate('PATCH', appPath(app), patch));
    },
  };
}

function parseVars(res: Result<RawResponse>): Result<ConfigVars> {
  if (!res.ok) return res;
  const parsed = configVarsSchema.safeParse(res.value.json);
  if (!parsed.success) return { ok: false, error: badResponse(`config vars: ${describeIssue(parsed.error)}`) };
  const out: ConfigVars = {};
  for (const [k, v] of Object.entries(parsed.data)) if (v !== null) out[k] = v;
  return ok(out);
}

function mergeApps(pages: Page[]): Result<{ apps: HerokuApp[]; pages: number }> {
  const byId = new Map<string, HerokuApp>();
  for (const [i, page] of pages.entries()) {
    const parsed = appListSchema.safeParse(page.json);
    if (!parsed.success) return { ok: false, error: badResponse(`apps page ${i + 1}: ${describeIssue(parsed.error)}`) };
    for (const a of parsed.data) if (!byId.has(a.id)) byId.set(a.id, { id: a.id, name: a.name });
  }
  return ok({ apps: [...byId.values()], pages: pages.length });
}
