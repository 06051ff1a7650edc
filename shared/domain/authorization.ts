/**
 * The Authorization view model: what the renderer is allowed to know about an OAuth
 * authorization. It never carries a full token; only the last four characters. Main builds views
 * (toAuthorizationView) and orders lists (soonestFirst) here; the renderer only reads them.
 */
import { computeExpiresAt } from './expiry.js';
import { isoMs } from '../iso-time.js';
import { soonestOrder } from './soonest-order.js';

export const SCOPES = ['global', 'identity', 'read', 'write', 'read-protected', 'write-protected'] as const;
export type Scope = (typeof SCOPES)[number];

export type TokenKind = 'hrku' | 'uuid' | 'masked' | 'none';

export type HygieneFlag = 'global-never-expires' | 'legacy-uuid-token' | 'stale';

export interface AuthorizationView {
  id: string;
  accountId: string;
  description: string;
  scopes: string[];
  createdAt: string;
  updatedAt: string;
  /** Absolute expiry (ISO 8601), or null when the token never expires. */
  expiresAt: string | null;
  /** Last four characters of the token, when known. */
  tokenLast4: string | null;
  tokenKind: TokenKind;
  /** True when this app holds the full token in the OS keychain (so Copy/Reveal work). */
  held: boolean;
  client: { id: string; name: string } | null;
  /** The Heroku CLI's own login session ("Heroku CLI login from <host>"). */
  isCliSession: boolean;
  /** True when the token is the one this account signed in with. */
  isCurrentKey: boolean;
  hygiene: HygieneFlag[];
}

export interface AuthorizationsSnapshot {
  accountId: string;
  items: AuthorizationView[];
  /** When the list was last fetched successfully (ISO), or null if never. */
  fetchedAt: string | null;
  /** Set when the last refresh failed; items are then the last good list. */
  lastError: { code: string; message: string; at: string } | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HRKU_RE = /^HRKU-[A-Za-z0-9_-]{8,}$/;

/** Classifies a token value as returned by the API (full, masked, or absent). */
export function tokenKind(token: string | null | undefined): TokenKind {
  if (!token) return 'none';
  if (HRKU_RE.test(token)) return 'hrku';
  if (UUID_RE.test(token)) return 'uuid';
  return 'masked';
}

/** One pattern object for every call (a literal in the function body is a new RegExp per token). */
const LAST4_RE = /^[A-Za-z0-9]{4}$/;

/** Last four characters of a token value, or null when there is none worth showing. */
export function last4(token: string | null | undefined): string | null {
  if (!token || token.length < 4) return null;
  const tail = token.slice(-4);
  return LAST4_RE.test(tail) ? tail : null;
}

/** A masked rendering of a token for display: bullets and the last four characters. */
export function maskedToken(tail: string | null): string {
  return tail ? `•••• ${tail}` : '••••';
}

const CLI_SESSION_RE = /^Heroku CLI login from /;

/** True for the authorization the Heroku CLI creates on `heroku login`. */
export function isCliSessionDescription(description: string): boolean {
  return CLI_SESSION_RE.test(description);
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Hygiene warnings a careful user wants to see on a token row. */
export function hygieneFlags(
  a: { scopes: string[]; expiresAt: string | null; tokenKind: TokenKind; createdAt: string; updatedAt: string },
  nowMs: number,
): HygieneFlag[] {
  const global = a.scopes.includes('global') && a.expiresAt === null;
  const legacy = a.tokenKind === 'uuid' && a.createdAt === a.updatedAt;
  const updated = isoMs(a.updatedAt);
  const stale = Number.isFinite(updated) && nowMs - updated > YEAR_MS;
  // Most tokens have none: they share one frozen empty list (a list of 10,000 tokens would
  // otherwise keep 10,000 empty arrays, each copied by the scavenges of a young first list).
  if (!global && !legacy && !stale) return NO_FLAGS;
  const flags: HygieneFlag[] = [];
  if (global) flags.push('global-never-expires');
  if (legacy) flags.push('legacy-uuid-token');
  if (stale) flags.push('stale');
  return flags;
}

/** The hygiene of a token with no flag (frozen: it is every such view's). */
const NO_FLAGS = Object.freeze([]) as unknown as HygieneFlag[];

/** The fields of a Platform API OAuth authorization that a view is built from (main's zod schema checks them). */
export interface ApiAuthorization {
  id: string;
  description?: string | null;
  scope: string[];
  created_at: string;
  updated_at: string;
  access_token?: { token?: string | null; expires_in: number | null } | null;
  client?: { id: string; name: string } | null;
}

/** Who is asking, and what the app knows about the account, for toAuthorizationView. */
export interface ViewContext {
  accountId: string;
  /** When the response arrived (ms): expires_in counts from here. */
  receivedAt: number;
  /** Ids whose token the app holds in the keychain. */
  held: ReadonlySet<string>;
  /** The id of the authorization behind the account's own key, when known. */
  currentKeyId: string | null | undefined;
  nowMs: number;
}

/** Builds the renderer-safe view of one authorization: the token itself never leaves this function. */
export function toAuthorizationView(a: ApiAuthorization, c: ViewContext): AuthorizationView {
  const token = a.access_token?.token ?? null;
  const description = a.description ?? '';
  // One object, built once (no spread of a partial one): a first list builds 10,000 of these.
  const view: AuthorizationView = {
    id: a.id,
    accountId: c.accountId,
    description,
    scopes: a.scope,
    expiresAt: computeExpiresAt(c.receivedAt, a.access_token?.expires_in ?? null),
    tokenKind: tokenKind(token),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    tokenLast4: last4(token),
    held: c.held.has(a.id),
    client: a.client ? { id: a.client.id, name: a.client.name } : null,
    isCliSession: isCliSessionDescription(description),
    isCurrentKey: c.currentKeyId === a.id,
    hygiene: NO_FLAGS,
  };
  view.hygiene = hygieneFlags(view, c.nowMs);
  return view;
}

/** Whether two reports of an authorization are equal in everything its view is built from. */
export function sameForView(x: ApiAuthorization, y: ApiAuthorization): boolean {
  if (x === y) return true;
  if (x.id !== y.id || x.updated_at !== y.updated_at || x.created_at !== y.created_at || (x.description ?? '') !== (y.description ?? '')) return false;
  if (x.scope.length !== y.scope.length || x.scope.some((s, i) => s !== y.scope[i])) return false;
  const [s, t] = [x.access_token, y.access_token];
  if ((s?.token ?? null) !== (t?.token ?? null) || (s?.expires_in ?? null) !== (t?.expires_in ?? null)) return false;
  const [c, d] = [x.client, y.client];
  return c && d ? c.id === d.id && c.name === d.name : !c && !d;
}

/**
 * Heroku reports an expired token as `expires_in: 0`, which would move its expiry to "now" on
 * every refresh ("expired just now" forever). Keep the moment it was first seen expired.
 */
export function keepExpiredSince(view: AuthorizationView, before: string | null | undefined, receivedAt: number): AuthorizationView {
  // Nothing to keep (a token seen for the first time): no time read at all (a first list has 10,000).
  if (view.expiresAt === null || !before) return view;
  // Only a report that itself says "expired" is pinned; a future expiry is a new lifetime
  // (the token was rotated, here or elsewhere).
  const at = isoMs(view.expiresAt);
  if (at - receivedAt > 5_000) return view;
  if (isoMs(before) > at) return view;
  return { ...view, expiresAt: before };
}

// localeCompare's order (default locale and options), without building a collator per call.
const collator = new Intl.Collator();
/** Lists shorter than this are sorted with the comparator (nothing to gain). */
const FOUND_FROM = 64;

/**
 * THE order of a token list: soonest expiry first, never-expiring last, then by description.
 * Main sorts every snapshot with it; the renderer shows snapshots in the order they come.
 *
 * Equal expiries are common (tokens made together), so most comparisons fall to the collator,
 * the cost of a sort. `previous` (the list's last sorted order, when there is one) only changes
 * how much work it is, never the result: items start from where they stood, so the sort merely
 * checks an order it mostly finds already made (about one comparison per item instead of
 * log2(n)); ties are then broken by position in `items`, which is exactly what a stable sort of
 * `items` does. Without one (a first list), the order is found by sorting numbers and checked
 * with the same comparison, one per item (soonest-order.ts); the comparator sort is the fallback.
 */
export function soonestFirst(items: readonly AuthorizationView[], previous?: readonly AuthorizationView[], expiresAtMs?: Float64Array): AuthorizationView[] {
  const n = items.length;
  // Each expiry parsed once, not twice per comparison (lists can hold thousands); not at all
  // when the caller knows them (`expiresAtMs`: each item's expiresAt in ms, +Infinity for never).
  const known = expiresAtMs !== undefined && expiresAtMs.length === n;
  const at = known ? expiresAtMs : new Float64Array(n);
  const description = new Array<string>(n);
  let comparable = true;
  for (let i = 0; i < n; i++) {
    const a = items[i]!;
    if (!known) at[i] = a.expiresAt === null ? Number.POSITIVE_INFINITY : isoMs(a.expiresAt);
    if (Number.isNaN(at[i])) comparable = false;
    description[i] = a.description;
  }
  const byExpiry = (p: number, q: number) => (at[p] === at[q] ? 0 : at[p]! - at[q]!) || collator.compare(description[p]!, description[q]!);
  let order: number[];
  if (previous && previous.length > 0 && comparable) {
    // A total order (ties by position), so where the items start cannot change where they end.
    order = startingFrom(items, previous);
    order.sort((p, q) => byExpiry(p, q) || p - q);
  } else {
    // A first list: found with typed-array sorts and checked (soonest-order.ts), where that works.
    const found = comparable && n >= FOUND_FROM ? soonestOrder(at, description, collator) : null;
    if (found) {
      const out = new Array<AuthorizationView>(n);
      const outAt = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = items[found[i]!]!;
        outAt[i] = at[found[i]!]!;
      }
      return withExpiryMs(out, outAt);
    }
    // No usable hint (or an unparseable expiry, whose comparisons are not an order): as ever.
    order = Array.from({ length: n }, (_, i) => i);
    order.sort(byExpiry);
  }
  const out = new Array<AuthorizationView>(n);
  const outAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = items[order[i]!]!;
    outAt[i] = at[order[i]!]!;
  }
  return comparable ? withExpiryMs(out, outAt) : out;
}

/** Per sorted list soonestFirst made: each item's expiresAt in ms, +Infinity for never (see expiryMsOf). */
const sortedExpiryMs = new WeakMap<readonly AuthorizationView[], Float64Array>();

function withExpiryMs(out: AuthorizationView[], at: Float64Array): AuthorizationView[] {
  sortedExpiryMs.set(out, at);
  return out;
}

/**
 * Each item's expiresAt in ms (+Infinity for never), by position, for a list soonestFirst sorted
 * (a snapshot's items): the main process's walks over every token (the expiry watcher's, the
 * tray's) read it instead of parsing 10,000 times again what the sort already had. undefined for
 * any other list; lists are never changed in place once made.
 */
export function expiryMsOf(items: readonly AuthorizationView[]): Float64Array | undefined {
  const at = sortedExpiryMs.get(items);
  return at && at.length === items.length ? at : undefined;
}

/** Indexes of `items`: those in `previous` in its order first, then the others in list order. */
function startingFrom(items: readonly AuthorizationView[], previous: readonly AuthorizationView[]): number[] {
  const where = new Map<string, number>();
  for (let k = 0; k < previous.length; k++) where.set(previous[k]!.id, k);
  const slots = new Array<number>(previous.length).fill(-1);
  const rest: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const k = where.get(items[i]!.id);
    if (k !== undefined && slots[k] === -1) slots[k] = i;
    else rest.push(i);
  }
  const order: number[] = [];
  for (const i of slots) if (i >= 0) order.push(i);
  for (const i of rest) order.push(i);
  return order;
}
