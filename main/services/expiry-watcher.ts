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
 * - First sight: a token already inside a threshold when the app first learns of its lifetime (at
 *   sign-in, a token created elsewhere or while the app was closed, a rotation done elsewhere) is
 *   warned about once, for its most urgent threshold passed, in the same one notification as
 *   everything else due in that check: one token's warning, or one summary ("2 Heroku tokens
 *   expire within a day"), never a flood. Every threshold behind it is marked done with it.
 *   A token this app itself holds (the user just created or rotated it here and saw it), or one
 *   the "new authorization" alert just named, is marked done silently, and so are thresholds
 *   just added in settings.
 * - Pairs that came due while the app was closed or asleep are caught up when it starts (once
 *   every account has a snapshot, or after settleMs) or resumes; several due at once become ONE
 *   notification: the most urgent threshold of one token, or one summary for several tokens.
 * - Without a notification daemon (Notifier.isSupported() false) pairs are still marked done;
 *   the tray state comes from the snapshots regardless.
 */
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import type { AbsoluteTimeOptions } from '../../shared/domain/expiry.js';
import type { MissedNotification } from '../../shared/contract.js';
import { trayState, withMissedNotice, type TrayState } from '../../shared/domain/tray-state.js';
import type { Clock, Logger, NotificationOutcome, Notifier, PowerEvents, SettingsStore, TimerHandle, TrayView } from '../ports.js';
import { CappedTimer, DEFAULT_MAX_TIMER_MS } from './capped-timer.js';
import { ExpiryLedger } from './expiry-ledger.js';
import { cliLoginNotification, expiryNotification, summaryNotification, type DueWarning, type WatcherNotice } from './notification-texts.js';

export type { WatcherNotice } from './notification-texts.js';
import { NewAuthorizationSpotter } from './new-authorization-spotter.js';
import { ExpiryScan } from './expiry-scan.js';
import { mostUrgent, WalkTurns } from './walk-turns.js';
import { takeTurn } from '../heroku/turns.js';

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
  /** Who uses a token ("app backup-worker"), from the last consumer scan; null when nothing known. */
  usedBy?: (accountId: string, authorizationId: string) => string | null;
  /** Locale and zone of absolute times in notifications (the system's by default). */
  format?: AbsoluteTimeOptions;
  maxTimerMs?: number;
  settleMs?: number;
  lifetimeToleranceMs?: number;
  /** Whether a token is the Heroku CLI's login (its warning says so and offers Renew). */
  isCliLogin?: (accountId: string, authorizationId: string) => boolean;
  /**
   * Pairs one check walks or settles before it lets the event loop run (a big catch-up, such as
   * the moment ten accounts of 1,000 tokens are all in, goes on in the turns after; see check()).
   */
  scanBudget?: number;
  /**
   * Runs `fn` in a later turn of the event loop. By default the app's one queue of turns
   * (heroku/turns.ts), shared with the client's parsing and the views: one heavy step per turn.
   */
  nextTurn?: (fn: () => void) => void;
}

/**
 * Pairs per turn: about a millisecond of the main thread here (one account of 1,000 tokens and 3
 * thresholds is 3,000 pairs). Each turn also pays a check's fixed cost (settings, accounts,
 * snapshots, ~0.1 ms): at 1,500 a first sight of 10,000 tokens took 27 turns and ~19 ms, at
 * 6,000 7 turns and ~10 ms but turns of 2-3 ms, which the ten accounts' first refresh of the
 * event-loop bench felt (17-20 ms of wall clock in three runs).
 */
export const DEFAULT_SCAN_BUDGET = 3000;

const CHECK_PERSIST_MS = 5 * 60_000;

/** Runs `fn` in a turn of the shared queue (one heavy step per event-loop iteration). */
const inTurn = (fn: () => void): void => void takeTurn().then(fn);

export class ExpiryWatcher {
  private ledger: ExpiryLedger | null = null;
  private spotter: NewAuthorizationSpotter | null = null;
  private readonly timer: CappedTimer;
  private settleTimer: TimerHandle | null = null;
  private ready = false;
  private thresholds: number[] | null = null;
  private lastTray = '';
  private missed: MissedNotification | null = null;
  private lastCheckPersisted = Number.NEGATIVE_INFINITY;
  private lastCheckAt: number | null = null;
  /** A walk's end left the ledger's records to be written in a later turn (see check). */
  private owed = false;
  private readonly unsubscribe: Array<() => void> = [];
  /** Per account: the last snapshot seen, to tell a refresh that changed nothing. */
  private readonly lastSnapshots = new Map<string, AuthorizationsSnapshot>();
  private readonly listeners = new Set<(notice: WatcherNotice) => void>();
  /** Newcomers the spotter just alerted about: that alert names them, so first sight adds no second one. */
  private readonly announced = new Set<string>();
  /** What the last full scan looked at, and the first moment after it when anything can change. */
  private lastScan: { snapshots: AuthorizationsSnapshot[]; thresholds: string; ready: boolean; at: number; next: number } | null = null;
  /** The walks of the (lifetime, threshold) pairs, each account's kept until its snapshot changes. */
  private readonly scans = new ExpiryScan();
  /**
   * A check that stopped at its budget, and what it and the checks continuing it found so far.
   * Their pairs are marked done in the ledger (in memory only); they fire, and the ledger is
   * written, together with the check that finishes the walk, as the one notification of one check.
   */
  private readonly walk: WalkTurns;

  constructor(private readonly deps: ExpiryWatcherDeps) {
    this.timer = new CappedTimer(deps.clock, () => this.check(), deps.maxTimerMs ?? DEFAULT_MAX_TIMER_MS);
    this.walk = new WalkTurns(deps.nextTurn ?? inTurn, () => this.check());
  }

  /** Loads what earlier runs notified, subscribes to snapshots and power events, and plans. */
  start(): void {
    if (this.ledger) return;
    this.lastScan = null;
    this.scans.clear();
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
        const before = this.lastSnapshots.get(snapshot.accountId);
        this.lastSnapshots.set(snapshot.accountId, snapshot);
        // A refresh that changed nothing (the very same views, no error then or now) has nothing
        // new to spot or plan; the planned timer (at most maxTimerMs away) keeps the deadlines.
        // With 10,000 tokens this walk is most of a refresh's main-thread time.
        if (before?.items === snapshot.items && before.lastError === null && snapshot.lastError === null) return;
        const accounts = this.deps.accounts.list();
        for (const id of this.spotter?.inspect(snapshot, accounts) ?? []) this.announced.add(id);
        // A long list was just built in this turn (its views, its sort): its walk takes a turn of its
        // own. Not for an account that is not signed in: no check walks its list, and a walk asked
        // for would make the next check scan everything anew, as if something had changed.
        const walked = accounts.some((a) => a.id === snapshot.accountId);
        if (walked && snapshot.items.length * (this.thresholds?.length ?? 1) > this.budget()) return this.walk.soon();
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
    this.timer.cancel();
    this.settleTimer?.cancel();
    this.settleTimer = null;
    for (const off of this.unsubscribe.splice(0)) off();
    this.lastSnapshots.clear();
    // Pairs a walk's end notified and left to write in a later turn are written now, unless
    // another walk is under way: the ledger in memory then also holds pairs it has not notified,
    // and writing it would claim those done (the notified ones are given again at the next start).
    const notifiedLedger = this.owed && this.walk.pending === null ? this.ledger : null;
    // A catch-up cut short is dropped with the ledger: its pairs were never written as done (nor
    // was its moment as checked), so the next start catches them up again.
    this.walk.reset();
    this.owed = false;
    // The stamp must be a moment that was actually checked: pairs due since then are still open.
    const last = this.lastCheckAt;
    if (this.ledger && last !== null) this.deps.store.update((s) => ({ ...s, notified: notifiedLedger ? notifiedLedger.toPersisted() : s.notified, lastCheckAt: last }));
    this.ledger = null;
    this.scans.clear();
  }

  /** Subscribes to every notice (shown or not); returns the unsubscribe function. */
  onNotice(listener: (notice: WatcherNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tray state for this moment (also what the TrayView was last given). */
  trayState(): TrayState {
    return trayState(this.deps.accounts.list(), this.snapshots(), this.deps.clock.now());
  }

  /** Re-evaluates everything now: fires what is due, persists, renders the tray, plans the next timer. */
  check(): void {
    const ledger = this.ledger;
    if (!ledger) return;
    const now = this.deps.clock.now();
    const state = this.deps.store.read();
    const thresholds = [...new Set(state.settings.thresholdsSeconds)].sort((a, b) => b - a);
    // A walk cut short goes on with what its first check knew: thresholds added then are still
    // "just added", and tokens announced then are still quiet.
    const carried = this.walk.pending;
    const added = this.thresholds ? thresholds.filter((t) => !this.thresholds?.includes(t) || carried?.added.includes(t)) : [];
    this.thresholds = thresholds;
    const accounts = this.deps.accounts.list();
    const snapshots = this.snapshots(accounts);
    if (!this.ready && snapshots.length === accounts.length) this.ready = true;
    // Tokens first seen without a warning: the app's own (the user just made or rotated them here
    // and saw them) and newcomers the spotter just alerted about.
    const announced = carried ? [...carried.announced, ...this.announced] : [...this.announced];
    const quiet = new Set([...Object.values(state.heldTokens).flat(), ...announced]);
    this.announced.clear();
    // The capped timer wakes this every minute; with the same snapshots, thresholds and readiness,
    // and no deadline or urgency change reached since the last full scan, a scan finds nothing new.
    // Skipping it keeps a big account (thousands of tokens) from walking every pair every minute.
    const unchanged = carried ? null : this.unchangedSince(snapshots, thresholds, now);
    this.scans.count(ledger, snapshots);
    const emails = new Map(accounts.map((a) => [a.id, a.email]));
    const inputs = { thresholds, added, now, quiet, emails, ready: this.ready, budget: this.budget() };
    const scan = unchanged ? { due: [], changed: false, next: unchanged.next, more: false } : this.scans.scan(ledger, snapshots, inputs);
    // Out of budget (a catch-up of thousands of pairs): the walk goes on in the next turn, so IPC
    // and the tray run in between. Nothing fires and nothing is written until it is whole: still
    // one notification, and the persisted ledger never claims a pair done that was not notified.
    if (scan.more) return this.walk.hold({ due: scan.due, changed: scan.changed, added, announced });
    // A walk cut short by the budget ends here: what its earlier turns found fires with this turn's.
    const finishing = this.walk.take();
    const due = finishing ? [...finishing.due, ...scan.due] : scan.due;
    let changed = scan.changed || (finishing?.changed ?? false);
    if (!unchanged && snapshots.length === accounts.length && snapshots.every((s) => s.fetchedAt !== null)) {
      changed = this.scans.prune(ledger, snapshots) || changed;
    }
    if (!unchanged) this.lastScan = { snapshots, thresholds: thresholds.join(), ready: this.ready, at: now, next: scan.next };
    this.lastCheckAt = now;
    if (finishing) {
      // The end of a walk of many turns: this turn walked its last pairs and notifies (never
      // written before notified: the notification comes first). The write of the ledger (its
      // records listed and checked) and the tray (a pass over every token) each follow in a turn
      // of their own (each was up to 2–4 ms at 10,000 tokens on the bench's machine, all in this
      // turn before). Until that write, the notified pairs are owed: any persist writes them
      // (a plain check in between), and so does a stop (see stop()).
      if (due.length > 0) this.fire(due, now, mostUrgent(scan.due, finishing.tokens));
      this.owed ||= changed;
      this.walk.later(() => {
        // A walk begun since holds pairs not notified yet: its own end writes (what is owed too).
        // The stamp is the latest moment checked (a check in between may have been later).
        if (this.ledger && !this.walk.pending) this.persist(this.ledger, false, this.lastCheckAt ?? now);
      });
      this.walk.later(() => this.ledger && this.renderTray(this.deps.accounts.list(), this.snapshots(), this.deps.clock.now()));
    } else {
      this.persist(ledger, changed, now);
      if (due.length > 0) this.fire(due, now, mostUrgent(due));
      this.renderTray(accounts, snapshots, now);
    }
    this.timer.plan(Math.max(1, Math.min(scan.next, now + this.timer.maxMs) - now));
  }

  private budget(): number {
    return this.deps.scanBudget ?? DEFAULT_SCAN_BUDGET;
  }

  /**
   * Resolves once the watcher has nothing left in later turns: no walk under way (its
   * notification given, its pairs written) and no tray render to follow. For benchmarks and
   * tests that time a refresh with everything it sets off.
   */
  idle(): Promise<void> {
    return this.walk.idle();
  }

  /** The last full scan, if nothing it depends on changed and the clock is still before its next deadline. */
  private unchangedSince(snapshots: AuthorizationsSnapshot[], thresholds: number[], now: number): { next: number } | null {
    const last = this.lastScan;
    if (!last || last.ready !== this.ready || last.thresholds !== thresholds.join()) return null;
    // A clock that went back, or reached a deadline or urgency change, needs a real scan.
    if (now < last.at || now >= last.next) return null;
    const same = snapshots.length === last.snapshots.length && snapshots.every((s, i) => s === last.snapshots[i]);
    return same ? last : null;
  }

  private snapshots(accounts = this.deps.accounts.list()): AuthorizationsSnapshot[] {
    const out: AuthorizationsSnapshot[] = [];
    for (const a of accounts) {
      const s = this.deps.source.cached(a.id);
      if (s) out.push(s);
    }
    return out;
  }

  private persist(ledger: ExpiryLedger, changedNow: boolean, now: number): void {
    const changed = changedNow || this.owed;
    this.owed = false;
    // After the clock went back, an old stamp would be later than this check: replace it at once.
    const stampDue = now < this.lastCheckPersisted || now - this.lastCheckPersisted >= CHECK_PERSIST_MS;
    if (!changed && !stampDue) return;
    this.lastCheckPersisted = now;
    this.deps.store.update((s) => ({ ...s, notified: changed ? ledger.toPersisted() : s.notified, lastCheckAt: now }));
  }

  /** One notification per check: the most urgent threshold of a token, or a summary of several tokens. */
  private fire(due: DueWarning[], now: number, byToken = mostUrgent(due)): void {
    const tokens = [...byToken.values()];
    const only = tokens[0];
    if (tokens.length === 1 && only) {
      const usedBy = this.deps.usedBy?.(only.accountId, only.item.id) ?? null;
      const cli = this.deps.isCliLogin?.(only.accountId, only.item.id) ?? false;
      const spec = cli ? cliLoginNotification(only, now, this.deps.format) : expiryNotification({ ...only, usedBy }, now, this.deps.format);
      this.deliver({ kind: 'expiry', spec, warnings: due, shown: false });
    } else {
      this.deliver({ kind: 'summary', spec: summaryNotification(tokens, now), warnings: due, shown: false });
    }
  }

  private deliver(notice: WatcherNotice): void {
    const n = this.deps.notifier;
    if (!n || !n.isSupported()) {
      this.deps.logger.info('notifications unavailable; the tray shows the warning', { key: notice.spec.key });
      return this.settle(notice, { shown: false, reason: 'unsupported' });
    }
    let outcome: Promise<NotificationOutcome> | void;
    try {
      outcome = n.show(notice.spec);
    } catch (e) {
      return this.settle(notice, { shown: false, reason: e instanceof Error ? e.message : String(e) });
    }
    // A warning counts as delivered only once the OS confirmed it ('show'), not when it was asked.
    if (!outcome) return this.settle(notice, { shown: true });
    void outcome.then(
      (o) => this.settle(notice, o),
      (e: unknown) => this.settle(notice, { shown: false, reason: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** Tells listeners what became of a notice; a refused one is logged and kept for the tray and the popover. */
  private settle(notice: WatcherNotice, outcome: NotificationOutcome): void {
    if (!outcome.shown && outcome.reason !== 'unsupported') {
      this.deps.logger.warn('notification not shown; the tray and the popover show it instead', { key: notice.spec.key, reason: outcome.reason });
      this.missed = { title: notice.spec.title, body: notice.spec.body, at: new Date(this.deps.clock.now()).toISOString() };
      this.lastTray = '';
      if (this.ledger) this.renderTray(this.deps.accounts.list(), this.snapshots(), this.deps.clock.now());
    }
    const done = { ...notice, shown: outcome.shown };
    for (const l of this.listeners) l(done);
  }

  /** The last warning the OS refused to show (null when none, or once the user saw it in the popover). */
  missedNotification(): MissedNotification | null {
    return this.missed;
  }

  /** The user has seen the popover's banner: the tray goes back to the tokens' own state. */
  acknowledgeMissed(): void {
    if (!this.missed) return;
    this.missed = null;
    this.lastTray = '';
    if (this.ledger) this.renderTray(this.deps.accounts.list(), this.snapshots(), this.deps.clock.now());
  }

  private renderTray(accounts: ReturnType<AccountDirectory['list']>, snapshots: AuthorizationsSnapshot[], now: number): void {
    const tray = this.deps.tray;
    if (!tray) return;
    const state = withMissedNotice(trayState(accounts, snapshots, now), this.missed?.title ?? null);
    const key = JSON.stringify(state);
    if (key === this.lastTray) return;
    this.lastTray = key;
    tray.render(state);
  }
}
