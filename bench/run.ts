/**
 * `npm run bench`: runs every benchmark against the emulator, prints the table (medians, ratios,
 * budgets, pass/miss) and writes bench/results.json (machine, versions, raw samples, medians) and
 * bench/PERFORMANCE.md (the README's Performance section). Timings are reported, never asserted.
 *
 * Sample counts can be lowered for a quick look: BENCH_QUICK=1, or BENCH_CLI_SAMPLES=n etc.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../tests/support/chromium.js';
import { apiBudgetRow, runApiBudget } from './api-budget.js';
import { machineInfo, ROOT, versions } from './lib/machine.js';
import { seedNotes } from './lib/emulator.js';
import { renderMarkdownTable, renderTextTable, type Row } from './lib/stats.js';
import { pipelineRow, runPipeline } from './refresh-pipeline.js';
import { renderRows, runPopoverRender } from './popover-render.js';
import { runSeeEveryExpiry, seeEveryExpiryRow, smallListRow } from './see-every-expiry.js';
import { runSize, sizeRows } from './size.js';
import { consumerScanRow, runConsumerScan } from './consumer-scan.js';

const quick = process.env.BENCH_QUICK === '1';
const n = (name: string, full: number, fast: number) => Number(process.env[name] ?? (quick ? fast : full));
const SAMPLES = {
  pipeline1000: n('BENCH_PIPELINE_SAMPLES', 15, 3),
  pipeline5000: n('BENCH_PIPELINE_5000_SAMPLES', 7, 2),
  render: n('BENCH_RENDER_SAMPLES', 7, 2),
  app: n('BENCH_APP_SAMPLES', 7, 2),
  cli: n('BENCH_CLI_SAMPLES', 3, 1),
  consumerScan: n('BENCH_CONSUMER_SCAN_SAMPLES', 7, 2),
};

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const loadBefore = os.loadavg();
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};

  log('size: vite build');
  const size = runSize();
  results.size = size;

  log(`refresh pipeline: 1,000 tokens x ${SAMPLES.pipeline1000}, 5,000 x ${SAMPLES.pipeline5000}`);
  const pipeline = [await runPipeline(1000, SAMPLES.pipeline1000), await runPipeline(5000, SAMPLES.pipeline5000)];
  results.refreshPipeline = pipeline;

  log(`consumer scan: 100 apps x ${SAMPLES.consumerScan}`);
  results.consumerScan = await runConsumerScan(100, SAMPLES.consumerScan);

  log('API budget: one simulated idle day');
  const api = await runApiBudget(20);
  const apiLow = await runApiBudget(20, 400);
  results.apiBudget = api;
  results.apiBudgetLowRateLimit = apiLow;

  const browser = await launchChromium();
  let chromium: string | null = null;
  try {
    chromium = browser.version();
    log(`popover rendering: 1,000 tokens x ${SAMPLES.render}, ticks, heap, hidden`);
    const render = await runPopoverRender(browser, SAMPLES.render);
    results.popover = render;
    log(`see every expiry: app x ${SAMPLES.app}, Heroku CLI x ${SAMPLES.cli} (the CLI takes a while)`);
    const see = await runSeeEveryExpiry(browser, SAMPLES.app, SAMPLES.cli, t0 + 9 * 60_000);
    results.seeEveryExpiry = see;
  } finally {
    await browser.close();
  }
  rows.push(...tableFrom(results as unknown as Benchmarks));

  const durationMs = performance.now() - t0;
  const machine = { ...machineInfo(), loadAverage: { before: loadBefore, after: os.loadavg() } };
  const report = {
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
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeReport(report);
  process.stdout.write(`\n${renderTextTable(rows)}\n\n`);
  log(`done in ${(durationMs / 1000).toFixed(0)} s; wrote bench/results.json and bench/PERFORMANCE.md`);
}

interface Benchmarks {
  seeEveryExpiry: Awaited<ReturnType<typeof runSeeEveryExpiry>>;
  refreshPipeline: Array<Awaited<ReturnType<typeof runPipeline>>>;
  popover: Awaited<ReturnType<typeof runPopoverRender>>;
  size: ReturnType<typeof runSize>;
  apiBudget: Awaited<ReturnType<typeof runApiBudget>>;
  apiBudgetLowRateLimit: Awaited<ReturnType<typeof runApiBudget>>;
  /** Absent in results.json written before the consumers bench existed. */
  consumerScan?: Awaited<ReturnType<typeof runConsumerScan>>;
}

/** The table, in reading order, from the benchmarks' results. */
function tableFrom(b: Benchmarks): Row[] {
  const [firstScreen, ...otherRender] = renderRows(b.popover);
  return [
    seeEveryExpiryRow(b.seeEveryExpiry),
    ...b.refreshPipeline.map(pipelineRow),
    firstScreen!,
    smallListRow(b.seeEveryExpiry),
    ...otherRender,
    ...sizeRows(b.size),
    apiBudgetRow(b.apiBudget),
    apiBudgetRow(b.apiBudgetLowRateLimit),
    ...(b.consumerScan ? [consumerScanRow(b.consumerScan)] : []),
  ];
}

interface Report {
  table: Row[];
  machine: Record<string, unknown>;
  versions: Record<string, string | null>;
  durationMs: number;
}

/** Writes bench/PERFORMANCE.md: the generated part, then the hand-written bench/performance-notes.md. */
function writeReport(report: Report): void {
  const notesFile = path.join(ROOT, 'bench/performance-notes.md');
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
  const md = performanceSection(report.table, report.machine, report.versions, report.durationMs) + notes;
  writeFileSync(path.join(ROOT, 'bench/PERFORMANCE.md'), md);
}

function performanceSection(rows: Row[], machine: Record<string, unknown>, v: Record<string, string | null>, durationMs: number): string {
  const gb = (Number(machine.memoryBytes) / 1024 ** 3).toFixed(0);
  return `## Performance

Measured side by side with what people use today (the Heroku CLI, the official \`heroku-client\`),
on the same local Heroku API emulator, by:

\`\`\`sh
npm run bench
\`\`\`

${renderMarkdownTable(rows)}

Machine: ${String(machine.cpuModel)}, ${String(machine.cores)} cores, ${gb} GB, ${String(machine.os)}; Node ${v.node},
Chromium ${v.chromium}, Heroku CLI ${v.herokuCli}, heroku-client ${v.herokuClient}. The run took ${(durationMs / 60_000).toFixed(1)} min.
Medians of several runs; raw samples and per-benchmark details are in \`bench/results.json\`.
"See every expiry" is a cold popover in the browser preview (navigation to the last row's expiry)
against \`heroku authorizations\` plus \`heroku authorizations:info\` for each id, run one after
another (the CLI's list shows no expiry). The popover figures come from Chromium through the
browser preview; "hidden" combines main's \`popover:visibility\` event with a hidden document.
`;
}

// `tsx bench/run.ts --report`: rewrites PERFORMANCE.md and prints the table from results.json, no run.
const reportOnly = process.argv.includes('--report');
const run = reportOnly
  ? async () => {
      const file = path.join(ROOT, 'bench/results.json');
      const report = JSON.parse(readFileSync(file, 'utf8')) as Report & { benchmarks: Benchmarks };
      report.table = tableFrom(report.benchmarks);
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      writeReport(report);
      process.stdout.write(`${renderTextTable(report.table)}\n`);
    }
  : main;

run().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
