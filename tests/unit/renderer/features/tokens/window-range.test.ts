/** The windowing math: which rows to render for a scroll position, and where to scroll to show one. */
import { describe, expect, it } from 'vitest';
import { revealScrollTop, rowHeight, rowOffsets, sparseOffsets, windowRange, windowRangeAt, windowRows, type WindowInput } from '../../../../../renderer/features/tokens/window-range.js';

const uniform = (n: number, h?: number) => Array.from({ length: n }, () => h);
const input = (over: Partial<WindowInput>): WindowInput => ({
  scrollTop: 0,
  viewportHeight: 400,
  heights: uniform(1000, 50),
  estimate: 50,
  overscan: 3,
  ...over,
});

describe('rowHeight and rowOffsets', () => {
  it('uses the measured height, and the estimate for unmeasured or not laid out rows', () => {
    expect(rowHeight(80, 50)).toBe(80);
    expect(rowHeight(undefined, 50)).toBe(50);
    expect(rowHeight(0, 50)).toBe(50);
  });

  it('gives each row its top and the total as the last entry', () => {
    expect(rowOffsets([10, undefined, 30], 20)).toEqual([0, 10, 30, 60]);
    expect(rowOffsets([], 20)).toEqual([0]);
  });
});

describe('windowRange', () => {
  it('renders nothing for an empty list', () => {
    expect(windowRange(input({ heights: [] }))).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0, total: 0 });
  });

  it('at the top: the visible rows plus the overscan below, padding for the rest', () => {
    const r = windowRange(input({}));
    // 400 px of 50 px rows: rows 0..7 are visible, 3 more below.
    expect(r).toEqual({ start: 0, end: 11, padTop: 0, padBottom: (1000 - 11) * 50, total: 50_000 });
  });

  it('in the middle: overscan on both sides, and padding + rendered rows = total', () => {
    const r = windowRange(input({ scrollTop: 10_000 }));
    expect(r.start).toBe(200 - 3);
    expect(r.end).toBe(208 + 3);
    expect(r.padTop).toBe(197 * 50);
    expect(r.padTop + (r.end - r.start) * 50 + r.padBottom).toBe(r.total);
  });

  it('counts a row the viewport only partly shows', () => {
    const r = windowRange(input({ scrollTop: 10_025, overscan: 0 }));
    expect(r.start).toBe(200);
    expect(r.end).toBe(209); // 10_025..10_425 reaches into row 208
  });

  it('uses measured heights where known and the estimate elsewhere', () => {
    const heights = uniform(100);
    heights[0] = 500; // an open row at the top
    const r = windowRange(input({ heights, scrollTop: 500, viewportHeight: 100, overscan: 0 }));
    expect(r.start).toBe(1);
    expect(r.end).toBe(3);
    expect(r.padTop).toBe(500);
    expect(r.total).toBe(500 + 99 * 50);
  });

  it('while the list starts below the viewport top (a timeline above it): rows from the first', () => {
    const r = windowRange(input({ scrollTop: -150, viewportHeight: 400, overscan: 1 }));
    // Only 250 px of the viewport show the list: rows 0..4, plus one.
    expect(r.start).toBe(0);
    expect(r.end).toBe(6);
  });

  it('a list entirely below the viewport still renders its first rows', () => {
    const r = windowRange(input({ scrollTop: -1000, viewportHeight: 400, overscan: 2 }));
    expect(r.start).toBe(0);
    expect(r.end).toBe(3);
  });

  it('at and beyond the end: the last rows, never past the list', () => {
    const atEnd = windowRange(input({ scrollTop: 50_000 - 400 }));
    expect(atEnd.end).toBe(1000);
    expect(atEnd.padBottom).toBe(0);
    expect(atEnd.start).toBe(992 - 3);
    const past = windowRange(input({ scrollTop: 1e9 }));
    expect(past.end).toBe(1000);
    expect(past.start).toBe(999 - 3);
  });

  it('a zero-height viewport still renders the row at the scroll position', () => {
    const r = windowRange(input({ scrollTop: 1000, viewportHeight: 0, overscan: 0 }));
    expect(r).toMatchObject({ start: 20, end: 21 });
  });

  it('stays bounded however long the list is', () => {
    for (const n of [41, 1000, 100_000]) {
      const r = windowRange(input({ heights: uniform(n), scrollTop: 25 * 50 }));
      expect(r.end - r.start).toBeLessThanOrEqual(8 + 1 + 2 * 3);
    }
  });

  it('a short list that fits renders every row', () => {
    expect(windowRange(input({ heights: uniform(5) }))).toMatchObject({ start: 0, end: 5, padTop: 0, padBottom: 0 });
  });
});

describe('revealScrollTop', () => {
  const offsets = rowOffsets(uniform(100, 50), 50);

  it('keeps the position when the row is in full view', () => {
    expect(revealScrollTop(3, offsets, 100, 400)).toBe(100);
  });

  it('scrolls up to a row above, aligned to its top', () => {
    expect(revealScrollTop(1, offsets, 300, 400)).toBe(50);
  });

  it('scrolls down to a row below, aligned to its bottom', () => {
    expect(revealScrollTop(90, offsets, 0, 400)).toBe(91 * 50 - 400);
  });

  it('aligns a row taller than the viewport to its top', () => {
    const tall = rowOffsets([50, 900, 50], 50);
    expect(revealScrollTop(1, tall, 0, 400)).toBe(50);
  });

  it('clamps the index into the list', () => {
    expect(revealScrollTop(500, offsets, 0, 400)).toBe(100 * 50 - 400);
    expect(revealScrollTop(-2, offsets, 300, 400)).toBe(0);
    expect(revealScrollTop(0, [0], 123, 400)).toBe(123);
  });
});

describe('windowRows (rows kept mounted outside the window)', () => {
  const offsets = rowOffsets(uniform(100, 50), 50);
  const range = windowRange(input({ heights: uniform(100, 50), scrollTop: 2000, viewportHeight: 200, overscan: 0 }));

  it('is the range alone when nothing is kept, or the kept rows are inside it', () => {
    const plain = windowRows(range, offsets, []);
    expect(plain.rows.map((r) => r.index)).toEqual([40, 41, 42, 43]);
    expect(plain.rows.every((r) => r.spaceBefore === 0)).toBe(true);
    expect(windowRows(range, offsets, [41])).toEqual(plain);
    expect(plain).toMatchObject({ padTop: range.padTop, padBottom: range.padBottom });
  });

  it('puts a kept row before or after the range at its own offset, in list order', () => {
    const r = windowRows(range, offsets, [90, 2]);
    expect(r.rows.map((x) => x.index)).toEqual([2, 40, 41, 42, 43, 90]);
    expect(r.padTop).toBe(100);
    expect(r.rows[1]!.spaceBefore).toBe(40 * 50 - 3 * 50);
    expect(r.rows[5]!.spaceBefore).toBe(90 * 50 - 44 * 50);
    expect(r.padBottom).toBe(100 * 50 - 91 * 50);
    // Every row still lands where the full list would have it.
    let y = r.padTop;
    for (const row of r.rows) {
      y += row.spaceBefore;
      expect(y).toBe(offsets[row.index]);
      y += 50;
    }
  });

  it('ignores kept indices that are not rows', () => {
    expect(windowRows(range, offsets, [-1, 100, 1.5]).rows.map((x) => x.index)).toEqual([40, 41, 42, 43]);
  });
});

describe('windowRangeAt (binary search over summed offsets)', () => {
  /** The linear scan windowRange used to do, kept as the reference. */
  function linear({ scrollTop, viewportHeight, heights, estimate, overscan }: WindowInput) {
    const n = heights.length;
    const offsets = rowOffsets(heights, estimate);
    const total = offsets[n]!;
    if (n === 0) return { start: 0, end: 0, padTop: 0, padBottom: 0, total };
    const top = Math.max(0, scrollTop);
    const bottom = Math.max(top, scrollTop + Math.max(0, viewportHeight));
    let first = 0;
    while (first < n - 1 && offsets[first + 1]! <= top) first++;
    let last = first + 1;
    while (last < n && offsets[last]! < bottom) last++;
    const margin = Math.max(0, Math.floor(overscan));
    const start = Math.max(0, first - margin);
    const end = Math.min(n, last + margin);
    return { start, end, padTop: offsets[start]!, padBottom: total - offsets[end]!, total };
  }

  it('finds exactly the rows the linear scan found, for any heights, scroll and viewport', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let round = 0; round < 2000; round++) {
      const n = Math.floor(rnd() * 60);
      const heights = Array.from({ length: n }, () => (rnd() < 0.5 ? undefined : rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 300)));
      const total = rowOffsets(heights, 76).at(-1)!;
      const at = input({
        heights,
        estimate: 76,
        scrollTop: Math.floor((rnd() * 1.4 - 0.2) * total),
        viewportHeight: Math.floor(rnd() * 800),
        overscan: Math.floor(rnd() * 5),
      });
      // Row edges exactly at the viewport's edges are the cases a search gets wrong.
      if (n > 0 && rnd() < 0.3) at.scrollTop = rowOffsets(heights, 76)[Math.floor(rnd() * n)]!;
      expect(windowRangeAt(rowOffsets(at.heights, at.estimate), at.scrollTop, at.viewportHeight, at.overscan)).toEqual(linear(at));
      expect(windowRange(at)).toEqual(linear(at));
    }
  });
});

describe('sparseOffsets (tops from the measured rows only)', () => {
  it('gives every row the top rowOffsets gives it, without an entry per row', () => {
    let s = 21;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let round = 0; round < 300; round++) {
      const n = Math.floor(rnd() * 80);
      const heights = Array.from({ length: n }, () => (rnd() < 0.7 ? undefined : rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 300)));
      const measured = new Map(heights.flatMap((h, i) => (h === undefined ? [] : [[i, h] as const])));
      const sparse = sparseOffsets(n, 76, measured);
      expect(sparse.rows).toBe(n);
      expect(Array.from({ length: n + 1 }, (_, i) => sparse.top(i))).toEqual(rowOffsets(heights, 76));
      const at = { scrollTop: Math.floor(rnd() * 76 * n), viewportHeight: 500, overscan: 4 };
      expect(windowRangeAt(sparse, at.scrollTop, at.viewportHeight, at.overscan)).toEqual(windowRange(input({ ...at, heights, estimate: 76 })));
    }
  });
});
