/**
 * Windowing for a long list: renders only the rows in and near the scroll container's viewport,
 * with padding standing in for the others. Heights are measured after render (and on resize, e.g.
 * a row opening its actions); rows not measured yet count as an estimate.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { revealScrollTop, sparseOffsets, windowRangeAt, windowRows, type RenderedRow, type WindowRange } from './window-range.js';

/** Lists longer than this are windowed; shorter ones render every row. */
export const WINDOW_THRESHOLD = 40;
/** A closed row's height in the popover (its grid and the 2 px gap), for rows not measured yet. */
export const ROW_ESTIMATE_PX = 76;
export const OVERSCAN_ROWS = 4;
// Must match `.token-list-windowed` in styles.css: the gap under each row, the padding above row 0.
const ROW_GAP_PX = 2;
const LIST_PAD_PX = 2;
// Before the first layout the viewport is unknown: the window's height bounds it.
const defaultViewport = () => (typeof window !== 'undefined' && window.innerHeight > 0 ? window.innerHeight : 720);

interface View {
  scrollTop: number;
  height: number;
}

export interface ListWindow {
  windowed: boolean;
  start: number;
  end: number;
  /** The rows to render in order (the window plus kept rows outside it); every row when not windowed. */
  rows: RenderedRow[];
  /** The list's padding while windowed (stands in for the rows not rendered). */
  style: CSSProperties | undefined;
  /** Brings row `index` into the rendered range and scrolls it into view. */
  reveal(index: number): void;
}

/** The nearest scrolling ancestor; the document's scroller when there is none. */
function scrollParent(el: HTMLElement): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

/** Where the viewport is, relative to the first row's top. */
function readView(list: HTMLElement, scroller: HTMLElement): View {
  const page = scroller === document.scrollingElement || scroller === document.documentElement;
  const viewportTop = page ? 0 : scroller.getBoundingClientRect().top;
  const height = page ? window.innerHeight : scroller.clientHeight;
  return { scrollTop: viewportTop - (list.getBoundingClientRect().top + LIST_PAD_PX), height: height > 0 ? height : defaultViewport() };
}

/** The rows of a list in order, read one at a time (no array of every id is built). */
export interface RowIds {
  readonly length: number;
  id(index: number): string;
  /** A row's index, -1 when it is not in the list (a pass over the list: for keys and focus requests). */
  indexOf(id: string): number;
}

const sameRange = (a: WindowRange, b: WindowRange) => a.start === b.start && a.end === b.end && a.padTop === b.padTop;

/** Measured heights of the current list's rows, by index. */
interface IndexHeights {
  ids: RowIds | null;
  byIndex: Map<number, number>;
}

/**
 * Reads the rendered rows' heights into `into` (by id, kept across lists) and into the current
 * list's heights by index (`shown`: the rendered rows, in the order of the list's children);
 * true when one changed.
 */
function measureRows(list: HTMLElement, into: Map<string, number>, current: IndexHeights, shown: readonly RenderedRow[]): boolean {
  let changed = false;
  const children = list.children;
  for (let k = 0; k < children.length; k++) {
    const li = children[k]!;
    const id = (li as HTMLElement).dataset.id;
    const h = (li as HTMLElement).offsetHeight;
    if (id === undefined || h <= 0) continue; // not laid out (hidden, or no layout at all)
    if (into.get(id) !== h + ROW_GAP_PX) {
      into.set(id, h + ROW_GAP_PX);
      changed = true;
    }
    const index = shown[k]?.index;
    const { ids, byIndex } = current;
    if (index !== undefined && ids !== null && index < ids.length && ids.id(index) === id && byIndex.get(index) !== h + ROW_GAP_PX) {
      byIndex.set(index, h + ROW_GAP_PX);
      changed = true;
    }
  }
  return changed;
}

/**
 * Windows `ids` (the rows in order) rendered as children of `listRef`, each `<li data-id>`; the
 * rows in `keep` (focused, open) stay rendered wherever the list is scrolled.
 */
export function useListWindow(listRef: RefObject<HTMLElement | null>, ids: RowIds, keep: readonly string[] = []): ListWindow {
  const windowed = ids.length > WINDOW_THRESHOLD;
  const [view, setView] = useState<View>(() => ({ scrollTop: 0, height: defaultViewport() }));
  // The scroll container, found once per list element (getComputedStyle costs a style pass).
  const scrollerOf = useRef<{ list: HTMLElement; scroller: HTMLElement } | null>(null);
  const container = useCallback((list: HTMLElement) => {
    if (scrollerOf.current?.list !== list) scrollerOf.current = { list, scroller: scrollParent(list) };
    return scrollerOf.current.scroller;
  }, []);
  // Measured heights by id (kept across filtering); `version` re-renders when they change.
  const heights = useRef(new Map<string, number>());
  const measured = useRef<IndexHeights>({ ids: null, byIndex: new Map() });
  const [version, setVersion] = useState(0);
  // Each row's top: the estimate times its index plus what the measured rows before it add, so a
  // list of any length costs what its measured rows cost, and every render and scroll finds its
  // rows by binary search. `version` says a height changed.
  const offsets = useMemo(() => {
    if (measured.current.ids !== ids) {
      // Another list (a refresh, a search): its measured rows found by id, once something was measured.
      const byIndex = new Map<number, number>();
      if (heights.current.size > 0) {
        for (let i = 0; i < ids.length; i++) {
          const h = heights.current.get(ids.id(i));
          if (h !== undefined) byIndex.set(i, h);
        }
      }
      measured.current = { ids, byIndex };
    }
    return sparseOffsets(ids.length, ROW_ESTIMATE_PX, measured.current.byIndex);
  }, [ids, version]);
  const rangeOf = useCallback((v: View) => windowRangeAt(offsets, v.scrollTop, v.height, OVERSCAN_ROWS), [offsets]);
  const range = windowed ? rangeOf(view) : null;
  const latest = useRef({ rangeOf, offsets });
  useLayoutEffect(() => {
    latest.current = { rangeOf, offsets };
  });

  // Follows the scroll container; re-renders only when the rendered range changes (or `force`).
  const sync = useCallback(
    (force = false) => {
      const list = listRef.current;
      if (!list) return;
      const next = readView(list, container(list));
      const { rangeOf: of } = latest.current;
      setView((prev) => (!force && prev.height === next.height && sameRange(of(prev), of(next)) ? prev : next));
    },
    [listRef, container],
  );

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!windowed || !list) return;
    const scroller = container(list);
    const target: HTMLElement | Window = scroller === document.scrollingElement ? window : scroller;
    const onScroll = () => sync();
    target.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    sync(true);
    return () => {
      target.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [windowed, listRef, sync, container]);

  const reveal = useCallback(
    (index: number) => {
      const list = listRef.current;
      if (!list) return;
      const scroller = container(list);
      const now = readView(list, scroller);
      const top = revealScrollTop(index, latest.current.offsets, now.scrollTop, now.height);
      scroller.scrollTop += top - now.scrollTop;
      setView({ scrollTop: top, height: now.height });
    },
    [listRef, container],
  );

  const keepKey = keep.join('\n');
  const kept = useMemo(() => (windowed && keepKey !== '' ? keepKey.split('\n').map((id) => ids.indexOf(id)).filter((i) => i >= 0) : []), [windowed, keepKey, ids]);
  const shown = range && kept.length > 0 ? windowRows(range, offsets, kept) : null;
  const [start, end] = [range?.start ?? 0, range?.end ?? ids.length];
  const rows = shown?.rows ?? Array.from({ length: end - start }, (_, k) => ({ index: start + k, spaceBefore: 0 }));
  const pads = shown ?? range;
  const style = pads ? { paddingTop: LIST_PAD_PX + pads.padTop, paddingBottom: pads.padBottom } : undefined;

  useRowMeasurement(listRef, windowed, heights, measured, rows, () => {
    setVersion((v) => v + 1);
    sync(true);
  });
  return { windowed, start, end, rows, style, reveal };
}

/** Measures rendered rows after each commit and whenever one resizes (a row opening its actions). */
function useRowMeasurement(
  listRef: RefObject<HTMLElement | null>,
  windowed: boolean,
  heights: RefObject<Map<string, number>>,
  measured: RefObject<IndexHeights>,
  rows: readonly RenderedRow[],
  onChange: () => void,
): void {
  const changed = useRef(onChange);
  const shown = useRef(rows);
  const observer = useRef<ResizeObserver | null>(null);
  const observed = useRef(new Set<Element>());
  useLayoutEffect(() => {
    changed.current = onChange;
    shown.current = rows;
  });
  useLayoutEffect(() => {
    if (!windowed || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (listRef.current && measureRows(listRef.current, heights.current, measured.current, shown.current)) changed.current();
    });
    observer.current = ro;
    const targets = observed.current;
    return () => {
      ro.disconnect();
      targets.clear();
      observer.current = null;
    };
  }, [windowed, listRef, heights, measured]);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!windowed || !list) return;
    if (measureRows(list, heights.current, measured.current, shown.current)) changed.current();
    const ro = observer.current;
    if (!ro) return;
    // Rows that left the window are let go (the observer would keep them alive otherwise).
    for (const el of observed.current) {
      if (el.parentElement === list) continue;
      ro.unobserve(el);
      observed.current.delete(el);
    }
    for (const el of list.children) {
      if (observed.current.has(el)) continue;
      ro.observe(el);
      observed.current.add(el);
    }
  });
}
