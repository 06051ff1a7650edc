/** Parts of a Replace plan: write order, default lifetime, why a token cannot be replaced, the old-token test. */
import type { AuthorizationView } from '../../shared/domain/authorization.js';
import { fingerprintOfListed, fits, type Consumer } from '../../shared/domain/consumers.js';
import type { ReplaceOperation } from '../../shared/domain/replace.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { AuthorizationSource } from './consumer-scan.js';

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

/**
 * Tells the old token from any other value, as the scan matched it: exactly when the app holds
 * it, else by the list's fingerprint (prefix and last four). The plan may be stale; a consumer
 * holding something else now is not overwritten. The test keeps no value beyond the run.
 */
export async function oldTokenTest(authorizations: AuthorizationSource, op: Pick<ReplaceOperation, 'oldAuthorizationId' | 'accountId'>): Promise<Result<(value: string) => boolean>> {
  const held = await authorizations.heldToken(op.oldAuthorizationId, op.accountId);
  if (held.ok) return ok((v) => v.trim() === held.value);
  const list = await authorizations.list(op.accountId);
  if (!list.ok) return list;
  const view = list.value.items.find((a) => a.id === op.oldAuthorizationId);
  const fp = view ? fingerprintOfListed(view.tokenKind, view.tokenLast4) : null;
  if (!fp) return err('not_found', 'The old token is not in the list any more, so no consumer can be checked to still hold it; nothing more was written.');
  return ok((v) => fits(v.trim(), fp));
}

/** A stopped run with every consumer on the new token and an unknown outcome stopped at (or in) the revoke. */
export function revokeMayHaveHappened(op: ReplaceOperation): boolean {
  return op.revokeOld && op.error?.code === 'unknown_outcome' && op.newAuthorizationId !== null && op.steps.every((s) => s.state === 'new');
}

/** The run with step i set to an outcome. */
export function withStep(op: ReplaceOperation, i: number, r: { state: ReplaceOperation['steps'][number]['state']; error: { code: string; message: string } | null }): ReplaceOperation {
  return { ...op, steps: op.steps.map((s, j) => (j === i ? { ...s, state: r.state, error: r.error } : s)) };
}
