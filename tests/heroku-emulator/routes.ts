/** The Heroku Platform API routes the emulator serves, with Heroku's validation rules. */
import { appInfo, configVars, listApps, updateConfigVars } from './apps.js';
import type { RouteName } from './faults.js';
import { errorBody, presentAccount, presentAuthorization } from './presenters.js';
import { nextRange, parseRange } from './range.js';
import type { Caller, Store } from './store.js';
import type { EmuAuthorization, EmuClient } from './seed.js';

export const SCOPES = ['global', 'identity', 'read', 'write', 'read-protected', 'write-protected'];

export interface RouteMatch {
  name: RouteName;
  id?: string;
  /** The app identity (id or name) of an /apps/{app} route. */
  app?: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  store: Store;
  caller: Caller;
  match: RouteMatch;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  now: number;
  redact: boolean;
  pageSize: number;
  /** Fault `endless-next-range`: every list page claims more remain. */
  endless: boolean;
  rateLimitRemaining: number;
}

const AUTH_PATH = /^\/oauth\/authorizations\/([^/]+)$/;
const REGEN_PATH = /^\/oauth\/authorizations\/([^/]+)\/actions\/regenerate-tokens$/;
const APP_PATH = /^\/apps\/([^/]+)(\/config-vars)?$/;

/** /apps routes: list, info, config vars (info and update). */
function resolveAppRoute(method: string, path: string): RouteMatch | null {
  if (path === '/apps') return method === 'GET' ? { name: 'apps' } : null;
  const m = APP_PATH.exec(path);
  if (!m) return null;
  const app = decodeURIComponent(m[1]!);
  if (!m[2]) return method === 'GET' ? { name: 'app-info', app } : null;
  if (method === 'GET') return { name: 'config-vars', app };
  if (method === 'PATCH') return { name: 'config-vars-update', app };
  return null;
}

/** Which route a method and path name, or null (404). */
export function resolveRoute(method: string, path: string): RouteMatch | null {
  if (path === '/account' && method === 'GET') return { name: 'account' };
  if (path === '/account/rate-limits' && method === 'GET') return { name: 'rate-limits' };
  if (path.startsWith('/apps')) return resolveAppRoute(method, path);
  if (path === '/oauth/authorizations') {
    if (method === 'GET') return { name: 'list' };
    if (method === 'POST') return { name: 'create' };
    return null;
  }
  const regen = REGEN_PATH.exec(path);
  if (regen && method === 'POST') return { name: 'regenerate', id: decodeURIComponent(regen[1]!) };
  const one = AUTH_PATH.exec(path);
  if (!one) return null;
  const id = decodeURIComponent(one[1]!);
  if (method === 'GET') return { name: 'info', id };
  if (method === 'PATCH') return { name: 'update', id };
  if (method === 'DELETE') return { name: 'delete', id };
  return null;
}

const fail = (status: number, id?: string, message?: string): Reply => ({ status, body: errorBody(status, id, message) });
const invalid = (message: string): Reply => fail(422, 'invalid_params', message);
const notFound = (): Reply => fail(404, 'not_found', "Couldn't find that OAuth authorization.");

/** Runs one authenticated route. */
export function handle(ctx: RouteContext): Reply {
  const { store, caller, match } = ctx;
  const show = (a: EmuAuthorization, redact = ctx.redact): Reply => ({
    status: 200,
    body: presentAuthorization(a, caller.account, { now: ctx.now, redact }),
  });
  switch (match.name) {
    case 'account':
      return { status: 200, body: presentAccount(caller.account) };
    case 'rate-limits':
      return { status: 200, body: { remaining: ctx.rateLimitRemaining } };
    case 'list':
      return list(ctx);
    case 'apps':
      return listApps(caller.account, ctx.headers.range as string | undefined, ctx.pageSize);
    case 'app-info':
      return appInfo(caller.account, match.app ?? '');
    case 'config-vars':
      return configVars(caller.account, match.app ?? '');
    case 'config-vars-update':
      return updateConfigVars(caller.account, match.app ?? '', ctx.body, ctx.now);
    case 'create': {
      // What Heroku answers an SSO account (the CLI prints it as "Error ID: forbidden").
      if (caller.account.identityProvider) {
        return fail(403, 'forbidden', 'This account is a federated account. Federated accounts cannot issue OAuth authorizations.');
      }
      const p = createParams(ctx.body, store);
      return 'reply' in p ? p.reply : { ...show(store.create(caller.account, p), false), status: 201 };
    }
    default: {
      const a = match.id === '~' ? caller.authorization : store.find(caller.account, match.id ?? '');
      if (!a) return notFound();
      if (match.name === 'info') return show(a);
      if (match.name === 'update') return update(ctx, a) ?? show(a);
      if (match.name === 'delete') {
        store.revoke(a);
        return show(a);
      }
      store.regenerate(caller.account, a);
      return show(a, false);
    }
  }
}

function list(ctx: RouteContext): Reply {
  const range = parseRange(ctx.headers.range as string | undefined, ctx.pageSize);
  if (!range) return fail(416, 'requested_range_not_satisfiable', 'The Range header is not valid. Expected e.g. `id ..; max=200`.');
  const { items, more } = ctx.store.page(ctx.caller.account, range, range.max);
  const body = items.map((a) => presentAuthorization(a, ctx.caller.account, { now: ctx.now, redact: ctx.redact }));
  const headers: Record<string, string> = { 'Accept-Ranges': 'id' };
  const last = items[items.length - 1];
  if (more && last) return { status: 206, body, headers: { ...headers, 'Next-Range': nextRange(last.id, range.max) } };
  if (ctx.endless) {
    // Past the end it points back to the start, so a client that trusts it never stops.
    const next = last ? nextRange(last.id, range.max) : `..; max=${range.max}`;
    return { status: 206, body, headers: { ...headers, 'Next-Range': next } };
  }
  return { status: 200, body, headers };
}

type CreateParams = { description: string; scope: string[]; expiresInSec: number | null; client: EmuClient | null };

/** Heroku's create rules: scope required and known, expires_in an integer or numeric string. */
function createParams(body: unknown, store: Store): CreateParams | { reply: Reply } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { reply: invalid('Request body must be a JSON object.') };
  const b = body as Record<string, unknown>;
  if (b.scope === undefined || b.scope === null) return { reply: invalid('Missing required params: scope.') };
  const scope = typeof b.scope === 'string' ? b.scope.split(',').map((s) => s.trim()) : b.scope;
  if (!Array.isArray(scope) || scope.length === 0 || !scope.every((s) => typeof s === 'string')) {
    return { reply: invalid('Invalid params: scope must be a non-empty array of strings.') };
  }
  const unknown = scope.filter((s) => !SCOPES.includes(s as string));
  if (unknown.length > 0) return { reply: invalid(`Invalid scope: ${unknown.join(', ')}. Valid scopes: ${SCOPES.join(', ')}.`) };
  if (b.description !== undefined && b.description !== null && typeof b.description !== 'string') {
    return { reply: invalid('Invalid params: description must be a string.') };
  }
  let expiresInSec: number | null = null;
  if (b.expires_in !== undefined && b.expires_in !== null) {
    const n = typeof b.expires_in === 'string' && /^\s*\d+\s*$/.test(b.expires_in) ? Number(b.expires_in) : b.expires_in;
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
      return { reply: invalid('Invalid params: expires_in must be a positive integer number of seconds.') };
    }
    expiresInSec = n;
  }
  let client: EmuClient | null = null;
  if (b.client !== undefined && b.client !== null) {
    const id = typeof b.client === 'string' ? b.client : (b.client as { id?: unknown }).id;
    client = typeof id === 'string' ? (store.clients.get(id) ?? null) : null;
    if (!client) return { reply: fail(404, 'not_found', "Couldn't find that OAuth client.") };
  }
  return { description: (b.description as string | undefined) ?? '', scope: [...new Set(scope as string[])], expiresInSec, client };
}

/** PATCH: description and/or client ({id, secret}); null when it applied. */
function update(ctx: RouteContext, a: EmuAuthorization): Reply | null {
  const b = ctx.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return invalid('Request body must be a JSON object.');
  const { description, client } = b as Record<string, unknown>;
  if (description !== undefined && typeof description !== 'string') return invalid('Invalid params: description must be a string.');
  let newClient: EmuClient | null = null;
  if (client !== undefined && client !== null) {
    const c = client as { id?: unknown; secret?: unknown };
    newClient = typeof c.id === 'string' ? (ctx.store.clients.get(c.id) ?? null) : null;
    if (!newClient || newClient.secret !== c.secret) return invalid('Invalid params: unknown OAuth client or wrong secret.');
  }
  if (description !== undefined) a.description = description;
  if (newClient) {
    a.client = newClient;
    a.clientId = newClient.id;
  }
  if (description !== undefined || newClient) a.updatedAt = ctx.now;
  return null;
}
