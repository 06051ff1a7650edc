/** The one capped timer of the expiry watcher and the refresh scheduler. */
import { describe, expect, it } from 'vitest';
import { CappedTimer, DEFAULT_MAX_TIMER_MS } from '../../../../main/services/capped-timer.js';
import { SimClock } from '../../../support/sim-clock.js';

function setup(maxMs?: number) {
  const clock = new SimClock();
  const fired: number[] = [];
  const timer = new CappedTimer(clock, () => fired.push(clock.mono()), maxMs);
  return { clock, fired, timer };
}

describe('CappedTimer', () => {
  it('fires after the delay when it is under the cap', () => {
    const { clock, fired, timer } = setup(60_000);
    timer.plan(5_000);
    clock.advance(4_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([5_000]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never waits longer than the cap (default one minute), so a wall-clock jump is seen within it', () => {
    const { clock, fired, timer } = setup();
    expect(timer.maxMs).toBe(DEFAULT_MAX_TIMER_MS);
    timer.plan(24 * 3600_000);
    clock.jump(3600_000);
    clock.advance(DEFAULT_MAX_TIMER_MS);
    expect(fired).toEqual([DEFAULT_MAX_TIMER_MS]);
  });

  it('keeps one timer: a new plan replaces the old one, cancel drops it', () => {
    const { clock, fired, timer } = setup(10_000);
    timer.plan(8_000);
    timer.plan(3_000);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(10_000);
    expect(fired).toEqual([3_000]);
    timer.plan(1_000);
    timer.cancel();
    clock.advance(10_000);
    expect(fired).toEqual([3_000]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
