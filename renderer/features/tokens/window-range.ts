/**
 * Which rows of a long list to render: a pure function of the scroll position, the viewport and
 * the rows' heights (measured, or an estimate for rows not measured yet). Pure, so it is tested
 * without layout; the list component feeds it what the DOM says.
 */

export interface WindowInput {
  /** The viewport's top relative to the first row's top (negative while the list starts lower down). */
  scrollTop: number;
  viewportHeight: number;
  /** Per row: its measured height, or undefined (or 0: not laid out) when not measured yet. */
  heights: ReadonlyArray<number | undefined>;
  /** Height assumed for a row not measured yet. */
  estimate: number;
  /** Rows rendered beyond each edge of the viewport, so a small scroll shows no gap. */
  overscan: number;
}

export interface WindowRange {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Space standing in for the rows before `start`, and after `end` (so the scrollbar is right). */
  padTop: number;
  padBottom: number;
  /** Height of every row together. */
  total: number;
}

/** A row's height for layout: measured when known, the estimate otherwise. */
export function rowHeight(measured: number | undefined, estimate: number): number {
  return measured !== undefined && measured > 0 ? measured : estimate;
}

/** Top of each row, plus the total height as the last entry (length = rows + 1). */
export function rowOffsets(heights: ReadonlyArray<number | undefined>, estimate: number): number[] {
  const offsets = new Array<number>(heights.length + 1);
  let y = 0;
  for (let i = 0; i < heights.length; i++) {
    offsets[i] = y;
    y += rowHeight(heights[i], estimate);
  }
  offsets[heights.length] = y;
  return offsets;
}

/**
 * Each row's top, and the total as top(rows), without an array of every row: a long list is
 * mostly rows never measured, so their tops are the estimate times their index plus what the
 * measured rows before them add (sparseOffsets). Built in O(measured rows), read in O(log).
 */
export interface RowOffsets {
  readonly rows: number;
  top(i: number): number;
}

/** rowOffsets' array as RowOffsets. */
export function arrayOffsets(offsets: ReadonlyArray<number>): RowOffsets {
  return { rows: offsets.length - 1, top: (i) => offsets[i]! };
}

const asOffsets = (o: RowOffsets | ReadonlyArray<number>): RowOffsets => ('top' in o ? o : arrayOffsets(o));

/** The tops of `rows` rows, `measured` holding the heights of the measured ones by index (the rest: the estimate). */
export function sparseOffsets(rows: number, estimate: number, measured: ReadonlyMap<number, number>): RowOffsets {
  const at = [...measured.keys()].filter((i) => i >= 0 && i < rows).sort((a, b) => a - b);
  // extra[k]: what the measured rows before at[k] add to the estimate.
  const extra = new Array<number>(at.length + 1);
  extra[0] = 0;
  for (let k = 0; k < at.length; k++) extra[k + 1] = extra[k]! + rowHeight(measured.get(at[k]!), estimate) - estimate;
  const top = (i: number) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return i * estimate + extra[lo]!;
  };
  return { rows, top };
}

/** The rows to render for a viewport; every row of the list when it is empty or fits. */
export function windowRange({ scrollTop, viewportHeight, heights, estimate, overscan }: WindowInput): WindowRange {
  return windowRangeAt(rowOffsets(heights, estimate), scrollTop, viewportHeight, overscan);
}

/**
 * windowRange over offsets already summed (rowOffsets): two binary searches, so a scroll or a
 * re-render costs O(log rows), and the offsets are summed once per list and measurement.
 */
export function windowRangeAt(tops: RowOffsets | ReadonlyArray<number>, scrollTop: number, viewportHeight: number, overscan: number): WindowRange {
  const o = asOffsets(tops);
  const n = o.rows;
  const total = o.top(n);
  if (n === 0) return { start: 0, end: 0, padTop: 0, padBottom: 0, total };
  const top = Math.max(0, scrollTop);
  const bottom = Math.max(top, scrollTop + Math.max(0, viewportHeight));
  // First row whose bottom is below the viewport's top (the last row whose top is at or above
  // it; offsets grow strictly); scrolled past the end, the last row.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (o.top(mid) <= top) lo = mid;
    else hi = mid - 1;
  }
  const first = lo;
  // One past the last row whose top is above the viewport's bottom; at least the first row.
  lo = first + 1;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o.top(mid) < bottom) lo = mid + 1;
    else hi = mid;
  }
  const last = lo;
  const margin = Math.max(0, Math.floor(overscan));
  const start = Math.max(0, first - margin);
  const end = Math.min(n, last + margin);
  return { start, end, padTop: o.top(start), padBottom: total - o.top(end), total };
}

/** A row to render, and the space above it standing in for the unrendered rows just before it. */
export interface RenderedRow {
  index: number;
  spaceBefore: number;
}

export interface WindowRows {
  rows: RenderedRow[];
  padTop: number;
  padBottom: number;
}

/**
 * The range's rows plus rows kept mounted outside it (the focused one, the open one: unmounting
 * them would drop focus and half-typed input), in list order. Each kept row sits at its own
 * offset: the space between it and the range stands in for the rows between them.
 */
export function windowRows(range: WindowRange, tops: RowOffsets | ReadonlyArray<number>, keep: readonly number[]): WindowRows {
  const o = asOffsets(tops);
  const n = o.rows;
  const extra = keep.filter((k) => Number.isInteger(k) && k >= 0 && k < n && (k < range.start || k >= range.end));
  if (extra.length === 0) {
    const rows = Array.from({ length: range.end - range.start }, (_, k) => ({ index: range.start + k, spaceBefore: 0 }));
    return { rows, padTop: range.padTop, padBottom: range.padBottom };
  }
  const indices = [...new Set([...extra, ...Array.from({ length: range.end - range.start }, (_, k) => range.start + k)])].sort((a, b) => a - b);
  const rows = indices.map((index, k) => ({ index, spaceBefore: k === 0 ? 0 : o.top(index) - o.top(indices[k - 1]! + 1) }));
  return { rows, padTop: o.top(indices[0]!), padBottom: o.top(n) - o.top(indices.at(-1)! + 1) };
}

/**
 * The viewport top that shows row `index` with the least scrolling ("nearest"): unchanged when the
 * row is already in full view; a row taller than the viewport is aligned to its top.
 */
export function revealScrollTop(
  index: number,
  tops: RowOffsets | ReadonlyArray<number>,
  scrollTop: number,
  viewportHeight: number,
): number {
  const o = asOffsets(tops);
  const n = o.rows;
  if (n <= 0) return scrollTop;
  const i = Math.min(Math.max(0, index), n - 1);
  const rowTop = o.top(i);
  const rowBottom = o.top(i + 1);
  if (rowTop < scrollTop || rowBottom - rowTop > viewportHeight) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return rowBottom - viewportHeight;
  return scrollTop;
}
