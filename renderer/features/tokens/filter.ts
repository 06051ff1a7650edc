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

/** Soonest expiry first, never-expiring last, then by description. */
export function soonestFirst(items: AuthorizationView[]): AuthorizationView[] {
  const key = (a: AuthorizationView) => (a.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.expiresAt));
  return [...items].sort((a, b) => key(a) - key(b) || a.description.localeCompare(b.description));
}
