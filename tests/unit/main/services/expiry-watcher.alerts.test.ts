/** The "new authorization seen" alert, and the words of the summary and alerts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpiryWatcher } from '../../../../main/services/expiry-watcher.js';
import { newAuthorizationNotification, summaryNotification, type DueWarning } from '../../../../main/services/notification-texts.js';
import type { Logger } from '../../../../main/ports.js';
import { SimClock } from '../../../support/sim-clock.js';
import { ACCOUNTS, FakeSource, PlainStore, RecordingNotifier, view } from '../../../support/expiry-harness.js';

const START = Date.parse('2026-11-27T12:00:00Z');
const H = 3600_000;
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const ada = ACCOUNTS[0]!;

function setup(store = new PlainStore()) {
  const clock = new SimClock(START);
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
  return { clock, source, notifier, store, watcher };
}

const cli = { ...view('cli', ada.id, 'Heroku CLI login from build-box', null), createdAt: '2026-11-27T11:58:00Z', scopes: ['global'] };

describe('new authorization alert', () => {
  it('seeds silently from the first list after sign-in, then alerts about a foreign newcomer', () => {
    const { source, notifier, store, clock } = setup();
    source.publish(ada.id, [view('old', ada.id, 'Old key', null)], clock.now());
    expect(notifier.shown).toEqual([]);
    expect(store.state.seenAuthorizations[ada.id]).toEqual(['old']);
    source.publish(ada.id, [view('old', ada.id, 'Old key', null), cli], clock.now());
    expect(notifier.shown).toEqual([
      {
        key: 'new-authorization:cli',
        title: 'New Heroku authorization: “Heroku CLI login from build-box”',
        body: 'Account ada@example.com: created Fri, 27 Nov 2026, 11:58:00 UTC, scope global. If you or your tools did not do this, revoke it.',
        actions: [],
        target: { accountId: ada.id, authorizationId: 'cli' },
        urgency: 'normal',
      },
    ]);
    // Seen now: the next refresh says nothing.
    source.publish(ada.id, [view('old', ada.id, 'Old key', null), cli], clock.now());
    expect(notifier.shown).toHaveLength(1);
  });

  it("is quiet about the app's own tokens (heldTokens)", () => {
    const { source, notifier, store, clock } = setup();
    source.publish(ada.id, [], clock.now());
    store.update((s) => ({ ...s, heldTokens: { [ada.id]: ['mine'] } }));
    source.publish(ada.id, [view('mine', ada.id, 'Made here', START + H)], clock.now());
    expect(notifier.shown).toEqual([]);
  });

  it('remembers what was seen across restarts', () => {
    const store = new PlainStore();
    setup(store).source.publish(ada.id, [cli], START);
    const again = setup(store);
    again.source.publish(ada.id, [cli], START);
    expect(again.notifier.shown).toEqual([]);
  });

  it('several newcomers make one alert; failed refreshes and the setting turn it off', () => {
    const { source, notifier, store, clock } = setup();
    source.publish(ada.id, [], clock.now());
    const a = view('n1', ada.id, 'Tool A', null);
    const b = view('n2', ada.id, 'Tool B', null);
    source.publish(ada.id, [a, b], clock.now(), { code: 'offline', message: 'offline', at: '' });
    expect(notifier.shown).toEqual([]);
    source.publish(ada.id, [a, b], clock.now());
    expect(notifier.shown.map((n) => [n.key, n.title, n.body])).toEqual([
      ['new-authorizations', '2 new Heroku authorizations', '“Tool A” (ada@example.com)\n“Tool B” (ada@example.com)\nIf you or your tools did not create them, revoke them.'],
    ]);
    store.update((s) => ({ ...s, settings: { ...s.settings, notifyNewAuthorizations: false } }));
    source.publish(ada.id, [a, b, view('n3', ada.id, 'Tool C', null)], clock.now());
    expect(notifier.shown).toHaveLength(1);
    expect(store.state.seenAuthorizations[ada.id]).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('notification texts', () => {
  const w = (id: string, description: string, leftMs: number, email = 'ada@example.com'): DueWarning => ({
    accountId: 'a',
    email,
    item: { id, description, tokenLast4: 'ab12' },
    expiresAtMs: START + leftMs,
    thresholdSeconds: 0,
  });

  it('a summary lists at most four tokens, soonest first, and says how many more', () => {
    const list = [w('1', 'One', 5 * H), w('2', 'Two', -H), w('3', 'Three', 2 * H), w('4', '', 3 * H), w('5', 'Five', 4 * H), w('6', 'Six', 6 * H)];
    const spec = summaryNotification(list, START);
    expect(spec.title).toBe('6 Heroku tokens need attention (1 expired)');
    expect(spec.body.split('\n')).toEqual([
      '“Two” (ada@example.com) expired 1 h ago',
      '“Three” (ada@example.com) expires in 2 h 00 min',
      '“token ending ab12” (ada@example.com) expires in 3 h 00 min',
      '“Five” (ada@example.com) expires in 4 h 00 min',
      'and 2 more',
    ]);
    expect(spec.target).toEqual({ accountId: 'a', authorizationId: '2' });
    expect(spec.urgency).toBe('critical');
  });

  it('a summary names the same tokens in the same order as sorting every warning did (ties stay in order)', () => {
    // The summary used to sort every warning to name four; it now picks them in one pass.
    const sorted = (ws: DueWarning[]) => [...ws].sort((a, b) => a.expiresAtMs - b.expiresAtMs);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 6 }), fc.constantFrom(0, 3600, 86400)), { maxLength: 12 }), (spec) => {
        const list = spec.map(([hours, t], i) => ({ ...w(`${i}`, `Token ${i}`, hours * H), thresholdSeconds: t }));
        const made = summaryNotification(list, START);
        const want = sorted(list);
        const named = made.body.split('\n').filter((l) => l.startsWith('“'));
        expect(named.map((l) => /“Token (\d+)”/.exec(l)?.[1])).toEqual(want.slice(0, 4).map((x) => x.item.id));
        expect(made.target).toEqual(want[0] ? { accountId: 'a', authorizationId: want[0].item.id } : null);
        expect(made.urgency).toBe(want.some((x) => x.expiresAtMs - START <= H) ? 'critical' : 'normal');
      }),
    );
  });

  it('a summary of tokens that are days away is not critical', () => {
    const week = (x: DueWarning) => ({ ...x, thresholdSeconds: 7 * 86400 });
    const spec = summaryNotification([week(w('1', 'One', 50 * H)), week(w('2', 'Two', 60 * H))], START);
    expect(spec).toMatchObject({ title: '2 Heroku tokens expire within 7 days', urgency: 'normal' });
  });

  it('an alert for many newcomers is bounded too', () => {
    const found = Array.from({ length: 7 }, (_, i) => ({
      accountId: 'a',
      email: 'ada@example.com',
      item: { ...view(`n${i}`, 'a', `Tool ${i}`, null) },
    }));
    const spec = newAuthorizationNotification(found);
    expect(spec.body.split('\n')).toHaveLength(6);
    expect(spec.body).toContain('and 3 more');
  });
});
