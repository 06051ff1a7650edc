/**
 * A warning counts as delivered only once the OS showed it: one the OS refused (an unsigned macOS
 * build) is logged and kept for the tray (level, tooltip, menu) and the popover until seen.
 */
import { describe, expect, it } from 'vitest';
import { ExpiryWatcher, type WatcherNotice } from '../../../../main/services/expiry-watcher.js';
import type { Logger, NotificationOutcome, NotificationSpec, Notifier } from '../../../../main/ports.js';
import { SimClock } from '../../../support/sim-clock.js';
import { ACCOUNTS, FakeSource, PlainStore, RecordingTray, view } from '../../../support/expiry-harness.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const START = Date.parse('2026-11-27T12:00:00Z');
const [ada] = ACCOUNTS as [(typeof ACCOUNTS)[0]];

/** A notifier the OS answers later, as Electron does with 'show' or 'failed'. */
class AnsweringNotifier implements Notifier {
  pending: Array<(o: NotificationOutcome) => void> = [];
  shown: NotificationSpec[] = [];
  isSupported(): boolean {
    return true;
  }
  show(spec: NotificationSpec): Promise<NotificationOutcome> {
    this.shown.push(spec);
    return new Promise((resolve) => this.pending.push(resolve));
  }
}

function setup() {
  const warnings: Array<[string, unknown]> = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m, meta) => warnings.push([m, meta]), error() {} };
  const clock = new SimClock(START);
  const source = new FakeSource();
  const notifier = new AnsweringNotifier();
  const tray = new RecordingTray();
  const watcher = new ExpiryWatcher({ clock, store: new PlainStore(), logger, source, accounts: { list: () => [ada] }, notifier, tray, format: { locale: 'en-GB', timeZone: 'UTC' } });
  const notices: WatcherNotice[] = [];
  watcher.onNotice((n) => notices.push(n));
  watcher.start();
  // First seen well outside every threshold (no first-sight summary), then the 7-day one comes due.
  source.publish(ada.id, [view('t1', ada.id, 'CI deploy key', START + 8 * DAY)], START);
  clock.advance(DAY + MIN);
  return { notifier, tray, watcher, notices, warnings };
}

describe('a warning the OS refused', () => {
  it('is not counted as shown until the OS says so', async () => {
    const { notifier, notices } = setup();
    expect(notifier.shown).toHaveLength(1);
    expect(notices).toEqual([]);
    notifier.pending[0]!({ shown: true });
    await Promise.resolve();
    expect(notices.map((n) => n.shown)).toEqual([true]);
  });

  it('is logged, kept for the popover, and folded into the tray until the user saw it', async () => {
    const { notifier, tray, watcher, notices, warnings } = setup();
    notifier.pending[0]!({ shown: false, reason: 'not signed' });
    await Promise.resolve();
    expect(notices.map((n) => n.shown)).toEqual([false]);
    expect(warnings).toContainEqual([expect.stringMatching(/not shown/), { key: 'expiry:t1:604800', reason: 'not signed' }]);
    expect(watcher.missedNotification()).toMatchObject({ title: notifier.shown[0]!.title, body: notifier.shown[0]!.body });
    expect(tray.last).toMatchObject({ level: 'warning', notice: notifier.shown[0]!.title, tooltip: expect.stringMatching(/^Heroku Token Tray\n⚠ A warning could not be shown as a notification\n/) });
    watcher.acknowledgeMissed();
    expect(watcher.missedNotification()).toBeNull();
    expect(tray.last?.notice).toBeUndefined();
  });
});
