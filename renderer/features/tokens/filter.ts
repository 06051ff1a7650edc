/** Search and order for the token list. Pure. */
import type { AuthorizationView } from '../../../shared/domain/authorization.js';

/** Keeps the tokens whose description, scope, client or id contains every word of the query. */
export function filterTokens(items: AuthorizationView[], query: string): AuthorizationView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((a) => {
    const hay = [a.description, a.id, ...a.scopes, a.client?.name ?? '', a.client?.id ?? ''].join('\n').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

// localeCompare's order (default locale and options), without building a collator per call.
const collator = new Intl.Collator();

/** Soonest expiry first, never-expiring last, then by description. */
export function soonestFirst(items: AuthorizationView[]): AuthorizationView[] {
  // Each expiry parsed once, not twice per comparison (a 1,000-token list makes ~10,000).
  const keyed = items.map((a) => ({ a, at: a.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.expiresAt) }));
  keyed.sort((p, q) => (p.at === q.at ? 0 : p.at - q.at) || collator.compare(p.a.description, q.a.description));
  return keyed.map((k) => k.a);
}
