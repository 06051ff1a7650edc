/**
 * RefreshScheduler: keeps every account's list fresh in the background without wasting the API
 * budget. Each account is refreshed every settings.refreshIntervalMinutes (default 5), right away
 * on start and on resume from sleep; nothing is sent while offline (and everything due goes out
 * when the network is back); the interval stretches when RateLimit-Remaining runs low and after
 * failures; at most one request is in flight per account. One timer, capped like the watcher's,
 * so a wall-clock jump cannot stall it.
 */
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import type { Result } from '../../shared/result.js';
import type { Clock, Connectivity, Logger, PowerEvents, SettingsStore } from '../ports.js';
import { CappedTimer, DEFAULT_MAX_TIMER_MS } from './capped-timer.js';
import { PAGE_SIZE } from '../heroku/pagination.js';

export interface RefreshSchedulerDeps {
  clock: Clock;
  store: SettingsStore;
  logger: Logger;
  accounts: {
    list(): Array<{ id: string }>;
    api(accountId: string): Promise<Result<{ api: { rateLimitRemaining(): number | null } }>>;
  };
  authorizations: { refresh(accountId: string): Promise<Result<AuthorizationsSnapshot>> };
  power?: PowerEvents | null;
  connectivity?: Connectivity | null;
  maxTimerMs?: number;
}

interface AccountSchedule {
  nextDueAt: number;
  lastAttemptAt: number;
  failures: number;
  inFlight: Promise<void> | null;
}

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 60 * MINUTE;
const RATE_LIMITED_MS = 15 * MINUTE;
/** Do not refresh again on resume when the last attempt is this recent. */
const RESUME_DEBOUNCE_MS = 10_000;

/** How much to stretch the interval for a given RateLimit-Remaining (Heroku refills 75/min up to 4500). */
export function rateLimitFactor(remaining: number | null): number {
  if (remaining === null || remaining >= 1000) return 1;
  if (remaining >= 500) return 2;
  if (remaining >= 100) return 4;
  return 12;
}

export class RefreshScheduler {
  private readonly schedules = new Map<string, AccountSchedule>();
  private readonly timer: CappedTimer;
  private running = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: RefreshSchedulerDeps) {
    this.timer = new CappedTimer(deps.clock, () => this.tick(), deps.maxTimerMs ?? DEFAULT_MAX_TIMER_MS);
  }

  /** Starts refreshing: every account now, then on its interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const off = this.deps.power?.on('resume', () => this.refreshAllSoon());
    if (off) this.unsubscribe.push(off);
    const offNet = this.deps.connectivity?.onChange((online) => (online ? this.refreshAllSoon() : this.tick()));
    if (offNet) this.unsubscribe.push(offNet);
    this.tick();
  }

  /** Stops all timers (requests in flight finish on their own). */
  stop(): void {
    this.running = false;
    this.timer.cancel();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Resolves once no refresh is in flight (tests, orderly quit). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.schedules.values()].map((s) => s.inFlight).filter((p): p is Promise<void> => p !== null);
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  /** When the next refresh of an account is due (ms), or null if it is not scheduled. */
  nextDueAt(accountId: string): number | null {
    return this.schedules.get(accountId)?.nextDueAt ?? null;
  }

  /** Makes every account due now (resume, back online) unless it was just refreshed. */
  refreshAllSoon(): void {
    const now = this.deps.clock.now();
    for (const s of this.schedules.values()) {
      if (Math.abs(now - s.lastAttemptAt) >= RESUME_DEBOUNCE_MS) s.nextDueAt = Math.min(s.nextDueAt, now);
    }
    this.tick();
  }

  /** Starts whatever is due and plans the next wake-up. */
  tick(): void {
    if (!this.running) return;
    const now = this.deps.clock.now();
    const online = this.deps.connectivity?.isOnline() ?? true;
    const ids = new Set(this.deps.accounts.list().map((a) => a.id));
    for (const id of this.schedules.keys()) if (!ids.has(id)) this.schedules.delete(id);
    let next = now + this.timer.maxMs;
    for (const id of ids) {
      let s = this.schedules.get(id);
      if (!s) {
        s = { nextDueAt: now, lastAttemptAt: Number.NEGATIVE_INFINITY, failures: 0, inFlight: null };
        this.schedules.set(id, s);
      }
      if (s.inFlight) continue;
      // The wall clock went back: the schedule is meaningless, refresh now and start over.
      if (now < s.lastAttemptAt) s.nextDueAt = now;
      // Offline: nothing goes out; the connectivity event (or the capped timer) brings us back.
      if (!online) continue;
      if (now >= s.nextDueAt) this.launch(id, s, now);
      else next = Math.min(next, s.nextDueAt);
    }
    this.timer.plan(Math.max(1, next - now));
  }

  private launch(accountId: string, s: AccountSchedule, now: number): void {
    s.lastAttemptAt = now;
    s.inFlight = this.refreshOnce(accountId, s).finally(() => {
      s.inFlight = null;
      this.tick();
    });
  }

  private async refreshOnce(accountId: string, s: AccountSchedule): Promise<void> {
    const base = Math.max(1, this.deps.store.read().settings.refreshIntervalMinutes) * MINUTE;
    let interval = base;
    try {
      const res = await this.deps.authorizations.refresh(accountId);
      if (res.ok) {
        s.failures = 0;
        const target = await this.deps.accounts.api(accountId);
        const remaining = target.ok ? target.value.api.rateLimitRemaining() : null;
        // A list of several pages costs several requests: refresh it less often, so a big
        // account spends no more of Heroku's budget per day than a small one.
        const pages = Math.max(1, Math.ceil(res.value.items.length / PAGE_SIZE));
        interval = base * rateLimitFactor(remaining) * pages;
      } else {
        s.failures += 1;
        interval = Math.min(base * 2 ** (s.failures - 1), MAX_BACKOFF_MS);
        if (res.error.code === 'rate_limited') interval = Math.max(interval, RATE_LIMITED_MS);
        this.deps.logger.info('background refresh failed', { accountId, code: res.error.code, retryInMs: interval });
      }
    } catch (e) {
      s.failures += 1;
      interval = Math.min(base * 2 ** (s.failures - 1), MAX_BACKOFF_MS);
      this.deps.logger.error('background refresh threw', { accountId, error: e instanceof Error ? e.message : String(e) });
    }
    s.nextDueAt = this.deps.clock.now() + interval;
  }
}
