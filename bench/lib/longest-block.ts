/**
 * What the event-loop benchmark (bench/event-loop.ts) reads about one block of the main thread:
 * the GC pauses inside it (perf_hooks 'gc' entries) and the thread's scheduler counters.
 */
import { readFileSync } from 'node:fs';
import { constants } from 'node:perf_hooks';

/** A block of the event loop and the GC pauses inside it. */
export interface LongestBlock {
  wallMs: number;
  /** Time of GC pauses inside the block (each counted for the part of it inside). */
  gcMs: number;
  /** Their kinds, longest first ("scavenge", "mark-compact", "incremental", "weak callbacks"). */
  gcKinds: string[];
  /**
   * Minor page faults the process took during the block (every thread: GC helpers' too), each a
   * fresh page of memory first touched. Absent in results written before they were counted.
   */
  faults?: number;
  /**
   * The block split by the main thread's scheduler counters (Linux /proc/thread-self/schedstat): ms
   * it ran on a CPU, and ms it was ready to run but waited for a CPU (the run queue). The rest of
   * the block it was neither: asleep or blocked (the 1 ms timer not yet due, a lock, I/O). Absent
   * where there is no such file (or it reads 0 0), and in results written before it was read.
   */
  onCpuMs?: number;
  runQueueMs?: number;
}

/** A GC pause as perf_hooks reports it: start (performance.now() time), duration, kind (perf_hooks.constants NODE_PERFORMANCE_GC_*). */
export interface GcPause {
  start: number;
  duration: number;
  kind: number;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** The GC pauses inside the block [start, end] (ms): their time inside it, and their kinds, longest first. */
export function gcInBlock(start: number, end: number, pauses: readonly GcPause[]): LongestBlock {
  const byKind = new Map<string, number>();
  let gcMs = 0;
  for (const g of pauses) {
    const inside = Math.min(end, g.start + g.duration) - Math.max(start, g.start);
    if (!(inside > 0)) continue;
    gcMs += inside;
    const kind = GC_KINDS[g.kind] ?? `kind ${g.kind}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + inside);
  }
  const gcKinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return { wallMs: end - start, gcMs, gcKinds };
}

/**
 * This thread's scheduler counters in ms (Linux /proc/thread-self/schedstat: time on a CPU, time
 * ready but waiting on a run queue), or null where there is no such file.
 */
export function threadSched(): { cpu: number; wait: number } | null {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    // A kernel that keeps no such counters reads 0 0: none, not a thread that never ran.
    if (!(cpu! > 0) || !Number.isFinite(wait)) return null;
    return { cpu: cpu! / 1e6, wait: wait! / 1e6 };
  } catch {
    return null;
  }
}
