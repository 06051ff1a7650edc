/**
 * Benchmark 3: the popover in Chromium through the browser preview, with 20, 1,000 and 10,000
 * tokens (every budget is a ratio to the 20-token popover on the same machine in the same run).
 * - first render: from the list's data arriving in the page to the 1,000 rows painted;
 * - one countdown tick: script time per tick (CDP Performance.getMetrics ScriptDuration deltas
 *   over whole seconds, divided by the timer callbacks that fired);
 * - JS heap after render (after a forced GC);
 * - timers and animation frames requested while the popover is hidden (goal: none).
 * The rows it makes of them are bench/popover-rows.ts.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { probe, probedPage, seededStack, waitForProbe } from './lib/browser.js';
import { sampleUntilSettled, type SettleOptions } from './lib/sampling.js';
import { median } from './lib/stats.js';

export const SIZES = [20, 1000, 10_000] as const;

export interface RenderResult {
  rows: number;
  /** Data arrival -> rows painted, per sample (ms). */
  renderMs: number[];
  /** Data arrival -> rows in the DOM (before paint), per sample (ms). */
  renderDomMs: number[];
  /** Navigation start -> rows painted, per sample (ms). */
  navigationToPaintMs: number[];
  /** Data arrival -> the popover's first screenful of rows painted, per sample (ms). */
  firstScreenMs: number[];
  /** Rows in the DOM once the list settled (fewer than `rows` when the list is windowed). */
  rowsInDom: number;
  renderMedianMs: number;
  firstScreenMedianMs: number;
  tick: {
    windows: TickWindow[];
    /**
     * Whether the windows' script time per tick settled (TICK_SETTLE: interquartile range within
     * 10% of the median) before the cap. Absent in results.json written before round 11 (three
     * windows, no judgement).
     */
    settled?: boolean;
    scriptPerTickMedianMs: number;
    taskPerTickMedianMs: number;
    /** Per tick, from the probe: the timer task with its microtasks (React's render and commit). */
    perTickScriptMs: number[];
    /** The same across a minute boundary, where rows counting in minutes (and the timeline) update too. */
    minuteBoundaryTickMs: number[];
    /** Which of minuteBoundaryTickMs is the tick at the minute itself; -1 if it could not be told. */
    minuteTickIndex: number;
    /**
     * Main-thread script time (CDP ScriptDuration in thread time) of one-second windows each
     * holding one tick: the ticks at :58, :59, the minute, :01 and :02 (NaN where the window's
     * edges strayed from the half-seconds between ticks). Thread time leaves out the time the OS
     * kept the renderer off the CPU, which the probe's per-task figures above include. Absent in
     * results.json written before it was measured.
     */
    minuteWindowScriptMs?: number[];
    /** Which of minuteWindowScriptMs holds the tick at the minute. */
    minuteWindowIndex?: number;
    /** The same windows around the next minutes (BENCH_MINUTES in all, 3 by default): one sample per minute. */
    moreMinuteWindowScriptMs?: number[][];
  };
  heapUsedBytes: number;
  hidden: HiddenWindow & { method: string };
  visibleControl: HiddenWindow;
  pageErrors: string[];
}

interface TickWindow {
  seconds: number;
  /** The probe's per-tick task times in this window. */
  perTickMs: number[];
  ticks: number;
  scriptMs: number;
  taskMs: number;
  layoutMs: number;
  recalcStyleMs: number;
}

interface HiddenWindow {
  seconds: number;
  taskMs: number[];
  setTimeout: number;
  setInterval: number;
  requestAnimationFrame: number;
  fired: number;
  stacks: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Counts what the page schedules during `ms` (the probe wraps the timer APIs). `during` runs
 * while counting (from its start), e.g. to note which tick came when.
 */
async function countWindow(page: Page, ms: number, during: () => Promise<unknown> = async () => undefined): Promise<HiddenWindow> {
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: { counting: boolean; counts: Record<string, number>; taskMs: number[]; stacks: string[] } })
      .__bench;
    b.counts = { setTimeout: 0, setInterval: 0, requestAnimationFrame: 0, fired: 0 };
    b.taskMs = [];
    b.stacks = [];
    b.counting = true;
  });
  await Promise.all([sleep(ms), during()]);
  await page.evaluate(() => ((window as unknown as { __bench: { counting: boolean } }).__bench.counting = false));
  const s = await probe(page);
  return { seconds: ms / 1000, ...s.counts, taskMs: s.taskMs, stacks: s.stacks };
}

/** Rounds of tick windows (one 5-second window per popover a round): at least `min`, then until every series settled, at most `max`. */
const TICK_SETTLE: SettleOptions = { min: 3, max: 9, tolerance: 0.1 };

/** Script time of the countdown ticks while `seconds` pass with every row on screen. */
async function tickWindow(page: Page, cdp: CDPSession, seconds: number): Promise<TickWindow> {
  const m0 = await metrics(cdp);
  const w = await countWindow(page, seconds * 1000);
  const m1 = await metrics(cdp);
  const d = (k: string) => ((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000;
  return {
    seconds,
    perTickMs: w.taskMs,
    ticks: w.fired,
    scriptMs: d('ScriptDuration'),
    taskMs: d('TaskDuration'),
    layoutMs: d('LayoutDuration'),
    recalcStyleMs: d('RecalcStyleDuration'),
  };
}

async function setVisible(page: Page, emit: (visible: boolean) => void, visible: boolean): Promise<void> {
  emit(visible); // what main sends when it shows or hides the popover window
  await page.evaluate((v) => {
    (window as unknown as { __bench: { hidden: boolean } }).__bench.hidden = !v;
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
  await sleep(300);
}

interface RenderSamples {
  renderMs: number[];
  renderDomMs: number[];
  navigationToPaintMs: number[];
  firstScreenMs: number[];
  pageErrors: string[];
  /** The last page, left open with every row on screen. */
  page: Page;
}

/** Cold renders of the list (fresh page each, after one warm-up), timed by the probe. */
async function renderSamples(browser: Browser, url: string, samples: number, rows: number): Promise<RenderSamples> {
  const out: Omit<RenderSamples, 'page'> = { renderMs: [], renderDomMs: [], navigationToPaintMs: [], firstScreenMs: [], pageErrors: [] };
  let page: Page | null = null;
  for (let i = 0; i <= samples; i++) {
    if (page) await page.close();
    const p = await probedPage(browser, rows, false);
    page = p.page;
    await page.goto(url);
    // A windowed list never holds every row: then the first screenful is what there is to see.
    let screenSince: number | null = null;
    const s = await waitForProbe(page, (x) => {
      if (x.screenPaintAt !== null && screenSince === null) screenSince = Date.now();
      return x.dataAt !== null && (x.paintAt !== null || (screenSince !== null && Date.now() - screenSince > 1000));
    });
    out.pageErrors.push(...p.errors);
    if (i === 0) continue; // warm-up: the server's first answers
    const since = (at: number | null) => (at === null ? Number.NaN : at - s.dataAt!);
    out.renderMs.push(since(s.paintAt));
    out.renderDomMs.push(since(s.domAt));
    out.navigationToPaintMs.push(s.paintAt ?? Number.NaN);
    out.firstScreenMs.push(since(s.screenPaintAt));
  }
  return { ...out, page: page! };
}

/**
 * The normal ticks of every size's popover, side by side: 5-second windows taken in turns (the
 * first size rotating each round, as the refresh series take turns), each popover shown for its
 * window and hidden otherwise (its clock then stops, as the hidden-timers row checks), until every
 * series' script time per tick settles. Until round 16 each size took its windows on its own, one
 * size after another, minutes apart, so a ratio to the 20-row popover also held whatever the
 * shared machine did in between: round 15's final run read 1.09× and 0.9× for 1,000 and 10,000
 * rows, and the next run, on the same code, 1.2× and 1.39× (a tick does nothing per token). A tick
 * is ~0.5–1 ms of script, so windows are added until the spread settles, as before.
 */
async function measureNormalTicks(open: OpenPopover[]): Promise<Array<Pick<RenderResult['tick'], 'windows' | 'settled' | 'scriptPerTickMedianMs' | 'taskPerTickMedianMs' | 'perTickScriptMs'>>> {
  for (const o of open) await o.cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const windows = open.map(() => [] as TickWindow[]);
  const { settled } = await sampleUntilSettled(
    open.map((o, i) => async () => {
      await setVisible(o.page, o.emit, true);
      // Shown again, the clock ticks at once and every row catches up: that tick is not a normal one.
      await sleep(TICK_SHOWN_MS);
      const w = await tickWindow(o.page, o.cdp, 5);
      await setVisible(o.page, o.emit, false);
      windows[i]!.push(w);
      return w.ticks > 0 ? w.scriptMs / w.ticks : Number.NaN;
    }),
    TICK_SETTLE,
  );
  return windows.map((ws) => {
    const ticked = ws.filter((w) => w.ticks > 0);
    const perTick = (k: 'scriptMs' | 'taskMs') => median(ticked.map((w) => w[k] / w.ticks));
    return { windows: ws, settled, scriptPerTickMedianMs: perTick('scriptMs'), taskPerTickMedianMs: perTick('taskMs'), perTickScriptMs: ws.flatMap((w) => w.perTickMs) };
  });
}

/** How long a popover is shown before its tick window (its first tick after showing catches every row up). */
const TICK_SHOWN_MS = 1500;

/**
 * One popover's ticks across the next minute boundary (from 2.5 s before it): half a second after
 * the minute the page is asked how many ticks it has timed: the last of them is the tick at the
 * minute (the shared clock ticks on each whole second and is the only timer while the popover
 * sits open).
 */
async function measureMinutes(page: Page, cdp: CDPSession): Promise<Pick<RenderResult['tick'], 'minuteBoundaryTickMs' | 'minuteTickIndex' | 'minuteWindowScriptMs' | 'minuteWindowIndex' | 'moreMinuteWindowScriptMs'>> {
  await sleep((57_500 - (Date.now() % 60_000) + 60_000) % 60_000);
  let minuteTickIndex = -1;
  const minuteWindowScriptMs: number[] = [];
  const minute = await countWindow(page, 5000, async () => {
    await Promise.all([
      (async () => {
        await sleep(60_000 - (Date.now() % 60_000) + 500);
        const timed = await page.evaluate(() => (window as unknown as { __bench: { taskMs: number[] } }).__bench.taskMs.length);
        minuteTickIndex = timed - 1;
      })(),
      (async () => minuteWindowScriptMs.push(...(await singleTickWindows(cdp, 5))))(),
    ]);
  });
  return {
    minuteBoundaryTickMs: minute.taskMs,
    minuteTickIndex,
    minuteWindowScriptMs,
    // Started half a second before :58: the third window holds the minute's tick.
    minuteWindowIndex: 2,
    moreMinuteWindowScriptMs: await moreMinutes(cdp),
  };
}

/** Minutes measured per size (the first one above, the rest here): one sample each, the row takes their median. */
const MINUTES = Math.max(1, Number(process.env.BENCH_MINUTES ?? (process.env.BENCH_QUICK === '1' ? 1 : 3)));

/** The thread-time windows around each further minute boundary (each from half a second before :58). */
async function moreMinutes(cdp: CDPSession): Promise<number[][]> {
  const out: number[][] = [];
  for (let m = 1; m < MINUTES; m++) {
    await sleep((57_500 - (Date.now() % 60_000) + 60_000) % 60_000);
    out.push(await singleTickWindows(cdp, 5));
  }
  return out;
}

/**
 * Main-thread script time (thread time) of `count` one-second windows from the next half-second
 * on, each holding one tick of the shared clock (it ticks on the whole second). A window whose
 * edges were read more than 300 ms off the half-seconds (a loaded machine delaying the CDP calls)
 * is NaN rather than a figure holding two ticks or none.
 */
async function singleTickWindows(cdp: CDPSession, count: number): Promise<number[]> {
  const edge = async (at: number) => {
    await sleep(at - Date.now());
    const m = await metrics(cdp);
    return { ok: Math.abs(Date.now() - at) <= 300, script: m.ScriptDuration ?? Number.NaN };
  };
  const first = Math.round((Date.now() - 500) / 1000) * 1000 + 500;
  let prev = await edge(first);
  const out: number[] = [];
  for (let i = 1; i <= count; i++) {
    const next = await edge(first + i * 1000);
    out.push(prev.ok && next.ok ? (next.script - prev.script) * 1000 : Number.NaN);
    prev = next;
  }
  return out;
}

const HIDDEN_METHOD =
  "main's popover:visibility {visible:false} event + document.visibilityState emulated 'hidden' with a visibilitychange event (headless Chromium never hides a page)";

/** A size's popover left open after its cold renders: its stack, its last page (hidden between measurements) and what was measured so far. */
interface OpenPopover {
  rows: number;
  stack: Awaited<ReturnType<typeof seededStack>>;
  page: Page;
  cdp: CDPSession;
  emit: (visible: boolean) => void;
  renders: Omit<RenderSamples, 'page' | 'pageErrors'>;
  pageErrors: string[];
  rowsInDom: number;
}

/**
 * Each size's popover: `samples` cold renders (one size after another), the last page of each
 * left open and hidden; then the normal ticks of all sizes side by side (measureNormalTicks); then,
 * one size after another, the minute boundary, the heap and the hidden window on that page.
 */
export async function runPopoverRenders(browser: Browser, samples: number, sizes: readonly number[], log: (line: string) => void = () => undefined): Promise<RenderResult[]> {
  const open: OpenPopover[] = [];
  // Every stack started, closed at the end whatever failed.
  const stacks: OpenPopover['stack'][] = [];
  try {
    for (const rows of sizes) {
      log(`popover: ${rows} tokens x ${samples} cold renders`);
      const stack = await seededStack(rows);
      stacks.push(stack);
      const { page, pageErrors, ...renders } = await renderSamples(browser, stack.preview.url, samples, rows);
      const rowsInDom = await page.evaluate(() => document.querySelectorAll('[aria-label="Tokens"] li').length);
      const cdp = await page.context().newCDPSession(page);
      const emit = (visible: boolean) => stack.preview.core.bus.emit('popover:visibility', { visible });
      open.push({ rows, stack, page, cdp, emit, renders, pageErrors, rowsInDom });
      await setVisible(page, emit, false);
    }
    log(`popover: normal ticks of ${sizes.join(', ')} tokens, side by side`);
    const ticks = await measureNormalTicks(open);
    const out: RenderResult[] = [];
    for (const [i, o] of open.entries()) {
      log(`popover: ${o.rows} tokens, minute boundary, heap, hidden`);
      await setVisible(o.page, o.emit, true);
      await sleep(TICK_SHOWN_MS);
      const minutes = await measureMinutes(o.page, o.cdp);
      await o.cdp.send('HeapProfiler.collectGarbage');
      const heapUsedBytes = (await metrics(o.cdp)).JSHeapUsedSize ?? Number.NaN;
      await setVisible(o.page, o.emit, false);
      const hidden = await countWindow(o.page, 5000);
      await setVisible(o.page, o.emit, true);
      const visibleControl = await countWindow(o.page, 3000);
      await setVisible(o.page, o.emit, false);
      out.push({
        rows: o.rows,
        ...o.renders,
        rowsInDom: o.rowsInDom,
        renderMedianMs: median(o.renders.renderMs),
        firstScreenMedianMs: median(o.renders.firstScreenMs),
        tick: { ...ticks[i]!, ...minutes },
        heapUsedBytes,
        hidden: { ...hidden, method: HIDDEN_METHOD },
        visibleControl,
        pageErrors: [...new Set(o.pageErrors)],
      });
    }
    return out;
  } finally {
    for (const stack of stacks) await stack.close();
  }
}
