/** The emulator's clock: runs with real time from a movable offset, so tests can jump expiries. */

export interface EmuClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that starts at `startMs` (default: real now) and then ticks in real time. */
export function createClock(startMs?: number): EmuClock {
  let offset = startMs === undefined ? 0 : startMs - Date.now();
  return {
    now: () => Date.now() + offset,
    set: (ms) => {
      offset = ms - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** Parses `--clock` values: an ISO 8601 date-time or epoch milliseconds. */
export function parseClockArg(raw: string): number {
  const trimmed = raw.trim();
  const ms = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(ms)) throw new Error(`--clock must be an ISO date-time or epoch milliseconds, got "${raw}"`);
  return ms;
}
