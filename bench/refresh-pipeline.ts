/**
 * Benchmark 2: refresh N authorizations with the app's core (client with paging and checks,
 * views, sort, expiry-watcher planning, new-login spotting) against the official `heroku-client`
 * fetching the same pages (it follows Next-Range by itself; node_modules/heroku-client/lib/request.js).
 * The emulator runs in its own process (lib/emulator-child.ts), as Heroku would, so its JSON and
 * ETag work is never counted as the app's. Three refreshes, each measured side by side:
 * - first: a fresh core's first refresh (every item checked in full, every view built; it also
 *   asks once which token is the app's own, one extra GET);
 * - expires_in moved: a second passes (emulator and app clocks) before each sample, so every page's body
 *   changes (live expires_in) and no page can 304, as on Heroku; the app re-reads and checks
 *   every expires_in and reuses unchanged items' checked copies and views;
 * - every item changed: every token's updated_at moves before each sample, so every page is read,
 *   parsed and checked in full and every view built again (a "full page": the 304 row's reference);
 * - 304: the tokens stop expiring, so the bodies stop changing and every page answers 304.
 * Wall time for all; the busy time (event-loop utilisation) of the thread that runs the core
 * for the app. In the app that is the core's own worker thread (main/core-worker.ts), which these
 * figures measure here in the bench's thread; what the app's main thread does meanwhile is the
 * event-loop benchmark's (bench/event-loop.ts).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { signedInCore, steppingClock } from './lib/core.js';
import { startEmulatorProcess, type EmulatorProcess } from './lib/emulator-process.js';
import { sampleUntilSettled, type SettleOptions } from './lib/sampling.js';
import { formatMs, formatRange, formatRatio, formatRatioWithInterval, median, ratioInterval, verdict, type Row } from './lib/stats.js';

interface HerokuClient {
  get(path: string, options?: Record<string, unknown>): Promise<unknown>;
}
const require = createRequire(import.meta.url);
const Heroku = require('heroku-client') as new (options: Record<string, unknown>) => HerokuClient;

interface Series {
  appMs: number[];
  appBusyMs: number[];
  herokuClientMs: number[];
  /**
   * Minor page faults of each sample (the process, every thread): fresh pages of memory first
   * touched, by the app's side and by heroku-client's. Absent in results written before they were counted.
   */
  appFaults?: number[];
  herokuClientFaults?: number[];
  settled: boolean;
  spreads: number[];
}

export interface PipelineResult {
  size: number;
  pages: number;
  first: Series;
  expiresInMoved: Series;
  /** Every item's updated_at moved: every page read and checked in full (the app only). Absent in older results. */
  allChanged?: { appMs: number[]; appBusyMs: number[]; settled: boolean };
  /** Every page 304 (the app only; heroku-client sends no If-None-Match). */
  notModified: { appMs: number[]; appBusyMs: number[]; settled: boolean; statuses: number[] };
  requestsPerRefresh: { app: number; herokuClient: number };
  notes: string[];
}

/** Wall and main-thread busy time of one call, and the page faults the process took meanwhile. */
async function timed(fn: () => Promise<unknown>, busy?: number[], faults?: number[]): Promise<number> {
  const f0 = process.resourceUsage().minorPageFault;
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  busy?.push(performance.eventLoopUtilization(elu).active);
  faults?.push(process.resourceUsage().minorPageFault - f0);
  return wall;
}

type BenchCore = Awaited<ReturnType<typeof signedInCore>>;

async function refreshOf(core: BenchCore, size: number, notes: string[]): Promise<void> {
  const r = await core.authorizations.refresh();
  // Timed until the expiry watcher is done with the new list too: its walk of a long list goes on
  // in later turns of the event loop (expiry-watcher.ts), after refresh() has answered.
  await core.expiry.idle();
  if (!r.ok) throw new Error(`app refresh failed: ${r.error.message}`);
  if (r.value.items.length !== size) notes.push(`app saw ${r.value.items.length} of ${size} tokens`);
}

/** Runs the three refreshes for `size` tokens until their spread settles (or the cap). */
export async function runPipeline(size: number, o: SettleOptions): Promise<PipelineResult> {
  const emu = await startEmulatorProcess(size);
  const notes: string[] = [];
  const cores: BenchCore[] = [];
  // One second passes for the server and for the app alike (the emulator's clock and the app's).
  const clock = steppingClock();
  const tick = async () => {
    await emu.advance(1000);
    clock.advance(1000);
  };
  const fresh = async () => {
    const c = await signedInCore(emu.url, emu.apiKey, clock);
    // The expiry watcher re-plans on every snapshot, as in the app; the scheduler stays off.
    c.expiry.start();
    return c;
  };
  const core = async () => {
    const c = await fresh();
    cores.push(c);
    return c;
  };
  try {
    const hk = new Heroku({ token: emu.apiKey, host: emu.url, headers: { Authorization: `Bearer ${emu.apiKey}` } });
    const ref = async () => {
      const list = (await hk.get('/oauth/authorizations')) as unknown[];
      if (list.length !== size) notes.push(`heroku-client saw ${list.length} of ${size} tokens`);
    };
    const steady = await core();
    await refreshOf(steady, size, notes);
    await ref();
    const requestsPerRefresh = { app: await count(emu, () => refreshOf(steady, size, notes)), herokuClient: await count(emu, ref) };
    const pages = Math.ceil(size / 1000);

    const firstBusy: number[] = [];
    const firstFaults: number[] = [];
    const refFaults: number[] = [];
    const first = await sampleUntilSettled(
      [
        async () => {
          // A fresh core per sample, let go after it (the app runs one): twelve cores of 10,000
          // tokens kept to the end grew the heap by ~15 MB a sample, and the old-space marking
          // that growth brought landed in later samples of both sides.
          const c = await fresh();
          try {
            return await timed(() => refreshOf(c, size, notes), firstBusy, firstFaults);
          } finally {
            c.expiry.stop();
          }
        },
        () => timed(ref, undefined, refFaults),
      ],
      o,
    );
    const movedBusy: number[] = [];
    const moved = await sampleUntilSettled(
      [
        async () => (await tick(), timed(() => refreshOf(steady, size, notes), movedBusy)),
        async () => (await tick(), timed(ref)),
      ],
      o,
    );
    const changedBusy: number[] = [];
    const changed = await sampleUntilSettled([async () => (await emu.touch(), timed(() => refreshOf(steady, size, notes), changedBusy))], o);
    const notModified = await run304(emu, steady, size, notes, o);
    return {
      size,
      pages,
      first: { appMs: first.samples[0]!, appBusyMs: firstBusy, herokuClientMs: first.samples[1]!, appFaults: firstFaults, herokuClientFaults: refFaults, settled: first.settled, spreads: first.spreads },
      expiresInMoved: { appMs: moved.samples[0]!, appBusyMs: movedBusy, herokuClientMs: moved.samples[1]!, settled: moved.settled, spreads: moved.spreads },
      allChanged: { appMs: changed.samples[0]!, appBusyMs: changedBusy, settled: changed.settled },
      notModified,
      requestsPerRefresh,
      notes: [...new Set(notes)],
    };
  } finally {
    for (const c of cores) c.expiry.stop();
    await emu.close();
  }
}

async function count(emu: EmulatorProcess, fn: () => Promise<void>): Promise<number> {
  const from = (await emu.requests()).length;
  await fn();
  return (await emu.requests()).length - from;
}

/** Freezes the tokens, lets the app take the new bodies once, then times refreshes that are all 304. */
async function run304(emu: EmulatorProcess, core: BenchCore, size: number, notes: string[], o: SettleOptions): Promise<PipelineResult['notModified']> {
  await emu.freeze();
  await refreshOf(core, size, notes);
  const busy: number[] = [];
  const r = await sampleUntilSettled([() => timed(() => refreshOf(core, size, notes), busy)], o);
  const log = await emu.requests();
  const statuses = log.filter((x) => x.path === '/oauth/authorizations').slice(-Math.ceil(size / 1000)).map((x) => x.status);
  if (statuses.some((s) => s !== 304)) notes.push(`the last 304 sample's pages answered ${statuses.join(', ')}`);
  return { appMs: r.samples[0]!, appBusyMs: busy, settled: r.settled, statuses };
}

const n = (size: number) => size.toLocaleString('en-US');
const settledNote = (s: boolean) => (s ? '' : ' (spread did not settle)');

/**
 * "; 3,116 page faults (~41 ms at 13.1 µs a fresh page)": the median sample's minor page faults,
 * and what they cost at the machine's probed rate (machine.ts freshMemoryProbe); "" when not counted.
 */
export function faultsText(faults: number[] | undefined, perPageUs?: number): string {
  if (!faults || faults.length === 0) return '';
  const m = median(faults);
  const cost = perPageUs === undefined ? '' : ` (~${formatMs((m * perPageUs) / 1000)} at ${perPageUs.toFixed(1)} µs a fresh page)`;
  return `; ${Math.round(m).toLocaleString('en-US')} page faults${cost}`;
}

/** The table rows for one size, every budget a ratio. */
export function pipelineRows(r: PipelineResult, perPageUs?: number): Row[] {
  const first = median(r.first.appMs) / median(r.first.herokuClientMs);
  const moved = median(r.expiresInMoved.appMs) / median(r.expiresInMoved.herokuClientMs);
  // What the app spends: main-thread busy time. An expires_in-moved refresh waits mostly for the
  // server to build and send every page again (Heroku's time, as for the 304 row), while a first
  // refresh is the app's own work; the wall-time ratio is printed beside it.
  const movedVsFirst = median(r.expiresInMoved.appBusyMs) / median(r.first.appBusyMs);
  const movedVsFirstWall = median(r.expiresInMoved.appMs) / median(r.first.appMs);
  // A "full page" is one read, parsed and checked in full: every item changed. (Older results: expires_in moved.)
  const full = r.allChanged ?? r.expiresInMoved;
  const fullName = r.allChanged ? 'every item changed' : 'pages 200';
  const page304 = median(r.notModified.appBusyMs) / median(full.appBusyMs);
  const page304Wall = median(r.notModified.appMs) / median(full.appMs);
  const vsMoved = median(r.notModified.appBusyMs) / median(r.expiresInMoved.appBusyMs);
  return [
    {
      benchmark: `Refresh ${n(r.size)} tokens, first (fresh core, +1 GET ~)${settledNote(r.first.settled)}`,
      app: `${formatRange(r.first.appMs)}; core's thread busy ${formatMs(median(r.first.appBusyMs))}${faultsText(r.first.appFaults, perPageUs)}`,
      reference: `${formatRange(r.first.herokuClientMs)} (heroku-client${faultsText(r.first.herokuClientFaults, perPageUs)})`,
      ratio: formatRatioWithInterval(first, ratioInterval(r.first.appMs, r.first.herokuClientMs)),
      budget: '≤ 1.0× heroku-client',
      result: verdict(first, { limit: 1, op: '<=', label: '' }),
    },
    {
      benchmark: `Refresh ${n(r.size)} tokens, expires_in moved (every page 200)${settledNote(r.expiresInMoved.settled)}`,
      app: `${formatRange(r.expiresInMoved.appMs)}; core's thread busy ${formatMs(median(r.expiresInMoved.appBusyMs))}`,
      reference: `${formatRange(r.expiresInMoved.herokuClientMs)} (heroku-client)`,
      ratio: formatRatioWithInterval(moved, ratioInterval(r.expiresInMoved.appMs, r.expiresInMoved.herokuClientMs)),
      budget: '≤ 1.0× heroku-client',
      result: verdict(moved, { limit: 1, op: '<=', label: '' }),
    },
    {
      benchmark: `Refresh ${n(r.size)} tokens: expires_in moved vs first, core's thread`,
      app: `${formatMs(median(r.expiresInMoved.appBusyMs))} busy, ${formatMs(median(r.expiresInMoved.appMs))} wall`,
      reference: `${formatMs(median(r.first.appBusyMs))} busy, ${formatMs(median(r.first.appMs))} wall (first refresh)`,
      ratio: `${formatRatio(movedVsFirst)} (wall ${formatRatio(movedVsFirstWall)})`,
      budget: '≤ 0.5× first',
      result: verdict(movedVsFirst, { limit: 0.5, op: '<=', label: '' }),
    },
    {
      benchmark: `${n(r.pages)} page(s) answering 304 vs read in full (${n(r.size)} tokens), core's thread${settledNote(r.notModified.settled)}`,
      app: `${formatMs(median(r.notModified.appBusyMs))} busy, ${formatRange(r.notModified.appMs)} wall`,
      reference: `${formatMs(median(full.appBusyMs))} busy, ${formatMs(median(full.appMs))} wall (${fullName}${r.allChanged ? `; expires_in moved: ${formatMs(median(r.expiresInMoved.appBusyMs))} busy` : ''})`,
      ratio: `${formatRatio(page304)} (wall ${formatRatio(page304Wall)}${r.allChanged ? `; vs expires_in moved ${formatRatio(vsMoved)}` : ''})`,
      budget: '≤ 0.1× a read page',
      result: verdict(page304, { limit: 0.1, op: '<=', label: '' }),
    },
  ];
}
