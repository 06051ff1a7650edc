/**
 * A token list in expiry order, searchable by time in O(log n): "how many have expired", "which
 * expire on day d" cost a binary search, not a walk over every token each second or minute.
 *
 * Main sends every snapshot sorted soonest first, never-expiring last (shared/domain/authorization.ts
 * soonestFirst), with expiries written by Date#toISOString. Such a list is used as it is: checking
 * that costs one pass of string comparisons and no Date.parse per token (same-length ISO strings in
 * UTC sort as their times), and searches compare strings too. Any other list (a test's; main's, if
 * it ever broke its order) is parsed and sorted once. Built once per list array and shared by
 * whoever asks (a WeakMap).
 */
import type { AuthorizationView } from '../../../shared/domain/authorization.js';

export interface ExpiryOrder {
  /** How many tokens have a readable expiry. */
  readonly length: number;
  /** The i-th token with an expiry, soonest first. */
  item(i: number): AuthorizationView;
  /** Its expiry, ms since the epoch. */
  at(i: number): number;
  /** Index of the first token expiring at or after `t` (binary search). */
  search(t: number): number;
}

/** How many lists were parsed and sorted (not taken as they came): tests count it. */
export const expiryOrderStats = { sorted: 0, checked: 0 };

// "2026-11-27T12:00:00.000Z": what toISOString writes for years 0000-9999.
function isCanonicalIso(s: string): boolean {
  return s.length === 24 && s[23] === 'Z' && s[10] === 'T' && s[4] === '-' && s[7] === '-' && s[13] === ':' && s[16] === ':' && s[19] === '.';
}

/** The number of leading tokens with an expiry when `items` is already in expiry order; -1 if not. */
function orderedPrefix(items: readonly AuthorizationView[]): number {
  let prev = '';
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const e = items[i]!.expiresAt;
    if (e === null) continue;
    // An expiry after a never-expiring token, an odd format or a step back: not main's order.
    if (n !== i || !isCanonicalIso(e) || e < prev) return -1;
    prev = e;
    n++;
  }
  return n;
}

/** The first index in [0, n) whose entry is not before the key (`before` is monotone). */
function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A list in expiry order as it came (checked): searched by comparing ISO strings, each expiry parsed only when asked for. */
function asIs(items: readonly AuthorizationView[], n: number): ExpiryOrder {
  const parsed = new Map<number, number>();
  const at = (i: number) => {
    let t = parsed.get(i);
    if (t === undefined) parsed.set(i, (t = Date.parse(items[i]!.expiresAt!)));
    return t;
  };
  const search = (t: number) => {
    const key = new Date(t).toISOString();
    // Outside the years 0000-9999 the strings no longer sort as times: compare the times.
    return isCanonicalIso(key) ? lowerBound(n, (i) => items[i]!.expiresAt! < key) : lowerBound(n, (i) => at(i) < t);
  };
  return { length: n, item: (i) => items[i]!, at, search };
}

function sortedCopy(items: readonly AuthorizationView[]): ExpiryOrder {
  expiryOrderStats.sorted++;
  const keyed: Array<{ a: AuthorizationView; at: number }> = [];
  for (const a of items) {
    if (a.expiresAt === null) continue;
    const at = Date.parse(a.expiresAt);
    if (!Number.isNaN(at)) keyed.push({ a, at });
  }
  keyed.sort((p, q) => p.at - q.at);
  return { length: keyed.length, item: (i) => keyed[i]!.a, at: (i) => keyed[i]!.at, search: (t) => lowerBound(keyed.length, (i) => keyed[i]!.at < t) };
}

const cache = new WeakMap<readonly AuthorizationView[], ExpiryOrder>();

/** The tokens of `items` that expire, soonest first (the same object for the same array). */
export function expiryOrderOf(items: readonly AuthorizationView[]): ExpiryOrder {
  let order = cache.get(items);
  if (order) return order;
  expiryOrderStats.checked++;
  const n = orderedPrefix(items);
  order = n < 0 ? sortedCopy(items) : asIs(items, n);
  cache.set(items, order);
  return order;
}

/** Index of the first token expiring at or after `t`: how many expire before it (binary search). */
export function firstAtOrAfter(order: ExpiryOrder, t: number): number {
  return order.search(t);
}

/** How many tokens have expired at `now` (expiry at or before it). */
export function expiredCount(order: ExpiryOrder, now: number): number {
  // Expiries are whole ms: "at <= now" is "at < now + 1".
  return firstAtOrAfter(order, Math.floor(now) + 1);
}
