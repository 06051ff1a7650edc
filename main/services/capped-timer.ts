/**
 * One timer that never waits longer than a cap. The wall clock can jump (sleep, a manual change)
 * while a long timer sleeps on: a capped one wakes within the cap, re-reads the clock and plans
 * again. The expiry watcher and the refresh scheduler each keep one.
 */
import type { Clock, TimerHandle } from '../ports.js';

/** The default cap: a clock jump either way is noticed within a minute. */
export const DEFAULT_MAX_TIMER_MS = 60_000;

export class CappedTimer {
  private handle: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
    /** The longest single wait, in ms. */
    readonly maxMs: number = DEFAULT_MAX_TIMER_MS,
  ) {}

  /** Plans the one call in delayMs (at most maxMs), replacing any earlier plan. */
  plan(delayMs: number): void {
    this.handle?.cancel();
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      this.fire();
    }, Math.min(delayMs, this.maxMs));
  }

  /** Cancels the planned call, if any. */
  cancel(): void {
    this.handle?.cancel();
    this.handle = null;
  }
}
