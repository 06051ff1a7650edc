/**
 * Pure helpers for the benchmark report: medians, units, budgets and the printed table.
 * No I/O here, so tests/unit/tooling/bench-table.test.ts can check them.
 */

/** Median of the samples (mean of the two middle ones for an even count); NaN when empty. */
export function median(samples: readonly number[]): number {
  const finite = samples.filter((x) => Number.isFinite(x));
  if (finite.length === 0) return Number.NaN;
  const s = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Milliseconds in a unit a reader takes in at once: µs, ms or s with three significant digits. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  const abs = Math.abs(ms);
  if (abs < 1) return `${trim(ms * 1000)} µs`;
  if (abs < 1000) return `${trim(ms)} ms`;
  return `${trim(ms / 1000)} s`;
}

/** Bytes as B, KB or MB (1 KB = 1,000 bytes, as bundle budgets are usually stated). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${trim(bytes / 1000)} KB`;
  return `${trim(bytes / 1_000_000)} MB`;
}

/** Three significant digits, no trailing zeros ("12.3", "0.25", "123", "1230"). */
function trim(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}

/**
 * How many times faster `app` is than `reference` (both durations): "12.3× faster" or
 * "2.1× slower"; n/a when either is missing or zero.
 */
export function formatSpeedup(appMs: number, referenceMs: number): string {
  if (!(appMs > 0) || !(referenceMs > 0)) return 'n/a';
  return appMs <= referenceMs ? `${trim(referenceMs / appMs)}× faster` : `${trim(appMs / referenceMs)}× slower`;
}

/** A budget: the figure must stay at or under (or strictly under) a limit. */
export interface Budget {
  limit: number;
  /** '<=' passes at the limit, '<' does not. */
  op: '<=' | '<';
  /** How the limit is printed, e.g. "≤ 50 ms". */
  label: string;
}

export type Verdict = 'pass' | 'miss' | 'n/a';

/** Whether a measured value meets its budget; n/a when there is no value or no budget. */
export function verdict(value: number | null | undefined, budget: Budget | null | undefined): Verdict {
  if (!budget || value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  return (budget.op === '<=' ? value <= budget.limit : value < budget.limit) ? 'pass' : 'miss';
}

/** One line of the report. */
export interface Row {
  benchmark: string;
  /** The app's figure, already formatted. */
  app: string;
  /** What users would do instead (CLI, heroku-client), formatted; '' when none. */
  reference: string;
  ratio: string;
  budget: string;
  result: Verdict;
}

const HEADERS = ['Benchmark', 'App', 'Reference', 'Ratio', 'Budget', 'Result'] as const;

function cells(r: Row): string[] {
  return [r.benchmark, r.app, r.reference || '-', r.ratio || '-', r.budget || '-', r.result];
}

/** The table as aligned plain text for the terminal. */
export function renderTextTable(rows: readonly Row[]): string {
  const all = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((c) => [...c[i]!].length)));
  const line = (c: string[]) => c.map((x, i) => x + ' '.repeat(widths[i]! - [...x].length)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}

/** The table as GitHub markdown (for the README's Performance section). */
export function renderMarkdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const line = (c: readonly string[]) => `| ${c.map(esc).join(' | ')} |`;
  return [line(HEADERS), `|${HEADERS.map(() => '---').join('|')}|`, ...rows.map((r) => line(cells(r)))].join('\n');
}

/** Lowest, median and highest of the samples, and how many there are. */
export function summary(samples: readonly number[]): { min: number; median: number; max: number; n: number } {
  const finite = samples.filter((x) => Number.isFinite(x));
  if (finite.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, n: 0 };
  return { min: Math.min(...finite), median: median(finite), max: Math.max(...finite), n: finite.length };
}

/** Interquartile range over the median: how much the middle half of the samples disagrees. */
export function relativeSpread(samples: readonly number[]): number {
  const s = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length < 2) return Number.POSITIVE_INFINITY;
  const q = (p: number) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return s[lo]! + (s[Math.ceil(i)]! - s[lo]!) * (i - lo);
  };
  const m = median(s);
  return m > 0 ? (q(0.75) - q(0.25)) / m : Number.POSITIVE_INFINITY;
}

/** "12.3 ms (11.2–14 ms, n=9)": the median with the lowest and highest sample. */
export function formatRange(samples: readonly number[]): string {
  const { min, median: m, max, n } = summary(samples);
  return `${formatMs(m)} (${formatMs(min)}–${formatMs(max)}, n=${n})`;
}

/** A ratio as "0.42×". */
export function formatRatio(x: number): string {
  return Number.isFinite(x) ? `${trim(x)}×` : 'n/a';
}

/**
 * How sure a side-by-side ratio is: a 95% interval of median(a) / median(b), found by resampling
 * the rounds. a[i] and b[i] were measured in the same round, one right after the other, so a
 * round is drawn whole (its machine load falls on both alike). Percentile bootstrap with a fixed
 * seed, so a report regenerated from the same samples reads the same. Null with fewer than five
 * rounds, or when the series do not pair up.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], resamples = 2000, seed = 0x5eed): { lo: number; hi: number } | null {
  const n = a.length;
  if (n < 5 || b.length !== n || ![...a, ...b].every((x) => Number.isFinite(x) && x > 0)) return null;
  const random = mulberry32(seed);
  const ratios = new Float64Array(resamples);
  const x = new Array<number>(n);
  const y = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      x[i] = a[k]!;
      y[i] = b[k]!;
    }
    ratios[r] = median(x) / median(y);
  }
  ratios.sort();
  const at = (p: number) => ratios[Math.min(resamples - 1, Math.max(0, Math.round(p * (resamples - 1))))]!;
  return { lo: at(0.025), hi: at(0.975) };
}

/** "1.06× (95% CI 0.98–1.1×)": a ratio and, when there is one, its interval. */
export function formatRatioWithInterval(x: number, interval: { lo: number; hi: number } | null): string {
  if (!interval) return formatRatio(x);
  return `${formatRatio(x)} (95% CI ${trim(interval.lo)}–${formatRatio(interval.hi)})`;
}

/** A small seeded generator of numbers in [0, 1) (mulberry32): the same seed, the same numbers. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
