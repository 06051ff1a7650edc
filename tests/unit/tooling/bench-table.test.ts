/** The benchmark report's pure helpers: medians, units, budgets and the tables. */
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatMs,
  formatRatioWithInterval,
  formatSpeedup,
  median,
  ratioInterval,
  renderMarkdownTable,
  renderTextTable,
  verdict,
  type Row,
} from '../../../bench/lib/stats.js';

describe('median', () => {
  it('takes the middle sample, or the mean of the two middle ones, regardless of order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it('ignores non-finite samples and is NaN when nothing is left', () => {
    expect(median([1, Number.NaN, 3, Number.POSITIVE_INFINITY])).toBe(2);
    expect(median([])).toBeNaN();
  });
});

describe('units', () => {
  it('prints durations in µs, ms or s', () => {
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(2.5)).toBe('2.5 ms');
    expect(formatMs(41_230)).toBe('41.2 s');
    expect(formatMs(Number.NaN)).toBe('n/a');
  });
  it('prints sizes in B, KB or MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(61_440)).toBe('61.4 KB');
    expect(formatBytes(2_500_000)).toBe('2.5 MB');
  });
  it('says how many times faster or slower the app is', () => {
    expect(formatSpeedup(100, 1000)).toBe('10× faster');
    expect(formatSpeedup(300, 100)).toBe('3× slower');
    expect(formatSpeedup(0, 100)).toBe('n/a');
  });
});

describe('verdict', () => {
  const atMost50 = { limit: 50, op: '<=' as const, label: '≤ 50 ms' };
  const under150 = { limit: 150_000, op: '<' as const, label: '< 150 KB' };
  it('passes at an inclusive limit and misses above it', () => {
    expect(verdict(50, atMost50)).toBe('pass');
    expect(verdict(50.1, atMost50)).toBe('miss');
  });
  it('misses at a strict limit', () => {
    expect(verdict(150_000, under150)).toBe('miss');
    expect(verdict(149_999, under150)).toBe('pass');
  });
  it('is n/a without a value or a budget', () => {
    expect(verdict(null, atMost50)).toBe('n/a');
    expect(verdict(Number.NaN, atMost50)).toBe('n/a');
    expect(verdict(3, null)).toBe('n/a');
  });
});

describe('tables', () => {
  const rows: Row[] = [
    { benchmark: 'First render, 1,000 rows', app: '31 ms', reference: '', ratio: '', budget: '≤ 50 ms', result: 'pass' },
    { benchmark: 'See every expiry (20)', app: '420 ms', reference: '41.2 s', ratio: '98× faster', budget: '', result: 'n/a' },
  ];
  it('aligns the text table columns', () => {
    const lines = renderTextTable(rows).split('\n');
    expect(lines).toHaveLength(4);
    const col = lines[0]!.indexOf('App');
    expect(lines[2]!.slice(col, col + 5)).toBe('31 ms');
    expect(lines[3]!.slice(col, col + 6)).toBe('420 ms');
    expect(lines[2]).toContain(' - ');
  });
  it('renders markdown with a header rule and escaped pipes', () => {
    const md = renderMarkdownTable([{ ...rows[0]!, benchmark: 'a|b' }]).split('\n');
    expect(md[0]).toBe('| Benchmark | App | Reference | Ratio | Budget | Result |');
    expect(md[1]).toBe('|---|---|---|---|---|---|');
    expect(md[2]).toBe('| a\\|b | 31 ms | - | - | ≤ 50 ms | pass |');
  });
});

describe('ratio interval (side-by-side rounds resampled)', () => {
  // Round i: the app's sample and the reference's, taken one after the other.
  const app = [70, 69, 72, 68, 71, 70, 69, 73, 70, 71, 68, 69];
  const ref = [66, 71, 65, 70, 67, 72, 66, 68, 69, 64, 70, 67];
  it('holds the ratio of the medians and is the same on every call (fixed seed)', () => {
    const ci = ratioInterval(app, ref);
    if (!ci) throw new Error('no interval');
    const point = median(app) / median(ref);
    expect(ci.lo).toBeLessThanOrEqual(point);
    expect(ci.hi).toBeGreaterThanOrEqual(point);
    expect(ci.lo).toBeLessThan(ci.hi);
    expect(ratioInterval(app, ref)).toEqual(ci);
  });
  it('lies wholly below 1 when one side is clearly faster, and narrows with steadier samples', () => {
    const fast = ref.map((x) => x / 2);
    const ci = ratioInterval(fast, ref);
    expect(ci!.hi).toBeLessThan(1);
    const steady = ratioInterval(Array(12).fill(35), Array(12).fill(70));
    expect(steady).toEqual({ lo: 0.5, hi: 0.5 });
  });
  it('resamples rounds whole: a round that is slow for both sides moves the ratio little', () => {
    // Every round's pair has the same ratio (0.9), whatever the round's load: so has every resample.
    const load = [1, 3, 1.2, 2.5, 1, 4, 1.1, 1, 2, 1.3];
    const ci = ratioInterval(
      load.map((l) => 63 * l),
      load.map((l) => 70 * l),
    );
    expect(ci!.lo).toBeCloseTo(0.9, 5);
    expect(ci!.hi).toBeCloseTo(0.9, 5);
  });
  it('gives none for fewer than five rounds, unpaired series or unusable samples', () => {
    expect(ratioInterval([1, 2, 3, 4], [1, 2, 3, 4])).toBeNull();
    expect(ratioInterval(app, ref.slice(1))).toBeNull();
    expect(ratioInterval([...app.slice(1), Number.NaN], ref)).toBeNull();
    expect(ratioInterval([...app.slice(1), 0], ref)).toBeNull();
  });
  it('is printed beside the ratio, and left out when there is none', () => {
    expect(formatRatioWithInterval(1.0612, { lo: 0.9811, hi: 1.0934 })).toBe('1.06× (95% CI 0.98–1.09×)');
    expect(formatRatioWithInterval(0.91, null)).toBe('0.91×');
  });
});

