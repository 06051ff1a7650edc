/**
 * Heroku Platform API client (plain Node, global fetch). Every call returns a Result; nothing
 * throws across this boundary. The bearer token is only ever sent to the configured origin.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import {
  accountSchema,
  authorizationListSchema,
  authorizationSchema,
  herokuErrorSchema,
  type HerokuAccount,
  type HerokuAuthorization,
} from './schemas.js';
import { mapHttpError, mapNetworkError } from './errors.js';

export const DEFAULT_API_ORIGIN = 'https://api.heroku.com';
export const ACCEPT = 'application/vnd.heroku+json; version=3';

/** A value and the moment its response arrived (expiry is counted from there). */
export interface Received<T> {
  value: T;
  receivedAt: number;
}

export interface CreateAuthorizationBody {
  description: string;
  scope: string[];
  expires_in?: number | null;
}

/** What the services need from the Heroku API. */
export interface HerokuApi {
  readonly origin: string;
  getAccount(): Promise<Result<HerokuAccount>>;
  listAuthorizations(): Promise<Result<Received<HerokuAuthorization[]>>>;
  getAuthorization(id: string): Promise<Result<Received<HerokuAuthorization>>>;
  createAuthorization(body: CreateAuthorizationBody): Promise<Result<Received<HerokuAuthorization>>>;
  updateAuthorization(id: string, body: { description: string }): Promise<Result<Received<HerokuAuthorization>>>;
  deleteAuthorization(id: string): Promise<Result<Received<HerokuAuthorization>>>;
  regenerateAuthorization(id: string): Promise<Result<Received<HerokuAuthorization>>>;
  /** Last RateLimit-Remaining the API reported, or null before the first response. */
  rateLimitRemaining(): number | null;
}

export interface HerokuClientOptions {
  origin?: string;
  apiKey: string;
  userAgent: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Normalises and checks an API origin (https, or http only on loopback for the emulator). */
export function parseApiOrigin(raw: string | undefined): Result<string> {
  const value = raw && raw.trim() !== '' ? raw.trim() : DEFAULT_API_ORIGIN;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err('invalid_params', `HEROKU_API_URL is not a URL: ${value}`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return err('invalid_params', 'The Heroku API URL must use https (http is allowed only on 127.0.0.1 or localhost).');
  }
  return ok(url.origin);
}

/** Builds a client bound to one API key and one origin. */
export function createHerokuClient(options: HerokuClientOptions): HerokuApi {
  const origin = options.origin ?? DEFAULT_API_ORIGIN;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let rateLimit: number | null = null;

  async function request<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<Result<Received<T>>> {
    const url = new URL(path, origin);
    if (url.origin !== origin) return err('invalid_params', 'Refusing to send the API key to another origin.');
    const headers: Record<string, string> = {
      Accept: ACCEPT,
      Authorization: `Bearer ${options.apiKey}`,
      'User-Agent': options.userAgent,
      'Request-Id': crypto.randomUUID(),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      text = await res.text();
    } catch (e) {
      return { ok: false, error: mapNetworkError(e) };
    }
    const receivedAt = now();
    const remaining = Number(res.headers.get('RateLimit-Remaining'));
    if (res.headers.has('RateLimit-Remaining') && Number.isFinite(remaining)) rateLimit = remaining;
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      if (!res.ok) return { ok: false, error: mapHttpError(res.status, null) };
      return err('bad_response', 'Heroku sent a response that is not JSON.');
    }
    if (!res.ok) {
      const parsed = herokuErrorSchema.safeParse(json);
      return { ok: false, error: mapHttpError(res.status, parsed.success ? parsed.data : null) };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return err('bad_response', 'Heroku sent a response this app does not understand.');
    return ok({ value: parsed.data, receivedAt });
  }

  const auth = (id: string) => `/oauth/authorizations/${encodeURIComponent(id)}`;
  return {
    origin,
    getAccount: async () => {
      const r = await request('GET', '/account', accountSchema);
      return r.ok ? ok(r.value.value) : r;
    },
    listAuthorizations: () => request('GET', '/oauth/authorizations', authorizationListSchema),
    getAuthorization: (id) => request('GET', auth(id), authorizationSchema),
    createAuthorization: (body) => request('POST', '/oauth/authorizations', authorizationSchema, body),
    updateAuthorization: (id, body) => request('PATCH', auth(id), authorizationSchema, body),
    deleteAuthorization: (id) => request('DELETE', auth(id), authorizationSchema),
    regenerateAuthorization: (id) => request('POST', `${auth(id)}/actions/regenerate-tokens`, authorizationSchema),
    rateLimitRemaining: () => rateLimit,
  };
}
