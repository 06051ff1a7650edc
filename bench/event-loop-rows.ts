/**
 * The event-loop benchmark's rows (bench/event-loop.ts measures): the median run's longest block
 * judged against one frame, what that block held, the IPC probe and the core thread's own delay.
 */
import { formatMs, median, verdict, type Row } from './lib/stats.js';
import type { LongestBlock, StallPhase, StallResult } from './event-loop.js';

/**
 * What the longest gap of the timer chain held: "; its longest 1 ms-timer gap 22.8 ms, 14.5 ms of
 * it GC (scavenge), 1,012 page faults; the main thread was on a CPU 9.1 ms of it and waited for one
 * 12.5 ms" (the faults, and `perPageUs`' estimate of their time, and the scheduler's split only
 * where they were counted).
 */
export function longestText(b: LongestBlock | undefined, perPageUs?: number): string {
  if (!b) return '';
  const gc = b.gcMs > 0 ? `${formatMs(b.gcMs)} of it GC (${b.gcKinds.join(', ')})` : 'no GC in it';
  const cost = perPageUs !== undefined && b.faults !== undefined ? ` (~${formatMs((b.faults * perPageUs) / 1000)} of faulting, all threads, at this machine's ${perPageUs.toFixed(1)} µs a fresh page)` : '';
  const faults = b.faults === undefined ? '' : `, ${b.faults.toLocaleString('en-US')} page fault${b.faults === 1 ? '' : 's'}${cost}`;
  const sched = b.onCpuMs === undefined || b.runQueueMs === undefined ? '' : `; the main thread was on a CPU ${formatMs(b.onCpuMs)} of it and waited for one ${formatMs(b.runQueueMs)}`;
  return `; its longest 1 ms-timer gap ${formatMs(b.wallMs)}, ${gc}${faults}${sched}`;
}

/** The IPC probe's answer times, the calls that waited for a first list apart (results without the split: every call). */
export function ipcText(ipc: StallPhase['ipc']): string {
  const trio = `p50 ${formatMs(ipc.p50)}, p99 ${formatMs(ipc.p99)}, max ${formatMs(ipc.max)}`;
  if (!ipc.waited) return `IPC answered in ${trio} (${ipc.calls} calls)`;
  const from = ipc.calls === 0 ? 'no call answered from a list held' : `IPC answered from a list held in ${trio} (${ipc.calls} calls)`;
  const waited = ipc.waited.calls === 0 ? '' : `; ${ipc.waited.calls} call${ipc.waited.calls === 1 ? '' : 's'} waited for their account's first list, up to ${formatMs(ipc.waited.maxMs)}`;
  return `${from}${waited}`;
}

/**
 * The core thread's own event-loop delay, where it was read (results written before the core had a
 * thread of its own have none): its blocks delay IPC answers, not the main thread's event loop.
 */
export function coreThreadText(p: StallPhase): string {
  if (!p.coreThread) return '';
  const { p50, p99, max } = p.coreThread;
  return `the core's own thread (a worker; its blocks delay IPC answers, not this event loop): event-loop delay p50 ${formatMs(p50)}, p99 ${formatMs(p99)}, max ${formatMs(max)}`;
}

/** Rows: the longest block per phase, budget 16 ms (one frame); with several runs, the median run's figures and every run's longest block. */
export function stallRows(r: StallResult, perPageUs?: number): Row[] {
  const trio = (x: { p50: number; p99: number; max: number }) => `p50 ${formatMs(x.p50)}, p99 ${formatMs(x.p99)}, max ${formatMs(x.max)}`;
  const name = (phase: string) => `Main-process event loop, ${r.accounts} accounts × ${r.tokensPerAccount.toLocaleString('en-US')} tokens, ${phase}`;
  const runs = r.runs ?? [{ first: r.first, expiresInMoved: r.expiresInMoved }];
  const many = runs.length > 1;
  /** The run whose `of` is the median of all runs' (the lower middle one of an even count), and the spread of `of` over the runs. */
  const middle = (phase: 'first' | 'expiresInMoved', of: (p: StallPhase) => number) => {
    const sorted = [...runs].sort((a, b) => of(a[phase]) - of(b[phase]));
    const values = sorted.map((x) => of(x[phase]));
    const at = sorted[Math.floor((sorted.length - 1) / 2)]![phase];
    const spread = many ? `; longest block of each of ${runs.length} cold runs (a fresh process each): min ${formatMs(values[0]!)}, median ${formatMs(median(values))}, max ${formatMs(values.at(-1)!)}` : '';
    return { at, value: median(values), spread };
  };
  const rows = (label: string, phase: 'first' | 'expiresInMoved'): Row[] => {
    const cpu = middle(phase, (p) => p.cpuBlock.max);
    const wall = middle(phase, (p) => p.delay.max);
    const p = cpu.at;
    return [
      {
        benchmark: `${name(label)}: blocks in main-thread CPU time${many ? ' (median run)' : ''}`,
        app: `${trio(p.cpuBlock)}${cpu.spread}`,
        reference: `${ipcText(p.ipc)}; all threads (process.cpuUsage): ${p.processCpuBlock ? trio(p.processCpuBlock) : 'not recorded'}`,
        ratio: '',
        budget: 'longest block ≤ 16 ms',
        result: verdict(cpu.value, { limit: 16, op: '<=', label: '' }),
      },
      {
        benchmark: `${name(label)}: event-loop delay, wall clock${many ? ' (median run)' : ''}`,
        app: `${trio(wall.at.delay)}${wall.spread}${longestText(wall.at.longest, perPageUs)}`,
        reference: coreThreadText(wall.at),
        ratio: '',
        budget: 'longest block ≤ 16 ms',
        result: verdict(wall.value, { limit: 16, op: '<=', label: '' }),
      },
    ];
  };
  return [...rows('first refresh', 'first'), ...rows('expires_in moved', 'expiresInMoved')];
}
