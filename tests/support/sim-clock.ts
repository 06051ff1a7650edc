/**
 * A simulated clock with a wall clock and a monotonic clock, like a real machine: timers run on
 * monotonic time, so sleeping (wall moves, monotonic does not) and clock jumps (wall only) behave
 * as they do under Node and Electron. Nothing waits for real time.
 */
import type { Clock, TimerHandle } from '../../main/ports.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class SimClock implements Clock {
  private monoMs = 0;
  private offset: number;
  private timers: Timer[] = [];
  private seq = 0;
  /** Called whenever the wall clock moves (keep another clock, e.g. the emulator's, in step). */
  onWallChange: ((wallMs: number) => void) | null = null;

  constructor(startWallMs = Date.parse('2026-11-27T12:00:00Z')) {
    this.offset = startWallMs;
  }

  now(): number {
    return this.monoMs + this.offset;
  }

  /** Monotonic time (ms since the simulation began); does not move during sleep or jumps. */
  mono(): number {
    return this.monoMs;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const t: Timer = { at: this.monoMs + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(t);
    return { cancel: () => (this.timers = this.timers.filter((x) => x !== t)) };
  }

  /** Awake time passes: wall and monotonic move together, due timers fire in order. */
  advance(ms: number): void {
    const end = this.monoMs + ms;
    for (let t = this.nextDue(end); t; t = this.nextDue(end)) {
      this.setMono(t.at);
      t.fn();
    }
    this.setMono(end);
  }

  /** Like advance, but lets promises settle after every timer (for services that await I/O). */
  async advanceAsync(ms: number, settle: () => Promise<void> = flush): Promise<void> {
    const end = this.monoMs + ms;
    await settle();
    for (let t = this.nextDue(end); t; t = this.nextDue(end)) {
      this.setMono(t.at);
      t.fn();
      await settle();
    }
    this.setMono(end);
  }

  /** The machine sleeps: the wall clock moves on, timers do not run. */
  sleep(ms: number): void {
    this.offset += ms;
    this.onWallChange?.(this.now());
  }

  /** The wall clock is set forward or back (NTP, the user); timers do not notice. */
  jump(ms: number): void {
    this.offset += ms;
    this.onWallChange?.(this.now());
  }

  /** Forgets every timer (the process died). */
  cancelAll(): void {
    this.timers = [];
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  private setMono(ms: number): void {
    if (ms <= this.monoMs) return;
    this.monoMs = ms;
    this.onWallChange?.(this.now());
  }

  private nextDue(end: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= end && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    if (best) this.timers = this.timers.filter((x) => x !== best);
    return best;
  }
}

/** Lets pending promise callbacks and I/O callbacks run. */
export async function flush(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}
