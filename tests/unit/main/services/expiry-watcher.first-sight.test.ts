/**
 * Crack 9: a token first seen already inside a warning threshold (at sign-in, or appearing later)
 * used to get no notification at all. Now first sight sends ONE notification for everything
 * inside a threshold ("2 Heroku tokens expire within a day"), never one per token or per
 * threshold; the ledger records those pairs so they are not notified again, here or after a
 * restart. A token this app itself just made or rotated (it holds it) stays silent: the user is
 * looking at it.
 */
import { describe, expect, it } from 'vitest';
import { ExpiryWatcher } from '../../../../main/services/expiry-watcher.js';
import type { Logger } from '../../../../main/ports.js';
import { SimClock } from '../../../support/sim-clock.js';
import { ACCOUNTS, FakeSource, PlainStore, RecordingNotifier, view } from '../../../support/expiry-harness.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const START = Date.parse('2026-11-27T12:00:00Z');
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const ada = ACCOUNTS[0]!;

function setup(store = new PlainStore(), clock = new SimClock(START)) {
  const source = new FakeSource();
  const notifier = new RecordingNotifier();
  const watcher = new ExpiryWatcher({
    clock,
    store,
    logger: quiet,
    source,
    accounts: { list: () => [ada] },
    notifier,
    format: { locale: 'en-GB', timeZone: 'UTC' },
  });
  watcher.start();
  return { store, clock, source, notifier, watcher };
}

const signInList = () => [
  view('a', ada.id, 'Deploy', START + 20 * H),
  view('b', ada.id, 'CI', START + 30 * MIN),
  view('c', ada.id, 'Monthly', START + 30 * DAY),
  view('d', ada.id, 'Forever', null),
];

describe('first sight inside a threshold', () => {
  it('at sign-in, sends ONE summary for the tokens already inside a threshold', () => {
    const { source, notifier, clock } = setup();
    source.publish(ada.id, signInList(), START);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]).toMatchObject({ key: 'expiry-summary', title: '2 Heroku tokens expire within a day', urgency: 'critical' });
    expect(notifier.shown[0]!.body.split('\n')).toEqual(["“CI” (ada@example.com) expires in 30 min 00 s", '“Deploy” (ada@example.com) expires in 20 h 00 min']);
    // Refreshes of the same list add nothing.
    clock.advance(5 * MIN);
    source.publish(ada.id, signInList(), clock.now());
    expect(notifier.shown).toHaveLength(1);
  });

  it('records the first-sight pairs, so only thresholds still ahead fire later, and a restart repeats nothing', () => {
    const store = new PlainStore();
    const first = setup(store);
    first.source.publish(ada.id, signInList(), START);
    const pairs = (id: string) =>
      store.state.notified
        .filter((r) => r.authorizationId === id)
        .map((r) => r.thresholdSeconds)
        .sort((x, y) => x - y);
    expect(pairs('a')).toEqual([86400, 604800]);
    expect(pairs('b')).toEqual([3600, 86400, 604800]);
    expect(pairs('c')).toEqual([]);
    first.watcher.stop();

    const again = setup(store, new SimClock(START + MIN));
    again.source.publish(ada.id, signInList(), START + MIN);
    again.clock.advance(10 * MIN);
    expect(again.notifier.shown).toEqual([]);
    // "CI" reaches its expiry: that threshold was still ahead, so it fires, once.
    again.clock.advance(20 * MIN);
    expect(again.notifier.shown.map((n) => n.key)).toEqual(['expiry:b:0']);
  });

  it('a single token first seen inside a threshold gets its own warning (with Rotate now)', () => {
    const { source, notifier } = setup();
    source.publish(ada.id, [view('a', ada.id, 'Deploy', START + 20 * H)], START);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]).toMatchObject({ key: 'expiry:a:86400', title: 'Heroku token “Deploy” expires in 20 h 00 min' });
    expect(notifier.shown[0]!.actions).toEqual([{ id: 'rotate', label: 'Rotate now' }]);
  });

  it('a token appearing later (created elsewhere) inside a threshold is warned about on first sight', () => {
    const store = new PlainStore();
    store.state.settings = { ...store.state.settings, notifyNewAuthorizations: false };
    const { source, notifier, clock } = setup(store);
    source.publish(ada.id, [view('c', ada.id, 'Monthly', START + 30 * DAY)], START);
    expect(notifier.shown).toEqual([]);
    clock.advance(H);
    source.publish(ada.id, [view('c', ada.id, 'Monthly', START + 30 * DAY), view('n', ada.id, 'CLI login', clock.now() + 2 * H)], clock.now());
    expect(notifier.shown.map((n) => n.key)).toEqual(['expiry:n:86400']);
  });

  it('with the "new authorization" alert on, that one alert names the newcomer and its expiry (not two notifications)', () => {
    const { source, notifier, clock } = setup();
    source.publish(ada.id, [], START);
    clock.advance(H);
    source.publish(ada.id, [view('n', ada.id, 'CLI login', clock.now() + 2 * H)], clock.now());
    expect(notifier.shown.map((n) => n.key)).toEqual(['new-authorization:n']);
    expect(notifier.shown[0]!.body).toContain('expires Fri, 27 Nov 2026, 15:00:00 UTC');
    // Its thresholds behind it are done: nothing more until the next one ahead (1 h before expiry).
    clock.advance(59 * MIN);
    expect(notifier.shown).toHaveLength(1);
    clock.advance(MIN);
    expect(notifier.shown.map((n) => n.key)).toEqual(['new-authorization:n', 'expiry:n:3600']);
  });

  it('never floods: twelve tokens inside thresholds at sign-in make one notification', () => {
    const { source, notifier } = setup();
    const many = Array.from({ length: 12 }, (_, i) => view(`t${i}`, ada.id, `Token ${i}`, START + (i + 1) * H));
    source.publish(ada.id, many, START);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.title).toBe('12 Heroku tokens expire within a day');
    expect(notifier.shown[0]!.body).toMatch(/and 8 more$/);
  });

  it('says "within 7 days" when that is the tightest window holding them all, and counts expired ones', () => {
    const { source, notifier } = setup();
    source.publish(ada.id, [view('a', ada.id, 'A', START + 3 * DAY), view('b', ada.id, 'B', START + 2 * DAY)], START);
    expect(notifier.shown[0]!.title).toBe('2 Heroku tokens expire within 7 days');
    const next = setup();
    next.source.publish(ada.id, [view('a', ada.id, 'A', START + 3 * H), view('x', ada.id, 'X', START)], START);
    expect(next.notifier.shown[0]!.title).toBe('2 Heroku tokens need attention (1 expired)');
  });

  it('stays silent for a token this app itself just created or rotated (it holds it)', () => {
    const { source, notifier } = setup();
    source.publish(ada.id, [{ ...view('mine', ada.id, 'Made here', START + 2 * H), held: true }], START);
    expect(notifier.shown).toEqual([]);
  });
});
