/**
 * The incremental watcher (a check walks only the accounts whose snapshot changed; the ledger
 * prunes only what changed; the persisted records are made once) does exactly what the watcher
 * did when every check walked every token of every account: the reference copy of that watcher
 * (tests/support/reference/, commit f47a837) runs side by side with the current one over random
 * histories of three accounts, on one clock and one snapshot source, and after every step both
 * must have shown the same notifications, persisted the same state and rendered the same tray.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { AuthorizationView } from '../../../../shared/domain/authorization.js';
import { ExpiryWatcher, type WatcherNotice } from '../../../../main/services/expiry-watcher.js';
import { ExpiryLedger } from '../../../../main/services/expiry-ledger.js';
import { ExpiryWatcher as ReferenceWatcher } from '../../../support/reference/expiry-watcher-v1.js';
import type { Logger, NotifiedRecord, PersistedState } from '../../../../main/ports.js';
import { SimClock } from '../../../support/sim-clock.js';
import { FakePower, FakeSource, PlainStore, RecordingNotifier, RecordingTray, view } from '../../../support/expiry-harness.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const ALL = [
  { id: 'acct-1', email: 'ada@example.com', active: true },
  { id: 'acct-2', email: 'bob@example.com', active: false },
  { id: 'acct-3', email: 'cy@example.com', active: false },
];

type Step =
  | { kind: 'add'; account: number; lifeMs: number | null; held: boolean }
  | { kind: 'remove'; account: number; pick: number }
  | { kind: 'rotate'; account: number; pick: number; lifeMs: number }
  | { kind: 'wobble'; account: number; ms: number }
  | { kind: 'never'; account: number; pick: number }
  | { kind: 'borrow'; account: number; from: number; pick: number }
  | { kind: 'same'; account: number }
  | { kind: 'fail'; account: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'jump'; ms: number; reported: boolean }
  | { kind: 'thresholds'; values: number[] }
  | { kind: 'accounts'; count: number }
  | { kind: 'restart'; clean: boolean };

const lifeArb = fc.oneof(fc.integer({ min: -2 * H, max: 3 * DAY }), fc.integer({ min: MIN, max: 3 * H }), fc.integer({ min: 6 * DAY, max: 9 * DAY }));
const account = fc.integer({ min: 0, max: 2 });
const thresholdsArb = fc.uniqueArray(fc.constantFrom(0, 300, 3600, 6 * 3600, 86400, 7 * 86400), { minLength: 1, maxLength: 4 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), account, lifeMs: fc.option(lifeArb, { nil: null }), held: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), account, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rotate' as const), account, pick: fc.nat(), lifeMs: lifeArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wobble' as const), account, ms: fc.integer({ min: -3 * MIN, max: 3 * MIN }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('never' as const), account, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('borrow' as const), account, from: account, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('same' as const), account }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail' as const), account }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 1, max: 2 * MIN }), fc.integer({ min: 1, max: 8 * H })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: MIN, max: 8 * H }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('jump' as const), ms: fc.integer({ min: -DAY, max: DAY }), reported: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('thresholds' as const), values: thresholdsArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('accounts' as const), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), clean: fc.boolean() }) },
);

interface Token {
  id: string;
  description: string;
  expiresAt: number | null;
  held: boolean;
}

type AnyWatcher = { start(): void; stop(): void; check(): void; onNotice(l: (n: WatcherNotice) => void): () => void };

/** One watcher with its own store, notifier and tray; `log` is everything it did, in order. */
type WatcherDeps = ConstructorParameters<typeof ExpiryWatcher>[0];

function side(make: (deps: WatcherDeps) => AnyWatcher, shared: { clock: SimClock; source: FakeSource; power: FakePower; accounts: () => typeof ALL }, thresholds: number[], extra: Partial<WatcherDeps> = {}) {
  const store = new PlainStore();
  store.state.settings = { ...store.state.settings, thresholdsSeconds: thresholds };
  const notifier = new RecordingNotifier();
  const tray = new RecordingTray();
  const log: unknown[] = [];
  // A process that died: its watcher hears nothing more (its timers go with clock.cancelAll()).
  let kill = () => {};
  const build = () => {
    kill();
    let alive = true;
    kill = () => void (alive = false);
    const source = { onChanged: (l: Parameters<FakeSource['onChanged']>[0]) => shared.source.onChanged((snap) => alive && l(snap)), cached: (id: string) => shared.source.cached(id) };
    const power = { on: (e: Parameters<FakePower['on']>[0], l: () => void) => shared.power.on(e, () => alive && l()) };
    const w = make({ clock: shared.clock, store, logger: quiet, source, accounts: { list: shared.accounts }, notifier, tray, power, settleMs: 45_000, format: { locale: 'en-GB', timeZone: 'UTC' }, ...extra });
    w.onNotice((n) => log.push([shared.clock.mono(), n.kind, n.spec.key, n.spec.title, n.spec.body, n.warnings.map((x) => [x.item.id, x.thresholdSeconds, x.expiresAtMs])]));
    w.start();
    return w;
  };
  return { store, notifier, tray, log, build, watcher: build() };
}

/**
 * `budget`: the current watcher walks at most this many pairs per check and goes on in the next
 * turn, a turn being a zero-delay timer on the simulated clock (like setImmediate, it runs before
 * any later timer); before every comparison the turns due are run.
 */
/** A persisted state with its notified pairs in one fixed order (the set they are, not a list). */
function byPair(state: PersistedState): PersistedState {
  const key = (r: NotifiedRecord) => `${r.authorizationId} ${r.thresholdSeconds} ${r.expiresAt}`;
  return { ...state, notified: [...state.notified].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

function runHistory(thresholds: number[], initial: Token[][], steps: Step[], budget?: number): void {
  const clock = new SimClock(Date.parse('2026-11-27T12:00:00Z'));
  const source = new FakeSource();
  const power = new FakePower();
  let count = 3;
  const accounts = () => ALL.slice(0, count);
  const shared = { clock, source, power, accounts };
  const lists = initial.map((l) => [...l]);
  let seq = 1000;
  const turns = budget === undefined ? {} : { scanBudget: budget, nextTurn: (fn: () => void) => void clock.setTimeout(fn, 0) };
  const now = side((d) => new ExpiryWatcher(d), shared, thresholds, turns);
  // The turns due run before the next event (a snapshot, a check, a power event), as setImmediate's
  // do before the next timer; events that interleave with them make the walk see a later snapshot
  // sooner, which is a different (equally valid) history, not a difference to compare.
  const turn = () => clock.advance(0);
  const ref = side((d) => new ReferenceWatcher(d), shared, thresholds);
  const views = new Map<number, AuthorizationView[]>();
  const publish = (a: number, error = false) => {
    const acct = ALL[a]!;
    const items = lists[a]!.map((t) => {
      const v = view(t.id, acct.id, t.description, t.expiresAt);
      return t.held ? { ...v, held: true } : v;
    });
    for (const s of [now, ref]) s.store.state = { ...s.store.state, heldTokens: { ...s.store.state.heldTokens, [acct.id]: lists[a]!.filter((t) => t.held).map((t) => t.id) } };
    views.set(a, items);
    source.publish(acct.id, items, clock.now(), error ? { code: 'offline', message: 'offline', at: new Date(clock.now()).toISOString() } : null);
    turn();
  };
  const compare = (where: string) => {
    clock.advance(0);
    expect(now.log, where).toEqual(ref.log);
    expect(now.notifier.shown, where).toEqual(ref.notifier.shown);
    // The persisted pairs are a set: the ledger lists them by id in the order it first knew each id
    // (one entry per id), the reference in the order each id's first record was made.
    expect(byPair(now.store.state), where).toEqual(byPair(ref.store.state));
    expect(now.tray.states, where).toEqual(ref.tray.states);
  };
  for (let a = 0; a < 3; a++) publish(a);
  compare('initial lists');
  steps.forEach((s, i) => {
    const list = 'account' in s ? lists[s.account]! : [];
    const pick = <T,>(xs: T[], n: number) => xs[n % Math.max(1, xs.length)];
    switch (s.kind) {
      case 'add':
        list.push({ id: `t${seq}`, description: `token ${seq++}`, expiresAt: s.lifeMs === null ? null : clock.now() + s.lifeMs, held: s.held });
        publish(s.account);
        break;
      case 'remove':
        list.splice(s.pick % Math.max(1, list.length), 1);
        publish(s.account);
        break;
      case 'rotate': {
        const t = pick(list, s.pick);
        if (t) t.expiresAt = clock.now() + s.lifeMs;
        publish(s.account);
        break;
      }
      case 'wobble':
        for (const t of list) if (t.expiresAt !== null) t.expiresAt += s.ms;
        publish(s.account);
        break;
      case 'never': {
        const t = pick(list, s.pick);
        if (t) t.expiresAt = null;
        publish(s.account);
        break;
      }
      case 'borrow': {
        // The same id in two accounts' lists: the watcher must fall back to walking everything.
        const t = pick(lists[s.from]!, s.pick);
        if (t && s.from !== s.account) list.push({ ...t });
        publish(s.account);
        break;
      }
      case 'same':
        source.publish(ALL[s.account]!.id, views.get(s.account) ?? [], clock.now());
        turn();
        break;
      case 'fail':
        publish(s.account, true);
        break;
      case 'advance':
        clock.advance(s.ms);
        break;
      case 'sleep':
        clock.sleep(s.ms);
        power.emit('resume');
        turn();
        break;
      case 'jump':
        clock.jump(s.ms);
        if (s.reported) power.emit('clock-jump');
        turn();
        break;
      case 'thresholds':
        for (const x of [now, ref]) {
          x.store.state = { ...x.store.state, settings: { ...x.store.state.settings, thresholdsSeconds: s.values } };
          x.watcher.check();
          turn();
        }
        break;
      case 'accounts':
        count = s.count;
        now.watcher.check();
        turn();
        ref.watcher.check();
        break;
      case 'restart':
        for (const x of [now, ref]) if (s.clean) x.watcher.stop();
        clock.cancelAll();
        now.watcher = now.build();
        turn();
        ref.watcher = ref.build();
        for (let a = 0; a < 3; a++) publish(a);
        break;
    }
    compare(`step ${i}: ${JSON.stringify(s)}`);
  });
  clock.advance(3 * H);
  compare('three hours later');
}

const tokenArb = fc.record({ lifeMs: fc.option(lifeArb, { nil: null }), held: fc.boolean() });

describe('ExpiryWatcher (differential, against the walk-everything watcher)', () => {
  it('notifies, persists and renders exactly as before over random histories of three accounts', () => {
    fc.assert(
      fc.property(thresholdsArb, fc.array(fc.array(tokenArb, { maxLength: 6 }), { minLength: 3, maxLength: 3 }), fc.array(stepArb, { minLength: 1, maxLength: 30 }), (thresholds, initial, steps) => {
        const start = Date.parse('2026-11-27T12:00:00Z');
        let n = 0;
        const lists = initial.map((l) => l.map((t) => ({ id: `i${n}`, description: `initial ${n++}`, expiresAt: t.lifeMs === null ? null : start + t.lifeMs, held: t.held })));
        runHistory(thresholds, lists, steps);
      }),
      { numRuns: 300 },
    );
  }, 600_000);

  it('does the same when a check walks only a few pairs at a time and goes on in the next turn', () => {
    fc.assert(
      fc.property(
        thresholdsArb,
        fc.array(fc.array(tokenArb, { maxLength: 6 }), { minLength: 3, maxLength: 3 }),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (thresholds, initial, steps, budget) => {
          const start = Date.parse('2026-11-27T12:00:00Z');
          let n = 0;
          const lists = initial.map((l) => l.map((t) => ({ id: `i${n}`, description: `initial ${n++}`, expiresAt: t.lifeMs === null ? null : start + t.lifeMs, held: t.held })));
          runHistory(thresholds, lists, steps, budget);
        },
      ),
      { numRuns: 300 },
    );
  }, 600_000);

  it('does the same when an id borrowed into a second account is rotated there and borrowed into a third (a counterexample CI found)', () => {
    const start = Date.parse('2026-11-27T12:00:00Z');
    const lists = [[], [{ lifeMs: 111895, held: false }], []].map((l, a) => l.map((t, k) => ({ id: `i${a + k}`, description: `initial ${a + k}`, expiresAt: start + t.lifeMs, held: t.held })));
    lists[1]![0]!.id = 'i0';
    lists[1]![0]!.description = 'initial 0';
    runHistory(
      [604800, 0],
      lists,
      [
        { kind: 'accounts', count: 2 },
        { kind: 'borrow', account: 0, from: 1, pick: 0 },
        { kind: 'rotate', account: 0, pick: 0, lifeMs: 518400000 },
        { kind: 'borrow', account: 2, from: 0, pick: 0 },
      ],
      1,
    );
  });

  it('does the same when two accounts list one id with different expiries (the walk-everything fallback)', () => {
    const start = Date.parse('2026-11-27T12:00:00Z');
    runHistory([3600, 0], [[{ id: 'i0', description: 'a', expiresAt: start + 90 * MIN, held: false }], [], []], [
      { kind: 'advance', ms: 50_000 },
      { kind: 'borrow', account: 1, from: 0, pick: 0 },
      { kind: 'rotate', account: 1, pick: 0, lifeMs: 3 * H },
      { kind: 'advance', ms: H },
      { kind: 'add', account: 2, lifeMs: null, held: false },
      { kind: 'advance', ms: H },
    ]);
  });

  it('a refresh of one account walks that account only, not the others (counting lifetime lookups)', () => {
    const clock = new SimClock(Date.parse('2026-11-27T12:00:00Z'));
    const source = new FakeSource();
    const store = new PlainStore();
    const w = new ExpiryWatcher({ clock, store, logger: quiet, source, accounts: { list: () => ALL }, notifier: new RecordingNotifier() });
    w.start();
    const tokens = (a: number, n: number) => Array.from({ length: n }, (_, i) => view(`a${a}-${i}`, ALL[a]!.id, `token ${i}`, clock.now() + (i + 2) * DAY));
    for (let a = 0; a < 3; a++) source.publish(ALL[a]!.id, tokens(a, 100), clock.now());
    const lookups = vi.spyOn(ExpiryLedger.prototype, 'lifetimeOf');
    try {
      source.publish(ALL[1]!.id, [...tokens(1, 100), view('new', ALL[1]!.id, 'new', clock.now() + 3 * DAY)], clock.now());
      expect(lookups).toHaveBeenCalledTimes(101);
      lookups.mockClear();
      // Nothing changed and no deadline reached: the minute timer walks nothing at all.
      clock.advance(60_000);
      expect(lookups).toHaveBeenCalledTimes(0);
    } finally {
      lookups.mockRestore();
      w.stop();
    }
  });

  it('the persisted records are not rebuilt when no record changed', () => {
    const ledger = new ExpiryLedger(120_000, { seenBefore: new Set(), lastCheckAt: null, notified: [] });
    const life = ledger.lifetime({ id: 'x', expiresAtMs: 10 * H, receivedAt: 0 }, 0);
    ledger.markDone('x', 3600, life);
    const first = ledger.toPersisted();
    expect(ledger.toPersisted()).toBe(first);
    ledger.markDone('x', 3600, life);
    expect(ledger.toPersisted()).toBe(first);
    ledger.markDone('x', 60, life);
    expect(ledger.toPersisted()).not.toBe(first);
    expect(ledger.toPersisted().map((r) => r.thresholdSeconds)).toEqual([3600, 60]);
    // One lifetime's time text is made once and shared by its records.
    expect(ledger.toPersisted()[0]?.expiresAt).toBe(new Date(10 * H).toISOString());
    expect(ledger.toPersisted()[1]?.expiresAt).toBe(ledger.toPersisted()[0]?.expiresAt);
  });
});
