/** Background refresh: interval, resume, offline pause, rate-limit slow-down, one request in flight. */
import { describe, expect, it } from 'vitest';
import type { AuthorizationsSnapshot } from '../../../../shared/domain/authorization.js';
import { err, ok, type Result } from '../../../../shared/result.js';
import type { Connectivity, Logger } from '../../../../main/ports.js';
import { RefreshScheduler, rateLimitFactor } from '../../../../main/services/refresh-scheduler.js';
import { SimClock } from '../../../support/sim-clock.js';
import { FakePower, PlainStore } from '../../../support/expiry-harness.js';

const MIN = 60_000;
const H = 60 * MIN;
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

class FakeNet implements Connectivity {
  online = true;
  private readonly listeners = new Set<(online: boolean) => void>();
  isOnline(): boolean {
    return this.online;
  }
  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(online: boolean): void {
    this.online = online;
    for (const l of this.listeners) l(online);
  }
}

function setup(opts: { accounts?: string[]; remaining?: number | null } = {}) {
  const clock = new SimClock();
  const store = new PlainStore();
  const power = new FakePower();
  const net = new FakeNet();
  const ids = opts.accounts ?? ['a1'];
  const calls: Array<{ id: string; at: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const world = {
    remaining: opts.remaining ?? (null as number | null),
    result: (): Result<AuthorizationsSnapshot> => ok({ accountId: 'x', items: [], fetchedAt: null, lastError: null }),
    /** When set, refreshes hang until release() is called. */
    gate: null as Promise<void> | null,
  };
  const scheduler = new RefreshScheduler({
    clock,
    store,
    logger: quiet,
    power,
    connectivity: net,
    accounts: {
      list: () => ids.map((id) => ({ id })),
      api: async () => ok({ api: { rateLimitRemaining: () => world.remaining } }),
    },
    authorizations: {
      refresh: async (id) => {
        calls.push({ id, at: clock.now() });
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (world.gate) await world.gate;
        inFlight--;
        return world.result();
      },
    },
  });
  const count = (id = 'a1') => calls.filter((c) => c.id === id).length;
  return { clock, store, power, net, ids, calls, world, scheduler, count, maxInFlight: () => maxInFlight };
}

describe('RefreshScheduler', () => {
  it('refreshes each account at start and then every 5 minutes', async () => {
    const t = setup({ accounts: ['a1', 'a2'] });
    t.scheduler.start();
    await t.clock.advanceAsync(0);
    expect([t.count('a1'), t.count('a2')]).toEqual([1, 1]);
    await t.clock.advanceAsync(5 * MIN - 1);
    expect(t.count('a1')).toBe(1);
    await t.clock.advanceAsync(1);
    expect([t.count('a1'), t.count('a2')]).toEqual([2, 2]);
    await t.clock.advanceAsync(H);
    expect(t.count('a1')).toBe(14);
  });

  it('follows the interval setting', async () => {
    const t = setup();
    t.store.update((s) => ({ ...s, settings: { ...s.settings, refreshIntervalMinutes: 15 } }));
    t.scheduler.start();
    await t.clock.advanceAsync(H);
    expect(t.count()).toBe(5);
  });

  it('never has two requests in flight for one account', async () => {
    const t = setup();
    let release = () => {};
    t.world.gate = new Promise<void>((r) => (release = r));
    t.scheduler.start();
    await t.clock.advanceAsync(30 * MIN);
    t.power.emit('resume');
    await t.clock.advanceAsync(MIN);
    expect(t.count()).toBe(1);
    t.world.gate = null;
    release();
    await t.scheduler.idle();
    await t.clock.advanceAsync(5 * MIN);
    expect(t.count()).toBe(2);
    expect(t.maxInFlight()).toBe(1);
  });

  it('pauses while offline and refreshes as soon as the network is back', async () => {
    const t = setup();
    t.scheduler.start();
    await t.clock.advanceAsync(MIN);
    t.net.set(false);
    await t.clock.advanceAsync(2 * H);
    expect(t.count()).toBe(1);
    t.net.set(true);
    await t.clock.advanceAsync(0);
    expect(t.count()).toBe(2);
    expect(t.calls[1]?.at).toBe(t.clock.now());
  });

  it('refreshes on resume from sleep, but not twice within seconds', async () => {
    const t = setup();
    t.scheduler.start();
    await t.clock.advanceAsync(2 * MIN);
    t.clock.sleep(8 * H);
    t.power.emit('resume');
    await t.clock.advanceAsync(0);
    expect(t.count()).toBe(2);
    t.power.emit('resume');
    await t.clock.advanceAsync(0);
    expect(t.count()).toBe(2);
  });

  it.each([
    [null, 13],
    [4000, 13],
    [700, 7],
    [300, 4],
    [20, 2],
  ])('with RateLimit-Remaining %s, an hour brings %i refreshes', async (remaining, expected) => {
    const t = setup({ remaining });
    t.scheduler.start();
    await t.clock.advanceAsync(H);
    expect(t.count()).toBe(expected);
  });

  it('slows down by a factor that only grows as the budget shrinks', () => {
    const factors = [4500, 1000, 999, 500, 499, 100, 99, 0].map(rateLimitFactor);
    expect(factors).toEqual([1, 1, 2, 2, 4, 4, 12, 12]);
  });

  it('backs off after failures, 15 minutes at least after a 429, and recovers', async () => {
    const t = setup();
    t.world.result = () => err('server_error', 'boom');
    t.scheduler.start();
    await t.clock.advanceAsync(0);
    await t.clock.advanceAsync(5 * MIN + 10 * MIN + 20 * MIN);
    expect(t.calls.map((c) => (c.at - t.calls[0]!.at) / MIN)).toEqual([0, 5, 15, 35]);
    t.world.result = () => err('rate_limited', 'slow down');
    await t.clock.advanceAsync(40 * MIN);
    const before = t.count();
    t.world.result = () => ok({ accountId: 'a1', items: [], fetchedAt: null, lastError: null });
    await t.clock.advanceAsync(60 * MIN);
    expect(t.count()).toBeGreaterThan(before);
  });

  it('a clock set back does not stall refreshing', async () => {
    const t = setup();
    t.scheduler.start();
    await t.clock.advanceAsync(MIN);
    t.clock.jump(-3 * H);
    await t.clock.advanceAsync(10 * MIN);
    expect(t.count()).toBeGreaterThanOrEqual(3);
  });

  it('schedules accounts signed in later and forgets removed ones', async () => {
    const t = setup({ accounts: ['a1'] });
    t.scheduler.start();
    await t.clock.advanceAsync(MIN);
    t.ids.push('a2');
    await t.clock.advanceAsync(MIN);
    expect(t.count('a2')).toBe(1);
    t.ids.splice(0, 1);
    await t.clock.advanceAsync(H);
    expect(t.count('a1')).toBe(1);
    expect(t.scheduler.nextDueAt('a1')).toBeNull();
  });

  it('stop() leaves no timer behind', async () => {
    const t = setup();
    t.scheduler.start();
    await t.clock.advanceAsync(MIN);
    t.scheduler.stop();
    expect(t.clock.pendingTimers()).toBe(0);
    await t.clock.advanceAsync(H);
    expect(t.count()).toBe(1);
  });
});
