/**
 * "Remove expired tokens": lists the account's expired authorizations for one confirmation, then
 * revokes exactly those (one DELETE per id, through AuthorizationService.revoke), re-checking
 * each against the current list first so that a token rotated meanwhile (alive again) is never
 * revoked.
 */
import type { AuthorizationView } from '../../shared/domain/authorization.js';
import type { CleanupOutcome, ExpiredToken } from '../../shared/domain/leases.js';
import { ok, type Result } from '../../shared/result.js';


export interface TokenCleanupDeps {
  refresh(accountId?: string): Promise<Result<{ accountId: string; items: AuthorizationView[] }>>;
  revoke(id: string, accountId: string): Promise<Result<{ id: string }>>;
  now: () => number;
}

const isExpired = (a: AuthorizationView, now: number) => a.expiresAt !== null && Date.parse(a.expiresAt) <= now;

/** Expired tokens of an account and their removal. */
export class TokenCleanup {
  constructor(private readonly d: TokenCleanupDeps) {}

  /** The account's expired authorizations, from a fresh list. */
  async expired(accountId?: string): Promise<Result<{ accountId: string; items: ExpiredToken[] }>> {
    const list = await this.d.refresh(accountId);
    if (!list.ok) return list;
    const now = this.d.now();
    const items = list.value.items.filter((a) => isExpired(a, now)).map((a) => ({ id: a.id, description: a.description, expiresAt: a.expiresAt! }));
    return ok({ accountId: list.value.accountId, items });
  }

  /** Revokes the confirmed ids that are still expired now; one DELETE each, in order. */
  async remove(ids: string[], accountId?: string): Promise<Result<CleanupOutcome>> {
    const list = await this.d.refresh(accountId);
    if (!list.ok) return list;
    const now = this.d.now();
    const byId = new Map(list.value.items.map((a) => [a.id, a]));
    const out: CleanupOutcome = { accountId: list.value.accountId, revoked: [], skipped: [] };
    for (const id of new Set(ids)) {
      const a = byId.get(id);
      if (!a) {
        out.skipped.push({ id, reason: 'It is no longer listed.' });
        continue;
      }
      if (!isExpired(a, now)) {
        out.skipped.push({ id, reason: 'It is not expired (rotated since?), so it was kept.' });
        continue;
      }
      const r = await this.d.revoke(id, out.accountId);
      if (r.ok) out.revoked.push(id);
      else out.skipped.push({ id, reason: r.error.message });
    }
    return ok(out);
  }
}
