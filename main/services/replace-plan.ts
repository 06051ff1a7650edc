/** Pure parts of a Replace plan: write order, default lifetime, and why a token cannot be replaced. */
import type { AuthorizationView } from '../../shared/domain/authorization.js';
import type { Consumer } from '../../shared/domain/consumers.js';

/** Consumers in the order the user chose (unknown keys last, in scan order). */
export function ordered(consumers: Consumer[], order: string[] | undefined): Consumer[] {
  if (!order) return consumers;
  const rank = (c: Consumer) => (order.includes(c.key) ? order.indexOf(c.key) : order.length);
  return [...consumers].sort((a, b) => rank(a) - rank(b));
}

/** The old token's lifetime in whole seconds (created -> expires), at least an hour; null = never. */
export function defaultLifetime(view: Pick<AuthorizationView, 'expiresAt' | 'createdAt'>): number | null {
  if (view.expiresAt === null) return null;
  const s = Math.round((Date.parse(view.expiresAt) - Date.parse(view.createdAt)) / 1000);
  return Number.isFinite(s) ? Math.min(Math.max(s, 3600), 10 * 365 * 24 * 3600) : 3600;
}

/** Why this token cannot be replaced, or null. */
export function blockedReason(view: AuthorizationView, consumers: Consumer[]): string | null {
  if (view.client) return 'This token belongs to an OAuth client; it cannot be replaced with a plain token. Rotate it instead.';
  if (view.isCurrentKey) return 'This is the key the app itself signs in with; rotate it instead.';
  if (consumers.length === 0) return 'Nothing is known to use this token. Find where tokens are used first, or Rotate it.';
  return null;
}
