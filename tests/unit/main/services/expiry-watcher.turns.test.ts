/**
 * The moment every account is in (or a long sleep ends), the watcher settles every pair that came
 * due: with 10 accounts of 1,000 tokens that was one walk of thousands of pairs in one go on
 * Electron's main thread (the longest event-loop block of the stall benchmark). A check now walks
 * at most about `scanBudget` pairs and goes on in the next turn of the event loop (setImmediate),
 * so IPC and the tray run in between; the walk's warnings still make ONE notification, and
 * nothing is written as done until that notification is given.
 * (The differential test checks, over random histories, that a walk cut short and continued ends
 * exactly where the whole walk would.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExpiryWatcher, DEFAULT_SCAN_BUDGET } from '../../../../main/services/expiry-watcher.js';
import { ExpiryLedger } from '../../../../main/services/expiry-ledger.js';
import type { Logger } from '../../../../main/ports.js';
import { SimClock } from '../../../support/sim-clock.js';
import { FakeSource, PlainStore, RecordingNotifier, view } from '../../../support/expiry-harness.js';

const MIN = 60_000;
const START = Date.parse('2026-11-27T12:00:00Z');
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const ACCOUNTS = Array.from({ length: 10 }, (_, i) => ({ id: `acct-${i}`, email: `dev${i}@example.com`, active: i === 0 }));
const TOKENS = 1000;
const THRESHOLDS = [86_400, 3600];

/** An account's tokens, each inside both thresholds already (10 min to 50 min left). */
const list = (a: number) => Array.from({ length: TOKENS }, (_, i) => view(`t${a}-${i}`, ACCOUNTS[a]!.id, `token ${a}-${i}`, START + 10 * MIN + (i % 40) * MIN));

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(store: PlainStore) {
  const clock = new SimClock(START);
  const source = new FakeSource();
  const notifier = new RecordingNotifier();
  const watcher = new ExpiryWatcher({ clock, store, logger: quiet, source, accounts: { list: () => ACCOUNTS }, notifier, format: { locale: 'en-GB', timeZone: 'UTC' } });
  watcher.start();
  return { clock, source, notifier, watcher };
}

const freshStore = () => {
  const store = new PlainStore();
  store.state.settings = { ...store.state.settings, thresholdsSeconds: THRESHOLDS };
  return store;
};

afterEach(() => vi.restoreAllMocks());

describe('a big catch-up goes on across turns of the event loop', () => {
  it('walks at most about the budget per turn, then gives ONE notification for all of it', async () => {
    const store = freshStore();
    const { source, notifier, watcher } = setup(store);
    for (let a = 0; a < 9; a++) source.publish(ACCOUNTS[a]!.id, list(a), START);
    // Not every account is in yet: nothing settles, nothing is shown.
    expect(notifier.shown).toHaveLength(0);
    const settled = vi.spyOn(ExpiryLedger.prototype, 'markDone');
    source.publish(ACCOUNTS[9]!.id, list(9), START);
    // The ready moment: 10 accounts × 1,000 tokens × 2 thresholds are due. This turn settled
    // only part of them, showed nothing and wrote nothing.
    const perTurn = [settled.mock.calls.length];
    expect(notifier.shown).toHaveLength(0);
    expect(store.state.notified).toHaveLength(0);
    for (let i = 0; i < 100 && notifier.shown.length === 0; i++) {
      const before = settled.mock.calls.length;
      await turn();
      perTurn.push(settled.mock.calls.length - before);
    }
    const total = 10 * TOKENS * THRESHOLDS.length;
    expect(settled).toHaveBeenCalledTimes(total);
    // Each turn settled at most the budget (a walk stops between two tokens, even inside an account).
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(DEFAULT_SCAN_BUDGET);
    expect(perTurn.filter((n) => n > 0).length).toBeGreaterThanOrEqual(Math.ceil(total / DEFAULT_SCAN_BUDGET));
    // One notification for every token of every account, and every pair written as done (in a
    // turn after the notification's: never written before it is given).
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.title).toBe(`${10 * TOKENS} Heroku tokens expire within an hour`);
    expect(store.state.notified).toHaveLength(0);
    await watcher.idle();
    expect(store.state.notified).toHaveLength(total);
    // Nothing more: the next refreshes and the minute timer find every pair done.
    for (let a = 0; a < 10; a++) source.publish(ACCOUNTS[a]!.id, list(a), START);
    for (let i = 0; i < 10; i++) await turn();
    expect(notifier.shown).toHaveLength(1);
    watcher.stop();
  });

  it('a stop in the middle of the walk writes none of it as done: the next start catches all of it up, once', async () => {
    const store = freshStore();
    const first = setup(store);
    for (let a = 0; a < 10; a++) first.source.publish(ACCOUNTS[a]!.id, list(a), START);
    await turn();
    // Quit while the walk is still going on.
    expect(first.notifier.shown).toHaveLength(0);
    first.watcher.stop();
    for (let i = 0; i < 20; i++) await turn();
    expect(first.notifier.shown).toHaveLength(0);
    expect(store.state.notified).toHaveLength(0);

    const second = setup(store);
    for (let a = 0; a < 10; a++) second.source.publish(ACCOUNTS[a]!.id, list(a), START + MIN);
    for (let i = 0; i < 100 && second.notifier.shown.length === 0; i++) await turn();
    expect(second.notifier.shown).toHaveLength(1);
    expect(second.notifier.shown[0]!.title).toBe(`${10 * TOKENS} Heroku tokens expire within an hour`);
    await second.watcher.idle();
    expect(store.state.notified).toHaveLength(10 * TOKENS * THRESHOLDS.length);
    second.watcher.stop();
  });

  it('the walk\'s end: the last pairs\' turn notifies, the write and the tray follow in turns of their own; a stop before the write writes the notified pairs, and the next start gives nothing again', async () => {
    const store = freshStore();
    const first = setup(store);
    const settled = vi.spyOn(ExpiryLedger.prototype, 'markDone');
    const listed = vi.spyOn(ExpiryLedger.prototype, 'toPersisted');
    for (let a = 0; a < 10; a++) first.source.publish(ACCOUNTS[a]!.id, list(a), START);
    const total = 10 * TOKENS * THRESHOLDS.length;
    // Turns until the last pair is settled: that turn notifies and lists none of the ledger's records.
    for (let i = 0; i < 100 && settled.mock.calls.length < total; i++) await turn();
    expect(settled).toHaveBeenCalledTimes(total);
    expect(first.notifier.shown).toHaveLength(1);
    expect(listed).not.toHaveBeenCalled();
    expect(store.state.notified).toHaveLength(0);
    // Quit now, before the write's turn: the stop writes what was notified.
    first.watcher.stop();
    expect(store.state.notified).toHaveLength(total);
    for (let i = 0; i < 10; i++) await turn();
    expect(first.notifier.shown).toHaveLength(1);
    // The next start finds every pair done: nothing is given twice (a minute later: still due).
    const second = setup(store);
    for (let a = 0; a < 10; a++) second.source.publish(ACCOUNTS[a]!.id, list(a), START + MIN);
    await second.watcher.idle();
    expect(second.notifier.shown).toHaveLength(0);
    expect(store.state.notified).toHaveLength(total);
    second.watcher.stop();
  });

  it('the walk\'s end: without a stop, the write follows in the next turn, with the latest moment checked', async () => {
    const store = freshStore();
    const { source, notifier, watcher, clock } = setup(store);
    const settled = vi.spyOn(ExpiryLedger.prototype, 'markDone');
    for (let a = 0; a < 10; a++) source.publish(ACCOUNTS[a]!.id, list(a), START);
    const total = 10 * TOKENS * THRESHOLDS.length;
    for (let i = 0; i < 100 && settled.mock.calls.length < total; i++) await turn();
    expect(notifier.shown).toHaveLength(1);
    expect(store.state.notified).toHaveLength(0);
    await turn();
    expect(store.state.notified).toHaveLength(total);
    expect(store.state.lastCheckAt).toBe(START);
    await watcher.idle();
    // A later check that finds nothing new neither notifies nor moves what was written.
    clock.advance(MIN);
    watcher.check();
    expect(notifier.shown).toHaveLength(1);
    expect(store.state.notified).toHaveLength(total);
    watcher.stop();
    expect(store.state.lastCheckAt).toBe(START + MIN);
  });

  it('a plain check between the walk\'s end and its write writes the notified pairs; a stop then loses no warning and repeats none', async () => {
    const store = freshStore();
    const first = setup(store);
    const settled = vi.spyOn(ExpiryLedger.prototype, 'markDone');
    for (let a = 0; a < 10; a++) first.source.publish(ACCOUNTS[a]!.id, list(a), START);
    const total = 10 * TOKENS * THRESHOLDS.length;
    for (let i = 0; i < 100 && settled.mock.calls.length < total; i++) await turn();
    expect(first.notifier.shown).toHaveLength(1);
    // The minute timer (or a settings change) checks before the write's turn, a little later.
    first.clock.advance(1000);
    first.watcher.check();
    expect(store.state.notified).toHaveLength(total);
    expect(store.state.lastCheckAt).toBe(START + 1000);
    // The write's own turn does not put the stamp back to the walk's moment.
    await first.watcher.idle();
    expect(store.state.lastCheckAt).toBe(START + 1000);
    first.watcher.stop();
    expect(first.notifier.shown).toHaveLength(1);
    const second = setup(store);
    for (let a = 0; a < 10; a++) second.source.publish(ACCOUNTS[a]!.id, list(a), START + MIN);
    await second.watcher.idle();
    expect(second.notifier.shown).toHaveLength(0);
    second.watcher.stop();
  });

  it('a check in the middle of the walk (a new snapshot) continues the same walk: still one expiry notification', async () => {
    const store = freshStore();
    const { source, notifier, watcher, clock } = setup(store);
    for (let a = 0; a < 10; a++) source.publish(ACCOUNTS[a]!.id, list(a), START);
    // Before the next turn: one account refreshes with one token more, due as well.
    source.publish(ACCOUNTS[3]!.id, [...list(3), view('extra', ACCOUNTS[3]!.id, 'extra', START + 20 * MIN)], clock.now());
    for (let i = 0; i < 100 && !notifier.shown.some((n) => n.key === 'expiry-summary'); i++) await turn();
    for (let i = 0; i < 10; i++) await turn();
    // The new token's own alert (it appeared from elsewhere) stands in for its first-sight
    // warning; the walk's one summary has every other token.
    expect(notifier.shown.map((n) => n.key)).toEqual(['new-authorization:extra', 'expiry-summary']);
    expect(notifier.shown[1]!.title).toBe(`${10 * TOKENS} Heroku tokens expire within an hour`);
    expect(store.state.notified.filter((r) => r.authorizationId === 'extra')).toHaveLength(THRESHOLDS.length);
    watcher.stop();
  });
});

describe('idle()', () => {
  it('resolves once a walk of many turns is whole and the tray after it is drawn', async () => {
    const store = freshStore();
    const { source, notifier, watcher } = setup(store);
    await watcher.idle();
    for (let a = 0; a < 10; a++) source.publish(ACCOUNTS[a]!.id, list(a), START);
    expect(notifier.shown).toHaveLength(0);
    await watcher.idle();
    expect(notifier.shown).toHaveLength(1);
    expect(store.state.notified).toHaveLength(10 * TOKENS * THRESHOLDS.length);
    watcher.stop();
  });

  it('resolves when the watcher stops in the middle of a walk', async () => {
    const { source, watcher } = setup(freshStore());
    for (let a = 0; a < 10; a++) source.publish(ACCOUNTS[a]!.id, list(a), START);
    const idle = watcher.idle();
    watcher.stop();
    await expect(idle).resolves.toBeUndefined();
  });
});
