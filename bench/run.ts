/**
 * `npm run bench`: runs every benchmark, prints the table (median with min–max, ratio, ratio
 * budget, pass/miss) and writes bench/results.json (machine, load before and after, versions,
 * raw samples), bench/PERFORMANCE.md and the README's Performance section from that run.
 * Timings are reported, never asserted. Each timed series repeats until its spread settles
 * (interquartile range ≤ 10% of the median) or a cap is reached, and the table says which.
 *
 * For a quick look: BENCH_QUICK=1 (fewer samples, the same sizes, one minute boundary per popover
 * size; BENCH_MINUTES=N sets that count, 3 by default). To run some parts only:
 * BENCH_ONLY=size,refresh,eventloop,heap,scan,api,popover,expiry (comma list); such a run prints its
 * table and writes nothing (the report files always come from one whole run).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../tests/support/chromium.js';
import { apiBudgetRow, runApiBudget } from './api-budget.js';
import { runStallRuns, STALL_RUNS } from './event-loop.js';
import { stallRows } from './event-loop-rows.js';
import { heapRow, runHeap } from './heap.js';
import { freshMemoryProbe, machineInfo, versions, type FreshMemory } from './lib/machine.js';
import { seedNotes } from './lib/emulator.js';
import { renderTextTable, type Row } from './lib/stats.js';
import { writeReport, type Report } from './report.js';
import { pipelineRows, runPipeline } from './refresh-pipeline.js';
import { runPopoverRenders, SIZES } from './popover-render.js';
import { popoverRows } from './popover-rows.js';
import { runSeeEveryExpiry, seeEveryExpiryRows } from './see-every-expiry.js';
import { runSize, sizeRows } from './size.js';
import type { SettleOptions } from './lib/sampling.js';
import { consumerScanRow, runConsumerScan } from './consumer-scan.js';

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const wanted = (part: string): boolean => only === null || only.has(part);
const settle: SettleOptions = quick ? { min: 2, max: 3, tolerance: 0.1 } : { min: 5, max: 12, tolerance: 0.1 };
// The refresh series are cheap (a sample is one refresh of each side, at most ~0.2 s) and their
// ratios sit near their budgets: more samples, so one run's median says what the code does rather
// than where the machine's noise put it (at 12 samples the 10,000-token first refresh landed from
// 0.92× to 1.01× on the same code from run to run).
const refreshSettle: SettleOptions = quick ? settle : { min: 20, max: 40, tolerance: 0.1 };
const SAMPLES = { settle, refreshSettle, render: quick ? 2 : 5, app: quick ? 2 : 7, cli: 1, cliJson: quick ? 2 : 5, consumerScan: quick ? 2 : 7 };

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const loadBefore = os.loadavg();
  // Before anything else has grown this process: the probe's pages are fresh ones.
  const freshMemory = freshMemoryProbe();
  log(`fresh memory: ${freshMemory.usPerPage.toFixed(1)} µs per 4 KiB page first touched`);
  const results: Record<string, unknown> = {};

  if (wanted('size')) {
    log('size: vite build');
    results.size = runSize();
  }
  if (wanted('refresh')) {
    for (const size of [5000, 10_000]) {
      log(`refresh pipeline: ${size} tokens (first, expires_in moved, 304), until the spread settles`);
      (results.refreshPipeline ??= [] as unknown[]) as unknown[];
      (results.refreshPipeline as unknown[]).push(await runPipeline(size, refreshSettle));
    }
  }
  if (wanted('eventloop')) {
    log(`event loop: 10 accounts x 1,000 tokens refreshed while IPC calls are answered, ${STALL_RUNS} cold runs (a process each)`);
    results.eventLoop = await runStallRuns();
  }
  if (wanted('heap')) {
    log('heap per authorization: 1,000 / 5,000 / 10,000');
    results.heap = await runHeap();
  }
  if (wanted('scan')) {
    log(`consumer scan: 100 apps x ${SAMPLES.consumerScan}`);
    results.consumerScan = await runConsumerScan(100, SAMPLES.consumerScan);
  }
  if (wanted('api')) {
    log('API budget: one simulated idle day');
    results.apiBudget = await runApiBudget(20);
    results.apiBudgetLowRateLimit = await runApiBudget(20, 400);
  }

  let chromium: string | null = null;
  if (wanted('popover')) {
    const browser = await launchChromium();
    try {
      chromium = browser.version();
      results.popover = await runPopoverRenders(browser, SAMPLES.render, SIZES, log);
    } finally {
      await browser.close();
    }
  }
  if (wanted('expiry')) {
    // A browser of its own, as an app's cold start has: after the 10,000-token popover runs in the
    // same browser these cold opens took 463-573 ms against 419 ms in a fresh one (12:55-13:00 UTC).
    const browser = await launchChromium();
    try {
      chromium = browser.version();
      log(`see every expiry: app x ${SAMPLES.app}, Heroku CLI x ${SAMPLES.cli} (+ authorizations --json x ${SAMPLES.cliJson})`);
      results.seeEveryExpiry = await runSeeEveryExpiry(browser, SAMPLES.app, SAMPLES.cli, t0 + 12 * 60_000, SAMPLES.cliJson);
    } finally {
      await browser.close();
    }
  }
  if (only !== null) {
    process.stdout.write(`\n${renderTextTable(partialTable(results as Partial<Benchmarks>, freshMemory.usPerPage))}\n\n`);
    log(`BENCH_ONLY=${[...only].join(',')}: done in ${((performance.now() - t0) / 1000).toFixed(0)} s; nothing written`);
    return;
  }
  const rows = tableFrom(results as unknown as Benchmarks, freshMemory.usPerPage);
  const durationMs = performance.now() - t0;
  const machine = { ...machineInfo(), freshMemory, loadAverage: { before: loadBefore, after: os.loadavg() } };
  const report: Report & Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench',
    durationMs,
    machine,
    versions: versions(chromium),
    samples: SAMPLES,
    table: rows,
    notes: seedNotes,
    benchmarks: results,
  };
  writeReport(report);
  process.stdout.write(`\n${renderTextTable(rows)}\n\n`);
  log(`done in ${(durationMs / 1000).toFixed(0)} s; wrote bench/results.json, bench/PERFORMANCE.md and README.md's Performance section`);
}

interface Benchmarks {
  seeEveryExpiry: Awaited<ReturnType<typeof runSeeEveryExpiry>>;
  refreshPipeline: Array<Awaited<ReturnType<typeof runPipeline>>>;
  eventLoop: Awaited<ReturnType<typeof runStallRuns>>;
  heap: Awaited<ReturnType<typeof runHeap>>;
  popover: Awaited<ReturnType<typeof runPopoverRenders>>;
  size: ReturnType<typeof runSize>;
  apiBudget: Awaited<ReturnType<typeof runApiBudget>>;
  apiBudgetLowRateLimit: Awaited<ReturnType<typeof runApiBudget>>;
  /** Absent in results.json written before the consumers bench existed. */
  consumerScan?: Awaited<ReturnType<typeof runConsumerScan>>;
}

/** The table, in reading order, from the benchmarks' results (`perPageUs`: the machine's fresh-page cost, when probed). */
function tableFrom(b: Benchmarks, perPageUs?: number): Row[] {
  return [
    ...seeEveryExpiryRows(b.seeEveryExpiry),
    ...b.refreshPipeline.flatMap((r) => pipelineRows(r, perPageUs)),
    ...stallRows(b.eventLoop, perPageUs),
    heapRow(b.heap),
    ...popoverRows(b.popover),
    ...sizeRows(b.size),
    apiBudgetRow(b.apiBudget),
    apiBudgetRow(b.apiBudgetLowRateLimit),
    ...(b.consumerScan ? [consumerScanRow(b.consumerScan)] : []),
  ];
}

/** The rows of the parts a BENCH_ONLY run measured. */
function partialTable(b: Partial<Benchmarks>, perPageUs?: number): Row[] {
  return [
    ...(b.seeEveryExpiry ? seeEveryExpiryRows(b.seeEveryExpiry) : []),
    ...(b.refreshPipeline ?? []).flatMap((r) => pipelineRows(r, perPageUs)),
    ...(b.eventLoop ? stallRows(b.eventLoop, perPageUs) : []),
    ...(b.heap ? [heapRow(b.heap)] : []),
    ...(b.popover ? popoverRows(b.popover) : []),
    ...(b.size ? sizeRows(b.size) : []),
    ...(b.apiBudget ? [apiBudgetRow(b.apiBudget)] : []),
    ...(b.apiBudgetLowRateLimit ? [apiBudgetRow(b.apiBudgetLowRateLimit)] : []),
    ...(b.consumerScan ? [consumerScanRow(b.consumerScan)] : []),
  ];
}

// `tsx bench/run.ts --report`: rewrites PERFORMANCE.md and the README section from results.json, no run.
const run = process.argv.includes('--report')
  ? async () => {
      const file = path.join(path.dirname(new URL(import.meta.url).pathname), 'results.json');
      const report = JSON.parse(readFileSync(file, 'utf8')) as Report & { benchmarks: Benchmarks } & Record<string, unknown>;
      report.table = tableFrom(report.benchmarks, (report.machine.freshMemory as FreshMemory | undefined)?.usPerPage);
      writeReport(report);
      process.stdout.write(`${renderTextTable(report.table)}\n`);
    }
  : main;

run().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
