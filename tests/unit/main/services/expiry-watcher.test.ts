/** The watcher's behaviours one by one: warnings, catch-up summary, first-sight rule, rotation, tray. */
import { describe, expect, it } from 'vitest';
import { ExpiryWatcher, type WatcherNotice } from '../../../../main/services/expiry-watcher.js';
import type { Logger } from '../../../../main/ports.js';
import { SimClock } from '../../../support/sim-clock.js';
import { ACCOUNTS, FakePower, FakeSource, PlainStore, RecordingNotifier, RecordingTray, view } from '../../../support/expiry-harness.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const START = Date.parse('2026-11-27T12:00:00Z');
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const [ada, bob] = ACCOUNTS as [(typeof ACCOUNTS)[0], (typeof ACCOUNTS)[0]];
/** A token the app made or rotated itself (it holds it): no first-sight warning, so a test sees only its thresholds ahead. */
const made = (v: ReturnType<typeof view>) => ({ ...v, held: true });

function setup(store = new PlainStore(), clock = new SimClock(START), accounts = [ada]) {
  const source = new FakeSource();
  const power = new FakePower();
  const notifier = new RecordingNotifier();
  const tray = new RecordingTray();
  const watcher = new ExpiryWatcher({
    clock,
    store,
    logger: quiet,
    source,
    accounts: { list: () => accounts },
    notifier,
    tray,
    power,
    format: { locale: 'en-GB', timeZone: 'UTC' },
  });
  const notices: WatcherNotice[] = [];
  watcher.onNotice((n) => notices.push(n));
  watcher.start();
  return { store, clock, source, power, notifier, tray, watcher, notices };
}

describe('ExpiryWatcher', () => {
  it('warns at the threshold, not a millisecond before, naming token, account and time left', () => {
    const { clock, source, notifier } = setup();
    source.publish(ada.id, [made(view('t1', ada.id, 'CI deploy key', START + 90 * MIN))], clock.now());
    clock.advance(30 * MIN - 1);
    expect(notifier.shown).toEqual([]);
    clock.advance(1);
    expect(notifier.shown).toEqual([
      {
        key: 'expiry:t1:3600',
        title: 'Heroku token “CI deploy key” expires in 1 h 00 min',
        body: 'Account ada@example.com: it expires Fri, 27 Nov 2026, 13:30:00 UTC (in 1 h 00 min). Rotate it before then to keep things working.',
        actions: [{ id: 'rotate', label: 'Rotate now' }],
        target: { accountId: ada.id, authorizationId: 't1' },
        urgency: 'critical',
      },
    ]);
    clock.advance(H);
    expect(notifier.shown.map((n) => n.title)).toEqual([
      'Heroku token “CI deploy key” expires in 1 h 00 min',
      'Heroku token “CI deploy key” expired just now',
    ]);
    expect(notifier.shown[1]?.body).toMatch(/^Account ada@example\.com: it expired Fri, 27 Nov 2026, 13:30:00 UTC\./);
  });

  it('warns once on first sight for thresholds already behind a token (7 days and 1 day on a 90-minute token)', () => {
    const { clock, source, notifier, store } = setup();
    source.publish(ada.id, [view('t1', ada.id, 'Short', START + 90 * MIN)], clock.now());
    expect(notifier.shown.map((n) => [n.key, n.title])).toEqual([['expiry:t1:86400', 'Heroku token “Short” expires in 1 h 30 min']]);
    clock.advance(2 * H);
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:86400', 'expiry:t1:3600', 'expiry:t1:0']);
    expect(store.state.notified.map((r) => r.thresholdSeconds).sort((a, b) => a - b)).toEqual([0, 3600, 86400, 604800]);
  });

  it('says nothing on first sight of a token the app made itself, only at the thresholds ahead', () => {
    const { clock, source, notifier, store } = setup();
    source.publish(ada.id, [made(view('t1', ada.id, 'Short', START + 90 * MIN))], clock.now());
    clock.advance(2 * H);
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:3600', 'expiry:t1:0']);
    expect(store.state.notified.map((r) => r.thresholdSeconds).sort((a, b) => a - b)).toEqual([0, 3600, 86400, 604800]);
  });

  it('catches up thresholds passed while the app was closed with ONE summary', () => {
    const store = new PlainStore();
    const first = setup(store);
    const items = [view('t1', ada.id, 'CI deploy key', START + 2 * H), view('t2', ada.id, 'Staging', START + 3 * DAY)];
    first.source.publish(ada.id, items, START);
    first.clock.advance(MIN);
    first.watcher.stop();
    // Closed for 2.5 days: t1 passed 1 h and expiry; t2 passed 1 day.
    const clock = new SimClock(START + MIN + 2.5 * DAY);
    const second = setup(store, clock);
    second.source.publish(ada.id, items, clock.now());
    expect(second.notifier.shown).toHaveLength(1);
    const [summary] = second.notifier.shown;
    expect(summary).toMatchObject({ key: 'expiry-summary', title: '2 Heroku tokens need attention (1 expired)', target: { authorizationId: 't1' } });
    expect(summary?.body).toBe('“CI deploy key” (ada@example.com) expired 2 days ago\n“Staging” (ada@example.com) expires in 11 h 59 min');
    expect(second.notices[0]?.warnings.map((w) => `${w.item.id}:${w.thresholdSeconds}`).sort()).toEqual(['t1:0', 't1:3600', 't2:86400']);
    second.clock.advance(11 * H);
    expect(second.notifier.shown.map((n) => n.key)).toEqual(['expiry-summary', 'expiry:t2:3600']);
  });

  it('one token with several missed thresholds gets one notification, for the most urgent', () => {
    const store = new PlainStore();
    const first = setup(store);
    first.source.publish(ada.id, [view('t1', ada.id, 'Weekly', START + 3 * DAY)], START);
    first.watcher.stop();
    const second = setup(store, new SimClock(START + 3 * DAY - 30 * MIN));
    second.source.publish(ada.id, [view('t1', ada.id, 'Weekly', START + 3 * DAY)], START + 3 * DAY - 30 * MIN);
    expect(second.notifier.shown.map((n) => [n.key, n.title])).toEqual([['expiry:t1:3600', 'Heroku token “Weekly” expires in 30 min 00 s']]);
  });

  it('after a start, waits for every account before catching up, so two accounts still make one summary', () => {
    const store = new PlainStore();
    const first = setup(store, new SimClock(START), [ada, bob]);
    first.source.publish(ada.id, [view('t1', ada.id, 'Ada key', START + 2 * H)], START);
    first.source.publish(bob.id, [view('t2', bob.id, 'Bob key', START + 2 * H)], START);
    first.watcher.stop();
    const clock = new SimClock(START + 3 * H);
    const second = setup(store, clock, [ada, bob]);
    second.source.publish(ada.id, [view('t1', ada.id, 'Ada key', START + 2 * H)], clock.now());
    expect(second.notifier.shown).toEqual([]);
    second.source.publish(bob.id, [view('t2', bob.id, 'Bob key', START + 2 * H)], clock.now());
    expect(second.notifier.shown.map((n) => n.key)).toEqual(['expiry-summary']);
  });

  it('an account that never answers does not hold the others back for more than the settle time', () => {
    const store = new PlainStore();
    const first = setup(store, new SimClock(START), [ada, bob]);
    first.source.publish(ada.id, [view('t1', ada.id, 'Ada key', START + 2 * H)], START);
    first.source.publish(bob.id, [], START);
    first.watcher.stop();
    const second = setup(store, new SimClock(START + 3 * H), [ada, bob]);
    second.source.publish(ada.id, [view('t1', ada.id, 'Ada key', START + 2 * H)], START + 3 * H);
    second.clock.advance(29_999);
    expect(second.notifier.shown).toEqual([]);
    second.clock.advance(1);
    expect(second.notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:0']);
  });

  it('catches up on resume from sleep, at once', () => {
    const { clock, source, power, notifier } = setup();
    source.publish(ada.id, [made(view('t1', ada.id, 'CI', START + 2 * H))], START);
    clock.sleep(3 * H);
    expect(notifier.shown).toEqual([]);
    power.emit('resume');
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:0']);
  });

  it('sees a clock jump within one capped timer even when nobody reports it', () => {
    const { clock, source, notifier } = setup();
    source.publish(ada.id, [view('t1', ada.id, 'CI', START + 10 * DAY)], START);
    clock.advance(40_000); // past the start-up settle timer, which would also check
    expect(notifier.shown).toEqual([]);
    clock.jump(9 * DAY + 12 * H);
    clock.advance(60_000);
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:86400']);
  });

  it('rotating starts a new lifetime; a refresh that moves expiresAt by seconds does not', () => {
    const { clock, source, notifier } = setup();
    source.publish(ada.id, [made(view('t1', ada.id, 'CI', START + 90 * MIN))], START);
    clock.advance(30 * MIN);
    expect(notifier.shown).toHaveLength(1);
    // Refresh: expiresAt recomputed from a later receipt time, a second off.
    source.publish(ada.id, [made(view('t1', ada.id, 'CI', START + 90 * MIN + 1000))], clock.now());
    clock.advance(MIN);
    expect(notifier.shown).toHaveLength(1);
    // Rotate (here): new 2-hour lifetime; its 1-hour warning comes an hour from now.
    source.publish(ada.id, [made(view('t1', ada.id, 'CI', clock.now() + 2 * H))], clock.now());
    clock.advance(H - 1);
    expect(notifier.shown).toHaveLength(1);
    clock.advance(1);
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:3600', 'expiry:t1:3600']);
  });

  it('thresholds added in settings do not fire for moments already past', () => {
    const { clock, source, notifier, store, watcher } = setup();
    source.publish(ada.id, [made(view('t1', ada.id, 'CI', START + 10 * H))], START);
    store.update((s) => ({ ...s, settings: { ...s.settings, thresholdsSeconds: [12 * 3600, 2 * 3600] } }));
    watcher.check();
    expect(notifier.shown).toEqual([]);
    clock.advance(8 * H);
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:t1:7200']);
  });

  it('without a notification daemon, marks pairs done and still shows the warning in the tray', () => {
    const { clock, source, notifier, tray, notices, store } = setup();
    notifier.supported = false;
    source.publish(ada.id, [made(view('t1', ada.id, 'CI', START + 90 * MIN))], START);
    clock.advance(31 * MIN);
    expect(notifier.shown).toEqual([]);
    expect(notices.map((n) => [n.spec.key, n.shown])).toEqual([['expiry:t1:3600', false]]);
    expect(store.state.notified.some((r) => r.thresholdSeconds === 3600)).toBe(true);
    expect(tray.last).toMatchObject({ level: 'warning', tooltip: expect.stringContaining('“CI” (ada@example.com) expires in 59 min') });
  });

  it('renders the tray on every level change: normal, warning, expired', () => {
    const { clock, source, tray } = setup();
    source.publish(ada.id, [view('t1', ada.id, 'CI', START + 8 * DAY)], START);
    expect(tray.last?.level).toBe('normal');
    clock.advance(DAY);
    expect(tray.last?.level).toBe('warning');
    clock.advance(7 * DAY);
    expect(tray.last).toMatchObject({ level: 'expired', tooltip: 'Heroku Token Tray\n“CI” (ada@example.com) expired just now' });
    expect(new Set(tray.states.map((s) => s.level))).toEqual(new Set(['normal', 'warning', 'expired']));
  });

  it('keeps one timer, never longer than 60 s, and stops cleanly', () => {
    const { clock, source, watcher } = setup();
    source.publish(ada.id, [view('t1', ada.id, 'CI', START + 30 * DAY)], START);
    clock.advance(30_000); // the settle timer is gone now
    expect(clock.pendingTimers()).toBe(1);
    watcher.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('forgets records of revoked tokens', () => {
    const { clock, source, store } = setup();
    source.publish(ada.id, [view('t1', ada.id, 'CI', START + 90 * MIN)], START);
    clock.advance(31 * MIN);
    expect(store.state.notified.length).toBeGreaterThan(0);
    source.publish(ada.id, [], clock.now());
    expect(store.state.notified).toEqual([]);
  });
});
