/** The event-loop rows: several cold runs are judged by the median run's longest block, and every run's is printed. */
import { describe, expect, it, vi } from 'vitest';
import { constants } from 'node:perf_hooks';
import { gcInBlock, stallRuns, type StallPhase, type StallResult } from '../../../bench/event-loop.js';
import { coreThreadText, ipcText, longestText, stallRows } from '../../../bench/event-loop-rows.js';

const phase = (wallMax: number, cpuMax: number): StallPhase => ({
  delay: { p50: 1, p99: wallMax - 1, max: wallMax },
  cpuBlock: { p50: 0.5, p99: cpuMax, max: cpuMax, samples: 100, clock: 'test' },
  processCpuBlock: { p50: 1, p99: 2, max: 3 },
  ipc: { p50: 1, p99: 2, max: 3, calls: 10 },
  wallMs: 500,
});

const result = (runs: Array<[number, number]>): StallResult => {
  const all = runs.map(([wall, cpu]) => ({ first: phase(wall, cpu), expiresInMoved: phase(wall / 2, cpu / 2) }));
  return { accounts: 10, tokensPerAccount: 1000, first: all[0]!.first, expiresInMoved: all[0]!.expiresInMoved, notes: [], runs: all };
};

describe('stallRows', () => {
  it('judges the median run: one run over the budget among five passes, three over it miss', () => {
    const once = stallRows(result([[12, 5], [30, 20], [14, 6], [11, 4], [13, 7]]));
    const wall = once.find((r) => r.benchmark.includes('first refresh: event-loop delay'))!;
    expect(wall.result).toBe('pass');
    expect(wall.app).toContain('max 13 ms');
    expect(wall.app).toContain('min 11 ms, median 13 ms, max 30 ms');
    expect(once.find((r) => r.benchmark.includes('first refresh: blocks in main-thread CPU'))!.result).toBe('pass');
    const thrice = stallRows(result([[17, 5], [30, 20], [14, 6], [18, 4], [13, 7]]));
    expect(thrice.find((r) => r.benchmark.includes('first refresh: event-loop delay'))!.result).toBe('miss');
    // The moved phase is judged on its own runs (here each half of the first's).
    expect(thrice.find((r) => r.benchmark.includes('expires_in moved: event-loop delay'))!.result).toBe('pass');
  });

  it('reads results of one run (written before runs were repeated) as before', () => {
    const one = result([[20, 9]]);
    delete one.runs;
    const rows = stallRows(one);
    expect(rows).toHaveLength(4);
    const wall = rows.find((r) => r.benchmark.includes('first refresh: event-loop delay'))!;
    expect(wall.result).toBe('miss');
    expect(wall.app).not.toContain('cold runs');
    expect(wall.benchmark).not.toContain('median run');
  });
});

describe('what the longest block held', () => {
  const scavenge = constants.NODE_PERFORMANCE_GC_MINOR;
  const markCompact = constants.NODE_PERFORMANCE_GC_MAJOR;

  it('counts each GC pause for the part of it inside the block, and names the kinds, longest first', () => {
    const b = gcInBlock(100, 120, [
      { start: 90, duration: 5, kind: scavenge }, // before the block
      { start: 98, duration: 6, kind: scavenge }, // 4 ms inside
      { start: 105, duration: 3, kind: markCompact }, // wholly inside
      { start: 110, duration: 8, kind: scavenge }, // wholly inside
      { start: 118, duration: 10, kind: 99 }, // 2 ms inside, a kind perf_hooks does not name
      { start: 120, duration: 4, kind: scavenge }, // starts as the block ends
    ]);
    expect(b.wallMs).toBe(20);
    expect(b.gcMs).toBe(4 + 3 + 8 + 2);
    expect(b.gcKinds).toEqual(['scavenge', 'mark-compact', 'kind 99']);
    expect(gcInBlock(0, 10, []).gcMs).toBe(0);
  });

  it('is printed in the wall-clock row of the median run, and not at all for results without it', () => {
    const r = result([[12, 5], [30, 20], [14, 6]]);
    r.runs![2]!.first.longest = { wallMs: 14.2, gcMs: 11.5, gcKinds: ['scavenge'] };
    r.runs![0]!.first.longest = { wallMs: 12.1, gcMs: 0, gcKinds: [] };
    const wall = stallRows(r).find((x) => x.benchmark.includes('first refresh: event-loop delay'))!;
    expect(wall.app).toContain('its longest 1 ms-timer gap 14.2 ms, 11.5 ms of it GC (scavenge)');
    expect(longestText({ wallMs: 12.1, gcMs: 0, gcKinds: [] })).toBe('; its longest 1 ms-timer gap 12.1 ms, no GC in it');
    const moved = stallRows(r).find((x) => x.benchmark.includes('expires_in moved: event-loop delay'))!;
    expect(moved.app).not.toContain('1 ms-timer gap');
  });

  it('names the page faults the block took, and their time at the probed cost of a fresh page only when both are known', () => {
    const b = { wallMs: 22.2, gcMs: 13.5, gcKinds: ['scavenge'], faults: 1012 };
    expect(longestText(b)).toBe('; its longest 1 ms-timer gap 22.2 ms, 13.5 ms of it GC (scavenge), 1,012 page faults');
    expect(longestText(b, 12.5)).toBe(
      "; its longest 1 ms-timer gap 22.2 ms, 13.5 ms of it GC (scavenge), 1,012 page faults (~12.7 ms of faulting, all threads, at this machine's 12.5 µs a fresh page)",
    );
    expect(longestText({ ...b, faults: 1 })).toContain(', 1 page fault');
    // Results written before faults were counted: no count, and no estimate from the probe alone.
    expect(longestText({ wallMs: 22.2, gcMs: 13.5, gcKinds: ['scavenge'] }, 12.5)).toBe('; its longest 1 ms-timer gap 22.2 ms, 13.5 ms of it GC (scavenge)');
    const r = result([[12, 5], [22, 20], [30, 6]]);
    r.runs![1]!.first.longest = b;
    const wall = stallRows(r, 12.5).find((x) => x.benchmark.includes('first refresh: event-loop delay'))!;
    expect(wall.app).toContain('1,012 page faults (~12.7 ms');
  });

  it('splits the block by the scheduler where both counters were read, and says nothing of it otherwise', () => {
    const b = { wallMs: 21.6, gcMs: 0, gcKinds: [], faults: 3, onCpuMs: 2.4, runQueueMs: 17.9 };
    expect(longestText(b)).toBe('; its longest 1 ms-timer gap 21.6 ms, no GC in it, 3 page faults; the main thread was on a CPU 2.4 ms of it and waited for one 17.9 ms');
    expect(longestText({ ...b, runQueueMs: undefined })).not.toContain('on a CPU');
    expect(longestText({ wallMs: 21.6, gcMs: 0, gcKinds: [] })).not.toContain('on a CPU');
  });
});

describe('BENCH_EVENTLOOP_RUNS', () => {
  it('is read as a whole number from 1 to 50; anything else gives the default 9 runs, not a crash', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(stallRuns(undefined)).toBe(9);
      expect(stallRuns('')).toBe(9);
      expect(stallRuns('3')).toBe(3);
      expect(stallRuns('1')).toBe(1);
      for (const bad of ['abc', '0', '-2', '2.5', '51', 'NaN']) expect(stallRuns(bad)).toBe(9);
      expect(err).toHaveBeenCalledTimes(6);
    } finally {
      err.mockRestore();
    }
  });
});

describe('the IPC probe', () => {
  it('prints calls answered from a list held apart from those that waited for a first list, and older results as before', () => {
    const ipc = { p50: 0.8, p99: 9.5, max: 12, calls: 14 };
    expect(ipcText(ipc)).toBe('IPC answered in p50 800 µs, p99 9.5 ms, max 12 ms (14 calls)');
    expect(ipcText({ ...ipc, waited: { calls: 3, maxMs: 183 } })).toBe(
      "IPC answered from a list held in p50 800 µs, p99 9.5 ms, max 12 ms (14 calls); 3 calls waited for their account's first list, up to 183 ms",
    );
    expect(ipcText({ ...ipc, waited: { calls: 0, maxMs: 0 } })).toBe('IPC answered from a list held in p50 800 µs, p99 9.5 ms, max 12 ms (14 calls)');
    expect(ipcText({ p50: Number.NaN, p99: Number.NaN, max: -Infinity, calls: 0, waited: { calls: 1, maxMs: 40 } })).toBe(
      "no call answered from a list held; 1 call waited for their account's first list, up to 40 ms",
    );
  });
});

describe("the core's own thread", () => {
  it("prints its event-loop delay beside the main thread's wall-clock row of the median run, and nothing for older results", () => {
    const withCore = result([[12, 5], [14, 6], [13, 7]]);
    for (const [i, run] of withCore.runs!.entries()) run.first.coreThread = { p50: 2, p99: 20 + i, max: 30 + i };
    const wall = stallRows(withCore).find((r) => r.benchmark.includes('first refresh: event-loop delay'))!;
    // The median run by wall clock is the third (13 ms): its core thread read max 32 ms.
    expect(wall.reference).toBe("the core's own thread (a worker; its blocks delay IPC answers, not this event loop): event-loop delay p50 2 ms, p99 22 ms, max 32 ms");
    // The main thread is judged, not the core's thread.
    expect(wall.result).toBe('pass');
    expect(coreThreadText(phase(12, 5))).toBe('');
  });
});
