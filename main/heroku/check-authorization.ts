/**
 * A hand-written check of one list item, equivalent to `authorizationSchema` in schemas.ts (the
 * spec: tests/unit/main/heroku/check-authorization.property.test.ts proves, with fast-check, that
 * both accept and reject the same values and name the same first failing field). It exists for
 * speed: lists can hold 10,000 items and the check runs on Electron's main thread. It checks in
 * place (the value is fresh from JSON.parse and ours) instead of copying every object, and stops
 * at the first failing field, which is all the error message names anyway.
 */
import { regexes } from 'zod/v4/core';
import { ID_PATTERN } from '../../shared/contract.js';
import { MAX_EXPIRES_IN_SECONDS, type HerokuAuthorization } from './schemas.js';

/**
 * Where the first wrong field is: the same path zod reports (e.g. ['access_token', 'expires_in']);
 * `badShape` when zod would call it invalid_format (a string that does not match its pattern).
 */
export type CheckResult = { ok: true; value: HerokuAuthorization } | { ok: false; path: Array<string | number>; badShape?: boolean };

/** The very pattern `z.iso.datetime({ offset: true, local: false })` uses. */
const DATE_TIME = regexes.datetime({ offset: true, local: false });

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `null` = never expires; otherwise whole seconds within the schema's bounds. */
export function isExpiresIn(v: unknown): v is number | null {
  return v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_EXPIRES_IN_SECONDS);
}

/** optionalString: a string stays, null/undefined become undefined, anything else fails. */
function optionalString(o: Obj, key: string): boolean {
  const v = o[key];
  if (typeof v === 'string') return true;
  if (v !== null && v !== undefined) return false;
  if (v === null) o[key] = undefined;
  return true;
}

function checkToken(t: Obj): string | null {
  if (!isExpiresIn(t.expires_in)) return 'expires_in';
  if (!optionalString(t, 'id')) return 'id';
  if (!optionalString(t, 'token')) return 'token';
  return null;
}

function checkClient(c: Obj): string | null {
  if (typeof c.id !== 'string' || c.id.length === 0) return 'id';
  if (typeof c.name !== 'string') return 'name';
  if (!optionalString(c, 'redirect_uri')) return 'redirect_uri';
  return null;
}

/** The date-time fields, in the schema's order (one array for every item, not a literal per call). */
const DATE_KEYS = ['created_at', 'updated_at'] as const;

/** Checks (and normalises nulls of) one authorization as the schema does; unknown fields pass. */
export function checkAuthorization(raw: unknown): CheckResult {
  if (!isObject(raw)) return { ok: false, path: [] };
  if (typeof raw.id !== 'string') return { ok: false, path: ['id'] };
  if (!ID_PATTERN.test(raw.id)) return { ok: false, path: ['id'], badShape: true };
  for (const key of DATE_KEYS) {
    const v = raw[key];
    if (typeof v !== 'string') return { ok: false, path: [key] };
    if (!DATE_TIME.test(v)) return { ok: false, path: [key], badShape: true };
  }
  if (!optionalString(raw, 'description')) return { ok: false, path: ['description'] };
  const scope = raw.scope;
  if (!Array.isArray(scope)) return { ok: false, path: ['scope'] };
  for (let i = 0; i < scope.length; i++) if (typeof scope[i] !== 'string') return { ok: false, path: ['scope', i] };
  const token = raw.access_token;
  if (token !== null && token !== undefined) {
    if (!isObject(token)) return { ok: false, path: ['access_token'] };
    const bad = checkToken(token);
    if (bad) return { ok: false, path: ['access_token', bad] };
  }
  const client = raw.client;
  if (client !== null && client !== undefined) {
    if (!isObject(client)) return { ok: false, path: ['client'] };
    const bad = checkClient(client);
    if (bad) return { ok: false, path: ['client', bad] };
  }
  return { ok: true, value: raw as unknown as HerokuAuthorization };
}
