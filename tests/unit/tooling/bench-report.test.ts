/** The bench's report plumbing: only the README's Performance section is replaced; spread and settling. */
import { describe, expect, it } from 'vitest';
import { replaceSection } from '../../../bench/report.js';
import { sampleUntilSettled } from '../../../bench/lib/sampling.js';
import { formatRange, relativeSpread, summary } from '../../../bench/lib/stats.js';

describe('replaceSection', () => {
  const readme = '# App\n\nIntro.\n\n## Performance\n\nold table\n\n### How\n\nold notes\n\n## Security\n\nkeep me\n';
  it('replaces the Performance section up to the next ## heading and keeps the rest', () => {
    const out = replaceSection(readme, '## Performance\n\nnew table\n');
    expect(out).toBe('# App\n\nIntro.\n\n## Performance\n\nnew table\n\n## Security\n\nkeep me\n');
  });
  it('replaces a last section to the end, and appends one when there is none', () => {
    expect(replaceSection('# A\n\n## Performance\n\nold\n', '## Performance\n\nnew\n')).toBe('# A\n\n## Performance\n\nnew\n');
    expect(replaceSection('# A\n', '## Performance\n\nnew\n')).toBe('# A\n\n## Performance\n\nnew\n');
  });
});

describe('spread and settling', () => {
  it('summarises samples and measures the middle half against the median', () => {
    expect(summary([3, 1, 2, Number.NaN])).toEqual({ min: 1, median: 2, max: 3, n: 3 });
    expect(relativeSpread([10, 10, 10, 10])).toBe(0);
    expect(relativeSpread([8, 10, 12, 100])).toBeGreaterThan(0.1);
    expect(relativeSpread([5])).toBe(Number.POSITIVE_INFINITY);
    expect(formatRange([1, 2, 3])).toBe('2 ms (1 ms–3 ms, n=3)');
  });
  it('stops as soon as every series settled, and says so when the cap came first', async () => {
    const steady = await sampleUntilSettled([async () => 10, async () => 20], { min: 3, max: 10, tolerance: 0.1 });
    expect(steady.samples.map((s) => s.length)).toEqual([3, 3]);
    expect(steady.settled).toBe(true);
    let i = 0;
    const noisy = await sampleUntilSettled([async () => [1, 50, 3, 90][i++ % 4]!], { min: 3, max: 6, tolerance: 0.1 });
    expect(noisy.samples[0]).toHaveLength(6);
    expect(noisy.settled).toBe(false);
  });
});
