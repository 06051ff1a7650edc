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

/** The rows to render for a viewport; every row of the list when it is empty or fits. */
export function windowRange({ scrollTop, viewportHeight, heights, estimate, overscan }: WindowInput): WindowRange {
  return windowRangeAt(rowOffsets(heights, estimate), scrollTop, viewportHeight, overscan);
}

/**
 * windowRange over offsets already summed (rowOffsets): two binary searches, so a scroll or a
 * re-render costs O(log rows), and the offsets are summed once per list and measurement.
 */
export function windowRangeAt(offsets: ReadonlyArray<number>, scrollTop: number, viewportHeight: number, overscan: number): WindowRange {
  const n = offsets.length - 1;
  const total = offsets[n]!;
  if (n === 0) return { start: 0, end: 0, padTop: 0, padBottom: 0, total };
  const top = Math.max(0, scrollTop);
  const bottom = Math.max(top, scrollTop + Math.max(0, viewportHeight));
  // First row whose bottom is below the viewport's top (the last row whose top is at or above
  // it; offsets grow strictly); scrolled past the end, the last row.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= top) lo = mid;
    else hi = mid - 1;
  }
  const first = lo;
  // One past the last row whose top is above the viewport's bottom; at least the first row.
  lo = first + 1;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < bottom) lo = mid + 1;
    else hi = mid;
  }
  const last = lo;
  const margin = Math.max(0, Math.floor(overscan));
  const start = Math.max(0, first - margin);
  const end = Math.min(n, last + margin);
  return { start, end, padTop: offsets[start]!, padBottom: total - offsets[end]!, total };
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
export function windowRows(range: WindowRange, offsets: ReadonlyArray<number>, keep: readonly number[]): WindowRows {
  const n = offsets.length - 1;
  const extra = keep.filter((k) => Number.isInteger(k) && k >= 0 && k < n && (k < range.start || k >= range.end));
  if (extra.length === 0) {
    const rows = Array.from({ length: range.end - range.start }, (_, k) => ({ index: range.start + k, spaceBefore: 0 }));
    return { rows, padTop: range.padTop, padBottom: range.padBottom };
  }
  const indices = [...new Set([...extra, ...Array.from({ length: range.end - range.start }, (_, k) => range.start + k)])].sort((a, b) => a - b);
  const rows = indices.map((index, k) => ({ index, spaceBefore: k === 0 ? 0 : offsets[index]! - offsets[indices[k - 1]! + 1]! }));
  return { rows, padTop: offsets[indices[0]!]!, padBottom: offsets[n]! - offsets[indices.at(-1)! + 1]! };
}

/**
 * The viewport top that shows row `index` with the least scrolling ("nearest"): unchanged when the
 * row is already in full view; a row taller than the viewport is aligned to its top.
 */
export function revealScrollTop(
  index: number,
  offsets: ReadonlyArray<number>,
  scrollTop: number,
  viewportHeight: number,
): number {
  const n = offsets.length - 1;
  if (n <= 0) return scrollTop;
  const i = Math.min(Math.max(0, index), n - 1);
  const rowTop = offsets[i]!;
  const rowBottom = offsets[i + 1]!;
  if (rowTop < scrollTop || rowBottom - rowTop > viewportHeight) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return rowBottom - viewportHeight;
  return scrollTop;
}
