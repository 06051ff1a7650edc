/** Search in the token list. Pure. (The order is main's: shared/domain/authorization.ts soonestFirst.) */
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
