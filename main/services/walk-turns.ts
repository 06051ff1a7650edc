/**
 * The expiry watcher's walks that go on across turns of the event loop (expiry-watcher.ts check()):
 * what a walk cut short by its budget found so far, the one continuation asked for it, work left
 * for a later turn, and idle(). Nothing here decides what is due; the watcher does.
 */
import type { DueWarning } from './notification-texts.js';

/** A walk cut short by the scan budget: what it found so far, and what its checks knew. */
export interface Pending {
  due: DueWarning[];
  changed: boolean;
  /** Thresholds "just added" when the walk began (their passed pairs are done silently). */
  added: number[];
  /** Tokens the new-authorization alert named during the walk (their first sight is quiet). */
  announced: string[];
  /** Per token, its most urgent due warning so far (what the notification names), kept as the walk goes. */
  tokens: Map<string, DueWarning>;
}

/** Adds each warning to `byToken` unless the token already has a more urgent one there. */
export function mostUrgent(due: readonly DueWarning[], byToken = new Map<string, DueWarning>()): Map<string, DueWarning> {
  for (let i = 0; i < due.length; i++) {
    // A walk finds a token's due pairs one after another: the most urgent of such a run first
    // (the first of the smallest threshold), then one lookup for the run, not one per pair.
    let w = due[i]!;
    const id = w.item.id;
    while (i + 1 < due.length && due[i + 1]!.item.id === id) {
      i++;
      if (due[i]!.thresholdSeconds < w.thresholdSeconds) w = due[i]!;
    }
    const prev = byToken.get(id);
    if (!prev || w.thresholdSeconds < prev.thresholdSeconds) byToken.set(id, w);
  }
  return byToken;
}

export class WalkTurns {
  private found: Pending | null = null;
  /** Whether the continuation is asked for; reset() makes any earlier one stale (generation). */
  private asked = false;
  private generation = 0;
  /** Steps left for later turns other than the continuation (the tray after a walk). */
  private deferred = 0;
  private readonly idleWaiters: Array<() => void> = [];

  /** `nextTurn` runs a function in a later turn; `resume` is the check that continues a walk. */
  constructor(
    private readonly nextTurn: (fn: () => void) => void,
    private readonly resume: () => void,
  ) {}

  /** What the walk under way found so far; null when no walk is under way. */
  get pending(): Pending | null {
    return this.found;
  }

  /**
   * Keeps what a check cut short found (appended in place: a walk of many turns copies nothing it
   * found earlier, and the tokens it will name are sorted out as it goes) and asks for the
   * continuation.
   */
  hold(found: Omit<Pending, 'tokens'>): void {
    const before = this.found;
    const due = before?.due ?? [];
    for (const w of found.due) due.push(w);
    this.found = { ...found, due, changed: found.changed || (before?.changed ?? false), tokens: mostUrgent(found.due, before?.tokens) };
    this.soon();
  }

  /** Asks for a check in a later turn that continues the walk (or starts one): nothing fires or is written before it. */
  soon(): void {
    this.found ??= { due: [], changed: false, added: [], announced: [], tokens: new Map() };
    if (this.asked) return;
    this.asked = true;
    const generation = this.generation;
    this.nextTurn(() => {
      if (generation !== this.generation || !this.asked) return;
      this.asked = false;
      this.resume();
    });
  }

  /** The walk's findings once it is whole (the walk ends here); null when none was under way. */
  take(): Pending | null {
    const found = this.found;
    this.found = null;
    return found;
  }

  /** Runs `fn` in a later turn, unless reset() came first. */
  later(fn: () => void): void {
    const generation = this.generation;
    this.deferred++;
    this.nextTurn(() => {
      if (generation !== this.generation) return;
      this.deferred--;
      fn();
      this.wakeIdle();
    });
  }

  /** Resolves once no walk is under way and nothing is left for a later turn. */
  idle(): Promise<void> {
    if (this.deferred === 0 && this.found === null) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops the walk under way and everything asked for later (the watcher stopped). */
  reset(): void {
    this.found = null;
    this.asked = false;
    this.generation++;
    this.deferred = 0;
    this.wakeIdle();
  }

  private wakeIdle(): void {
    if (this.deferred > 0 || this.found !== null) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
