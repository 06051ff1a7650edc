/**
 * Windowing for a long list: renders only the rows in and near the scroll container's viewport,
 * with padding standing in for the others. Heights are measured after render (and on resize, e.g.
 * a row opening its actions); rows not measured yet count as an estimate.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { revealScrollTop, rowHeight, windowRangeAt, windowRows, type RenderedRow, type WindowRange } from './window-range.js';

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

/** Top of each row (measured height, or the estimate), plus the total as the last entry (rowOffsets by id). */
function offsetsOf(ids: readonly string[], measured: ReadonlyMap<string, number>): number[] {
  const offsets = new Array<number>(ids.length + 1);
  let y = 0;
  for (let i = 0; i < ids.length; i++) {
    offsets[i] = y;
    y += measured.size === 0 ? ROW_ESTIMATE_PX : rowHeight(measured.get(ids[i]!), ROW_ESTIMATE_PX);
  }
  offsets[ids.length] = y;
  return offsets;
}

const sameRange = (a: WindowRange, b: WindowRange) => a.start === b.start && a.end === b.end && a.padTop === b.padTop;

/** Reads the rendered rows' heights into `into`; true when one changed. */
function measureRows(list: HTMLElement, into: Map<string, number>): boolean {
  let changed = false;
  for (const li of list.children) {
    const id = (li as HTMLElement).dataset.id;
    const h = (li as HTMLElement).offsetHeight;
    if (id === undefined || h <= 0) continue; // not laid out (hidden, or no layout at all)
    if (into.get(id) !== h + ROW_GAP_PX) {
      into.set(id, h + ROW_GAP_PX);
      changed = true;
    }
  }
  return changed;
}

/**
 * Windows `ids` (the rows in order) rendered as children of `listRef`, each `<li data-id>`; the
 * rows in `keep` (focused, open) stay rendered wherever the list is scrolled.
 */
export function useListWindow(listRef: RefObject<HTMLElement | null>, ids: readonly string[], keep: readonly string[] = []): ListWindow {
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
  const [version, setVersion] = useState(0);
  // Each row's top, summed once per list and measurement (`version` says the map changed); every
  // render and scroll then finds its rows by binary search instead of summing every row again.
  const offsets = useMemo(() => offsetsOf(ids, heights.current), [ids, version]);
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

  useRowMeasurement(listRef, windowed, heights, () => {
    setVersion((v) => v + 1);
    sync(true);
  });

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
  const kept = useMemo(() => (windowed ? keepKey.split('\n').map((id) => ids.indexOf(id)).filter((i) => i >= 0) : []), [windowed, keepKey, ids]);
  const shown = range && kept.length > 0 ? windowRows(range, offsets, kept) : null;
  const [start, end] = [range?.start ?? 0, range?.end ?? ids.length];
  const rows = shown?.rows ?? Array.from({ length: end - start }, (_, k) => ({ index: start + k, spaceBefore: 0 }));
  const pads = shown ?? range;
  const style = pads ? { paddingTop: LIST_PAD_PX + pads.padTop, paddingBottom: pads.padBottom } : undefined;
  return { windowed, start, end, rows, style, reveal };
}

/** Measures rendered rows after each commit and whenever one resizes (a row opening its actions). */
function useRowMeasurement(
  listRef: RefObject<HTMLElement | null>,
  windowed: boolean,
  heights: RefObject<Map<string, number>>,
  onChange: () => void,
): void {
  const changed = useRef(onChange);
  const observer = useRef<ResizeObserver | null>(null);
  const observed = useRef(new Set<Element>());
  useLayoutEffect(() => {
    changed.current = onChange;
  });
  useLayoutEffect(() => {
    if (!windowed || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (listRef.current && measureRows(listRef.current, heights.current)) changed.current();
    });
    observer.current = ro;
    const targets = observed.current;
    return () => {
      ro.disconnect();
      targets.clear();
      observer.current = null;
    };
  }, [windowed, listRef, heights]);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!windowed || !list) return;
    if (measureRows(list, heights.current)) changed.current();
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
