/**
 * Leases: short-lived tokens (5 min to 8 h) the app creates for one job and revokes when the
 * lease ends — not merely lets expire — also when the end passed while the app was closed or the
 * computer slept (the ledger is persisted; start() and resume catch up).
 *
 * Safety rule (property-tested): the only authorizations this service ever revokes are ones in
 * its ledger, and a record enters the ledger only from the answer to its own create request.
 */
import type { NewToken } from '../../shared/contract.js';
import { LEASE_MAX_SECONDS, LEASE_MIN_SECONDS, type LeaseView } from '../../shared/domain/leases.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { Clock, Logger, PowerEvents, TimerHandle } from '../ports.js';
import { LeaseLedger, type LeaseLedgerStore, type LeaseRecord } from './lease-ledger.js';

export { LEASE_MAX_SECONDS, LEASE_MIN_SECONDS };

export interface LeaseServiceDeps {
  clock: Clock;
  store: LeaseLedgerStore;
  logger: Logger;
  /** Creates the token (AuthorizationService.create: kept in the keychain, shown once). */
  create(input: { description: string; scopes: string[]; expiresIn: number; accountId?: string }): Promise<Result<NewToken>>;
  /** Revokes by id (AuthorizationService.revoke: one DELETE, never retried). */
  revoke(id: string, accountId: string): Promise<Result<{ id: string }>>;
  /** Whether the authorization still exists (a GET): read before resending a DELETE whose outcome is unknown. */
  exists(id: string, accountId: string): Promise<Result<boolean>>;
  power?: PowerEvents | null;
  /** Longest single timer: a wall-clock jump is noticed within it (default 60 s). */
  maxTimerMs?: number;
  /** Wait after a failed revocation before trying again (default 60 s). */
  retryMs?: number;
}


export class LeaseService {
  private readonly ledger: LeaseLedger;
  private timer: TimerHandle | null = null;
  private readonly inFlight = new Set<string>();
  private readonly retryAt = new Map<string, number>();
  /** Leases whose last DELETE has an unknown outcome: read before sending another (house rule 5). */
  private readonly unsure = new Set<string>();
  /** Leases Heroku refused to end (401/403): no automatic retry; shown, and "End lease" tries again. */
  private readonly refused = new Map<string, string>();
  private readonly listeners = new Set<(leases: LeaseView[]) => void>();
  private unsubscribe: Array<() => void> = [];
  private running = false;

  constructor(private readonly deps: LeaseServiceDeps) {
    this.ledger = new LeaseLedger(deps.store);
    // An earlier run may have sent a DELETE whose answer never came: read before sending one.
    for (const r of this.ledger.all()) this.unsure.add(key(r));
  }

  /** Subscribes to the list of leases after each change. */
  onChanged(listener: (leases: LeaseView[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every lease the app holds, soonest end first. */
  list(): LeaseView[] {
    // The store hands out frozen arrays: sort a copy.
    return [...this.ledger.all()]
      .sort((a, b) => a.endsAt - b.endsAt)
      .map((r) => {
        const endError = this.refused.get(key(r));
        return { accountId: r.accountId, id: r.authorizationId, endsAt: new Date(r.endsAt).toISOString(), scopes: r.scopes, ...(endError ? { endError } : {}) };
      });
  }

  /** Creates a lease: a token with these scopes that the app revokes after lifetimeSeconds. */
  async lease(input: { scopes: string[]; lifetimeSeconds: number; accountId?: string; description?: string }): Promise<Result<NewToken>> {
    const s = input.lifetimeSeconds;
    if (!Number.isInteger(s) || s < LEASE_MIN_SECONDS || s > LEASE_MAX_SECONDS) {
      return err('bad_request', 'A lease lasts from 5 minutes to 8 hours.');
    }
    const description = input.description?.trim() || `Lease: ${input.scopes.join(', ')} for ${describeSeconds(s)} (Heroku Token Tray)`;
    const created = await this.deps.create({ description, scopes: input.scopes, expiresIn: s, accountId: input.accountId });
    if (!created.ok) return created;
    const a = created.value.authorization;
    const now = this.deps.clock.now();
    const endsAt = a.expiresAt ? Math.min(Date.parse(a.expiresAt), now + s * 1000) : now + s * 1000;
    this.ledger.add({ accountId: a.accountId, authorizationId: a.id, endsAt, createdAt: now, scopes: a.scopes });
    this.changed();
    this.plan();
    return created;
  }

  /** Ends a lease now ("End lease"): one revocation; refuses anything the app did not lease. */
  async end(id: string, accountId: string): Promise<Result<{ id: string }>> {
    const record = this.ledger.find(accountId, id);
    if (!record) return err('not_found', 'That token is not a lease this app made; it was not revoked.');
    this.refused.delete(key(record)); // the user asked: try once more
    return this.revokeLease(record);
  }

  /** Starts ending due leases now and at each lease's end; re-checks on wake and unlock. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const p = this.deps.power;
    if (p) this.unsubscribe = (['resume', 'unlock', 'clock-jump'] as const).map((e) => p.on(e, () => this.check()));
    this.check();
  }

  /** Stops the timers (records stay: the next start ends what came due meanwhile). */
  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    this.unsubscribe.forEach((u) => u());
    this.unsubscribe = [];
  }

  /** Forgets the leases of a removed account. */
  forgetAccount(accountId: string): void {
    this.ledger.removeAccount(accountId);
    this.changed();
  }

  /** Revokes every due lease (each once at a time), then plans the next check. */
  check(): void {
    if (!this.running) return;
    const now = this.deps.clock.now();
    // Due leases, and ended-early ones whose DELETE had an unknown outcome (a read finds out).
    const asked = this.ledger.all().filter((r) => this.unsure.has(key(r)) && this.retryAt.has(key(r)) && r.endsAt > now);
    for (const r of [...this.ledger.due(now), ...asked]) {
      if (this.inFlight.has(key(r)) || this.refused.has(key(r)) || (this.retryAt.get(key(r)) ?? 0) > now) continue;
      void this.revokeLease(r);
    }
    this.plan();
  }

  private async revokeLease(r: LeaseRecord): Promise<Result<{ id: string }>> {
    const k = key(r);
    if (this.inFlight.has(k)) return err('bad_request', 'This lease is being ended already.');
    this.inFlight.add(k);
    try {
      if (this.unsure.has(k)) {
        // The last DELETE may have worked: look first, and resend only if it is still there.
        const still = await this.deps.exists(r.authorizationId, r.accountId);
        if (!still.ok) return this.later(r, still);
        this.unsure.delete(k);
        if (!still.value) return this.ended(r);
      }
      const res = await this.deps.revoke(r.authorizationId, r.accountId);
      if (res.ok || res.error.code === 'not_found') return this.ended(r);
      if (res.error.code === 'unauthorized' || res.error.code === 'forbidden') {
        this.refused.set(k, `This lease could not be ended: ${res.error.message}`);
        this.retryAt.delete(k);
        this.deps.logger.warn('Heroku refused to end a lease; not retrying', { accountId: r.accountId, code: res.error.code });
        this.changed();
        return res;
      }
      if (res.error.code === 'unknown_outcome') this.unsure.add(k);
      return this.later(r, res);
    } finally {
      this.inFlight.delete(k);
      this.plan();
    }
  }

  private ended(r: LeaseRecord): Result<{ id: string }> {
    this.ledger.remove(r.accountId, r.authorizationId);
    this.retryAt.delete(key(r));
    this.unsure.delete(key(r));
    this.refused.delete(key(r));
    this.changed();
    return ok({ id: r.authorizationId });
  }

  /** Offline, rate limited, outcome unknown: keep the record and look again later. */
  private later<T>(r: LeaseRecord, res: Result<T> & { ok: false }): Result<never> {
    this.retryAt.set(key(r), this.deps.clock.now() + (this.deps.retryMs ?? 60_000));
    this.deps.logger.warn('a lease could not be revoked yet; will check again', { accountId: r.accountId, code: res.error.code });
    return res;
  }

  private plan(): void {
    this.timer?.cancel();
    this.timer = null;
    if (!this.running) return;
    const now = this.deps.clock.now();
    // A revocation under way re-plans when it settles; counting it here would spin a 0 ms timer.
    const waiting = this.ledger.all().filter((r) => !this.inFlight.has(key(r)) && !this.refused.has(key(r)));
    const next = Math.min(...waiting.map((r) => nextLook(r, this.retryAt.get(key(r)), this.unsure.has(key(r)))));
    if (!Number.isFinite(next)) return;
    const wait = Math.min(Math.max(next - now, 0), this.deps.maxTimerMs ?? 60_000);
    this.timer = this.deps.clock.setTimeout(() => this.check(), wait);
  }

  private changed(): void {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }
}

const key = (r: { accountId: string; authorizationId: string }) => `${r.accountId}:${r.authorizationId}`;

/** When to look at a lease next: at its end, not before a retry wait; an ended-early one with an unknown outcome at its retry. */
function nextLook(r: LeaseRecord, retryAt: number | undefined, unsure: boolean): number {
  if (retryAt === undefined) return r.endsAt;
  return unsure ? retryAt : Math.max(r.endsAt, retryAt);
}

/** "15 min", "2 h", "1 h 30 min". */
export function describeSeconds(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
