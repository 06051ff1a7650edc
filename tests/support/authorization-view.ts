/** One builder for AuthorizationView test values (renderer and main tests alike). */
import type { AuthorizationView } from '../../shared/domain/authorization.js';

/** A plain global token that never expires, with the given fields replaced. */
export function authorizationView(over: Partial<AuthorizationView>): AuthorizationView {
  return {
    id: 'auth-1',
    accountId: 'acc-1',
    description: 'Token',
    scopes: ['global'],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    expiresAt: null,
    tokenLast4: 'abcd',
    tokenKind: 'hrku',
    held: false,
    client: null,
    isCliSession: false,
    isCurrentKey: false,
    hygiene: [],
    ...over,
  };
}
