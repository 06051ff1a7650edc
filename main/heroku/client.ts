/**
 * Heroku Platform API client (plain Node: node:http/https, wire.ts). Every call returns a Result; nothing
 * throws across this boundary. The bearer token is only ever sent to the configured origin.
 * Reads retry with backoff (retry.ts); creates, updates, rotations and revocations are sent
 * exactly once, and a failure after sending is reported as is, for the service to call unknown.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import { appsApi, type ConfigVars, type ConfigVarsPatch, type HerokuApp } from './apps.js';
import { badResponse } from './errors.js';
import { AuthorizationListCache, type AuthorizationList, type ListHooks, type Received } from './authorization-list.js';
import { collectPages, DEFAULT_MAX_PAGES, FIRST_RANGE } from './pagination.js';
import { attempt, type ExchangeOptions, type RawResponse, type Transport } from './request.js';
import { fetchWire, nodeWire } from './wire.js';
import { backoffDelay, DEFAULT_RETRY, isRetryable, type RetryPolicy } from './retry.js';
import {
  accountSchema,
  authorizationSchema,
  createAuthorizationBodySchema,
  describeIssue,
  issuePath,
  type HerokuAccount,
  type HerokuAuthorization,
} from './schemas.js';

export { ACCEPT } from './request.js';
export type { AuthorizationList, ListHooks, Received } from './authorization-list.js';
export { DEFAULT_API_ORIGIN, parseApiOrigin } from './origin.js';
import { DEFAULT_API_ORIGIN, parseApiOrigin } from './origin.js';

export interface CreateAuthorizationBody {
  description: string;
  scope: string[];
  expires_in?: number | null;
}

/** What the services need from the Heroku API. */
export interface HerokuApi {
  readonly origin: string;
  getAccount(): Promise<Result<HerokuAccount>>;
  /** Every page, conditional on the ETags of the last list; unchanged items are not checked twice. */
  listAuthorizations(hooks?: ListHooks): Promise<Result<AuthorizationList>>;
  getAuthorization(id: string): Promise<Result<Received<HerokuAuthorization>>>;
  createAuthorization(body: CreateAuthorizationBody): Promise<Result<Received<HerokuAuthorization>>>;
  updateAuthorization(id: string, body: { description: string }): Promise<Result<Received<HerokuAuthorization>>>;
  deleteAuthorization(id: string): Promise<Result<Received<HerokuAuthorization>>>;
  regenerateAuthorization(id: string): Promise<Result<Received<HerokuAuthorization>>>;
  /** Every app the key can see; `pages` = list requests it took. */
  listApps(): Promise<Result<{ apps: HerokuApp[]; pages: number }>>;
  /** An app's config vars (secret values: never keep or log them). */
  getConfigVars(app: string): Promise<Result<ConfigVars>>;
  /** Sets/removes config vars, sent exactly once (a release; the app restarts). */
  updateConfigVars(app: string, patch: ConfigVarsPatch): Promise<Result<ConfigVars>>;
  /** Asks GET /account/rate-limits (free) for the current budget. */
  getRateLimitRemaining(): Promise<Result<number>>;
  /** Last RateLimit-Remaining the API reported, or null before the first response. */
  rateLimitRemaining(): number | null;
}

export interface HerokuClientOptions {
  origin?: string;
  apiKey: string;
  userAgent: string;
  /** Per request, body included (default 15 s). */
  timeoutMs?: number;
  /** Sends through this fetch instead of node:http (tests that delay or rewrite answers). */
  fetch?: typeof fetch;
  now?: () => number;
  /** Retry policy for GETs; sleep and random are injectable for tests. */
  retry?: Partial<RetryPolicy>;
  /** Most pages one list may span before it is given up as endless (default 25). */
  maxPages?: number;
  /** The first Range header of a list (default `id ..; max=1000`). */
  firstRange?: string;
  /** The first Range header of the apps list (default `id ..; max=1000`). */
  appsFirstRange?: string;
}

/** Below this RateLimit-Remaining, a refresh asks for one page after another only. */
export const SPECULATE_MIN_REMAINING = 500;

/** Builds a client bound to one API key and one origin. */
export function createHerokuClient(options: HerokuClientOptions): HerokuApi {
  const checked = parseApiOrigin(options.origin ?? DEFAULT_API_ORIGIN);
  const origin = checked.ok ? checked.value : (options.origin ?? '');
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  let rateLimit: number | null = null;
  const transport: Transport = {
    origin,
    apiKey: options.apiKey,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs ?? 15_000,
    wire: options.fetch ? fetchWire(options.fetch) : nodeWire(),
    now: options.now ?? Date.now,
    onRateLimit: (n) => {
      rateLimit = n;
    },
  };

  /** One GET, retried on 429/502/503/504 and dropped connections, within the policy's bounds. */
  async function get(path: string, range?: string, ifNoneMatch?: string, more: Pick<ExchangeOptions, 'onHead' | 'signal' | 'read'> = {}): Promise<Result<RawResponse>> {
    if (!checked.ok) return checked;
    let waited = 0;
    for (let n = 1; ; n++) {
      const a = await attempt(transport, 'GET', path, { range, ifNoneMatch, ...more });
      if (a.result.ok || !isRetryable(a.outcome)) return a.result;
      const delay = backoffDelay(policy, n, a.outcome.kind === 'status' ? a.outcome.retryAfterMs : null, waited);
      if (delay === null) return a.result;
      waited += delay;
      await policy.sleep(delay);
    }
  }

  /** A change is sent exactly once, whatever happens (house rule 5). */
  async function mutate(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<Result<RawResponse>> {
    if (!checked.ok) return checked;
    return (await attempt(transport, method, path, { body })).result;
  }
  const apps = appsApi(get, mutate, options.maxPages ?? DEFAULT_MAX_PAGES, options.appsFirstRange);

  const list = new AuthorizationListCache();
  const one = async (res: Promise<Result<RawResponse>>) => parseReceived(await res, authorizationSchema);
  const auth = (id: string) => `/oauth/authorizations/${encodeURIComponent(id)}`;
  const needId = (id: string) => (id.trim() === '' ? err<never>('invalid_params', 'No authorization id was given.') : null);

  return {
    origin,
    getAccount: async () => {
      const r = parseReceived(await get('/account'), accountSchema);
      return r.ok ? ok(r.value.value) : r;
    },
    listAuthorizations: async (listHooks) => {
      // The last list's pages are asked for at once, unless the hourly budget is running low: a
      // list that changed shape makes those early requests wasted ones.
      const expected = rateLimit === null || rateLimit >= SPECULATE_MIN_REMAINING ? list.ranges().slice(1) : [];
      const firstRange = options.firstRange ?? FIRST_RANGE;
      const feed = list.feed(firstRange, listHooks);
      list.begin();
      let pages: Awaited<ReturnType<typeof collectPages>>;
      try {
        pages = await collectPages((range, hooks) => get('/oauth/authorizations', range, list.etag(range), { ...hooks, read: list.reader(range, feed) }), {
          firstRange,
          maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
          cachedNext: (range) => list.next(range),
          expected,
        });
      } catch (e) {
        // A list that threw (not an error answered) lets go of what it joined, as a failed one does.
        list.end();
        throw e;
      }
      if (pages.ok) return list.merge(pages.value);
      list.end();
      return pages;
    },
    getAuthorization: async (id) => needId(id) ?? one(get(auth(id))),
    createAuthorization: async (body) => {
      const valid = createAuthorizationBodySchema.safeParse(body);
      if (!valid.success) return err('invalid_params', `The new token's ${issuePath(valid.error)} is not valid; nothing was sent.`);
      return one(mutate('POST', '/oauth/authorizations', valid.data));
    },
    updateAuthorization: async (id, body) => needId(id) ?? one(mutate('PATCH', auth(id), { description: body.description })),
    deleteAuthorization: async (id) => needId(id) ?? one(mutate('DELETE', auth(id))),
    regenerateAuthorization: async (id) => needId(id) ?? one(mutate('POST', `${auth(id)}/actions/regenerate-tokens`)),
    ...apps,
    rateLimitRemaining: () => rateLimit,
  };
}

function parseReceived<T>(res: Result<RawResponse>, schema: z.ZodType<T>): Result<Received<T>> {
  if (!res.ok) return res;
  const parsed = schema.safeParse(res.value.json);
  if (!parsed.success) return { ok: false, error: badResponse(describeIssue(parsed.error)) };
  return ok({ value: parsed.data, receivedAt: res.value.receivedAt });
}
