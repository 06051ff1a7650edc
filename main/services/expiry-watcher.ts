/**
 * ExpiryWatcher: warns before any token dies, exactly once per (token lifetime, threshold).
 *
 * It plans the next deadline over all (authorization, threshold) pairs and keeps ONE timer, never
 * longer than maxTimerMs (60 s), so a wall-clock jump either way is noticed within a minute. It
 * re-plans after every snapshot, on resume, on unlock and on a reported clock jump.
 *
 * Rules (tested in tests/unit/main/services/expiry-watcher*.test.ts):
 * - Never early: a pair fires only once the wall clock has reached expiresAt - threshold.
 * - Once per lifetime, across restarts and sleeps: done pairs are persisted (PersistedState.notified).
 * - A threshold already behind a token when the app first learns of its lifetime (a 7-day warning
 *   on a fresh 1-hour token, a token created while the app was closed, a just-rotated token) is
 *   marked done silently: the user just made it or gets the "new authorization" alert, and the
 *   tray and popover show its state. Thresholds added in settings behave the same way.
 * - Pairs that came due while the app was closed or asleep are caught up when it starts (once
 *   every account has a snapshot, or after settleMs) or resumes; several due at once become ONE
 *   notification: the most urgent threshold of one token, or one summary for several tokens.
 * - Without a notification daemon (Notifier.isSupported() false) pairs are still marked done;
 *   the tray state comes from the snapshots regardless.
 */
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import { expiryMs, nextUrgencyChange, type AbsoluteTimeOptions } from '../../shared/domain/expiry.js';
import { trayState, type TrayStateModel } from '../../shared/domain/tray-state.js';
import type { Clock, Logger, Notifier, PowerEvents, SettingsStore, TimerHandle, TrayView } from '../ports.js';
import { ExpiryLedger } from './expiry-ledger.js';
import { cliLoginNotification, expiryNotification, summaryNotification, type DueWarning, type WatcherNotice } from './notification-texts.js';

export type { WatcherNotice } from './notification-texts.js';
import { NewAuthorizationSpotter } from './new-authorization-spotter.js';

/** Where snapshots come from (AuthorizationService). */
export interface SnapshotSource {
  onChanged(listener: (snapshot: AuthorizationsSnapshot) => void): () => void;
  cached(accountId: string): AuthorizationsSnapshot | null;
}

/** The signed-in accounts (AccountService). */
export interface AccountDirectory {
  list(): Array<{ id: string; email: string; active: boolean }>;
}

export interface ExpiryWatcherDeps {
  clock: Clock;
  store: SettingsStore;
  logger: Logger;
  source: SnapshotSource;
  accounts: AccountDirectory;
  notifier?: Notifier | null;
  tray?: TrayView | null;
  power?: PowerEvents | null;
  /** Locale and zone of absolute times in notifications (the system's by default). */
  format?: AbsoluteTimeOptions;
  maxTimerMs?: number;
  settleMs?: number;
  lifetimeToleranceMs?: number;
  /** Whether a token is the Heroku CLI's login (its warning says so and offers Renew). */
  isCliLogin?: (accountId: string, authorizationId: string) => boolean;
}

const CHECK_PERSIST_MS = 5 * 60_000;

export class ExpiryWatcher {
  private readonly maxTimerMs: number;
  private ledger: ExpiryLedger | null = null;
  private spotter: NewAuthorizationSpotter | null = null;
  private timer: TimerHandle | null = null;
  private settleTimer: TimerHandle | null = null;
  private ready = false;
  private thresholds: number[] | null = null;
  private lastTray = '';
  private lastCheckPersisted = Number.NEGATIVE_INFINITY;
  private lastCheckAt: number | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly listeners = new Set<(notice: WatcherNotice) => void>();

  constructor(private readonly deps: ExpiryWatcherDeps) {
    this.maxTimerMs = deps.maxTimerMs ?? 60_000;
  }

  /** Loads what earlier runs notified, subscribes to snapshots and power events, and plans. */
  start(): void {
    if (this.ledger) return;
    const state = this.deps.store.read();
    const seenBefore = new Set(Object.values(state.seenAuthorizations).flat());
    this.ledger = new ExpiryLedger(this.deps.lifetimeToleranceMs ?? 120_000, {
      seenBefore,
      lastCheckAt: state.lastCheckAt,
      notified: state.notified,
    });
    this.spotter = new NewAuthorizationSpotter(this.deps.store, this.deps.format ?? {}, (n) => this.deliver(n));
    this.unsubscribe.push(
      this.deps.source.onChanged((snapshot) => {
        this.spotter?.inspect(snapshot, this.deps.accounts.list());
        this.check();
      }),
    );
    for (const event of ['resume', 'unlock', 'clock-jump'] as const) {
      const off = this.deps.power?.on(event, () => this.check());
      if (off) this.unsubscribe.push(off);
    }
    this.settleTimer = this.deps.clock.setTimeout(() => {
      this.ready = true;
      this.check();
    }, this.deps.settleMs ?? 30_000);
    this.check();
  }

  /** Cancels timers and subscriptions and remembers when the last check ran. */
  stop(): void {
    this.timer?.cancel();
    this.settleTimer?.cancel();
    this.timer = this.settleTimer = null;
    for (const off of this.unsubscribe.splice(0)) off();
    // The stamp must be a moment that was actually checked: pairs due since then are still open.
    const last = this.lastCheckAt;
    if (this.ledger && last !== null) this.deps.store.update((s) => ({ ...s, lastCheckAt: last }));
    this.ledger = null;
  }

  /** Subscribes to every notice (shown or not); returns the unsubscribe function. */
  onNotice(listener: (notice: WatcherNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tray state for this moment (also what the TrayView was last given). */
  trayState(): TrayStateModel {
    return trayState(this.deps.accounts.list(), this.snapshots(), this.deps.clock.now());
  }

  /** Re-evaluates everything now: fires what is due, persists, renders the tray, plans the next timer. */
  check(): void {
    const ledger = this.ledger;
    if (!ledger) return;
    const now = this.deps.clock.now();
    const thresholds = [...new Set(this.deps.store.read().settings.thresholdsSeconds)].sort((a, b) => b - a);
    const added = this.thresholds ? thresholds.filter((t) => !this.thresholds?.includes(t)) : [];
    this.thresholds = thresholds;
    const accounts = this.deps.accounts.list();
    const snapshots = this.snapshots(accounts);
    if (!this.ready && snapshots.length === accounts.length) this.ready = true;
    const scan = this.scan(ledger, accounts, snapshots, { thresholds, added, now });
    let changed = scan.changed;
    if (snapshots.length === accounts.length && snapshots.every((s) => s.fetchedAt !== null)) {
      const current = snapshots.flatMap((s) => s.items.map((i) => ({ id: i.id, expiring: i.expiresAt !== null })));
      changed = ledger.prune(current) || changed;
    }
    this.lastCheckAt = now;
    this.persist(ledger, changed, now);
    if (scan.due.length > 0) this.fire(scan.due, now);
    this.renderTray(accounts, snapshots, now);
    this.plan(Math.max(1, scan.next - now));
  }

  /** Walks every (lifetime, threshold) pair: what is due, what to skip silently, the next deadline. */
  private scan(
    ledger: ExpiryLedger,
    accounts: ReturnType<AccountDirectory['list']>,
    snapshots: AuthorizationsSnapshot[],
    p: { thresholds: number[]; added: number[]; now: number },
  ): { due: DueWarning[]; changed: boolean; next: number } {
    const emails = new Map(accounts.map((a) => [a.id, a.email]));
    const due: DueWarning[] = [];
    let changed = false;
    let next = p.now + this.maxTimerMs;
    for (const snap of snapshots) {
      const receivedAt = snap.fetchedAt === null ? p.now : Date.parse(snap.fetchedAt);
      for (const item of snap.items) {
        const reported = expiryMs(item.expiresAt);
        if (reported === null) {
          ledger.observe(item.id);
          continue;
        }
        next = Math.min(next, nextUrgencyChange(reported, p.now) ?? next);
        const life = ledger.lifetime({ id: item.id, expiresAtMs: reported, receivedAt }, p.now);
        for (const t of p.thresholds) {
          const deadline = life.expiresAtMs - t * 1000;
          if (ledger.isDone(item.id, t, life)) continue;
          if (deadline > p.now) {
            next = Math.min(next, deadline);
            continue;
          }
          // Already behind the token when the app learnt of it (or a threshold just added): skip.
          const skip = deadline <= life.firstSeenAt || p.added.includes(t);
          if (!skip && !this.ready) continue;
          if (!skip) {
            const email = emails.get(snap.accountId) ?? '';
            due.push({ accountId: snap.accountId, email, item, expiresAtMs: life.expiresAtMs, thresholdSeconds: t });
          }
          ledger.markDone(item.id, t, life);
          changed = true;
        }
      }
    }
    return { due, changed, next };
  }

  private snapshots(accounts = this.deps.accounts.list()): AuthorizationsSnapshot[] {
    const out: AuthorizationsSnapshot[] = [];
    for (const a of accounts) {
      const s = this.deps.source.cached(a.id);
      if (s) out.push(s);
    }
    return out;
  }

  private persist(ledger: ExpiryLedger, changed: boolean, now: number): void {
    // After the clock went back, an old stamp would be later than this check: replace it at once.
    const stampDue = now < this.lastCheckPersisted || now - this.lastCheckPersisted >= CHECK_PERSIST_MS;
    if (!changed && !stampDue) return;
    this.lastCheckPersisted = now;
    this.deps.store.update((s) => ({ ...s, notified: changed ? ledger.toPersisted() : s.notified, lastCheckAt: now }));
  }

  /** One notification per check: the most urgent threshold of a token, or a summary of several tokens. */
  private fire(due: DueWarning[], now: number): void {
    const byToken = new Map<string, DueWarning>();
    for (const w of due) {
      const prev = byToken.get(w.item.id);
      if (!prev || w.thresholdSeconds < prev.thresholdSeconds) byToken.set(w.item.id, w);
    }
    const tokens = [...byToken.values()];
    const only = tokens[0];
    if (tokens.length === 1 && only) {
      const cli = this.deps.isCliLogin?.(only.accountId, only.item.id) ?? false;
      const spec = (cli ? cliLoginNotification : expiryNotification)(only, now, this.deps.format);
      this.deliver({ kind: 'expiry', spec, warnings: due, shown: false });
    } else {
      this.deliver({ kind: 'summary', spec: summaryNotification(tokens, now), warnings: due, shown: false });
    }
  }

  private deliver(notice: WatcherNotice): void {
    const n = this.deps.notifier;
    let shown = false;
    if (n && n.isSupported()) {
      try {
        n.show(notice.spec);
        shown = true;
      } catch (e) {
        this.deps.logger.warn('notification failed', { key: notice.spec.key, error: e instanceof Error ? e.message : String(e) });
      }
    } else {
      this.deps.logger.info('notifications unavailable; the tray shows the warning', { key: notice.spec.key });
    }
    const done = { ...notice, shown };
    for (const l of this.listeners) l(done);
  }

  private renderTray(accounts: ReturnType<AccountDirectory['list']>, snapshots: AuthorizationsSnapshot[], now: number): void {
    const tray = this.deps.tray;
    if (!tray) return;
    const state = trayState(accounts, snapshots, now);
    const key = JSON.stringify(state);
    if (key === this.lastTray) return;
    this.lastTray = key;
    tray.render(state);
  }

  private plan(delayMs: number): void {
    this.timer?.cancel();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.check();
    }, Math.min(delayMs, this.maxTimerMs));
  }
}
