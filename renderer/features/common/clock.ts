/**
 * The one shared clock behind every countdown: a single timer for all rows, running only while
 * the popover is visible (main's 'popover:visibility' event, and document.visibilityState in the
 * browser preview) and while at least one component listens.
 */
import { useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';

type Listener = () => void;

const listeners = new Set<Listener>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
let popoverVisible = true;
let documentVisible = typeof document === 'undefined' || document.visibilityState !== 'hidden';

function running(): boolean {
  return popoverVisible && documentVisible && listeners.size > 0;
}

function tick(): void {
  now = Date.now();
  for (const l of listeners) l();
  schedule();
}

// Aligned to the next whole second so every countdown changes at the same moment.
function schedule(): void {
  timer = setTimeout(tick, 1000 - (Date.now() % 1000));
}

function sync(): void {
  if (running() && timer === null) {
    tick();
  } else if (!running() && timer !== null) {
    clearTimeout(timer);
    timer = null;
  }
}

/** Tells the clock whether main shows the popover. */
export function setPopoverVisible(visible: boolean): void {
  popoverVisible = visible;
  sync();
}

/** Re-reads document.visibilityState (browser tab hidden or shown). */
export function syncDocumentVisibility(): void {
  documentVisible = document.visibilityState !== 'hidden';
  sync();
}

/** Whether the shared timer is currently armed (tests and the perf budget check this). */
export function clockRunning(): boolean {
  return timer !== null;
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  sync();
  return () => {
    listeners.delete(listener);
    sync();
  };
}

/**
 * The current time, rounded down to `granularityMs`. Components re-render only when their
 * rounded value changes, so a row counting days does not re-render every second.
 */
export function useNow(granularityMs = 1000): number {
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(now / granularityMs) * granularityMs,
  );
}

const subscribeNever = (): (() => void) => () => undefined;

/**
 * A value derived from the current time (a countdown's words), to the second. The component
 * re-renders only when the value changes (Object.is), not on every tick: most ticks change no
 * text on screen. `select` must return a primitive. Not `live`: never follows the clock.
 */
export function useClockValue<T extends string | number | boolean | null>(select: (nowMs: number) => T, live = true): T {
  return useSyncExternalStore(live ? subscribe : subscribeNever, () => select(second()));
}

const second = () => Math.floor(now / 1000) * 1000;

/**
 * Text that follows the clock to the second (a countdown's words), written by the clock into the
 * text of `ref`'s element on each tick that changes it, without rendering the component: with a
 * screenful of rows counting seconds, rendering and committing each of them every second was most
 * of a tick's work. Returns the text as of now for the render; a render for any other reason (an
 * urgency colour changing) writes the same text. `text` must not depend on anything but the time
 * and values that re-render the component (it is read afresh on each tick). Not `live`: no clock.
 */
export function useClockText(ref: RefObject<Element | null>, text: (nowMs: number) => string, live = true): string {
  const latest = useRef(text);
  useLayoutEffect(() => {
    latest.current = text;
  });
  useLayoutEffect(() => {
    if (!live) return;
    const write = () => {
      const el = ref.current;
      if (!el) return;
      const value = latest.current(second());
      const node = el.firstChild;
      // The text node React made for the element's one string child: changed in place, so React's
      // next update of that child finds it (replacing it would leave React a detached node).
      if (node !== null && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue !== value) node.nodeValue = value;
      } else if (el.textContent !== value) el.textContent = value;
    };
    // A tick may have passed between the render and now.
    write();
    return subscribe(write);
  }, [live, ref]);
  return text(second());
}

/** Starts following visibility: the main process event and the document's own state. */
export function watchVisibility(onPopoverEvent: (l: (p: { visible: boolean }) => void) => () => void): () => void {
  const offEvent = onPopoverEvent(({ visible }) => setPopoverVisible(visible));
  const onDoc = () => syncDocumentVisibility();
  document.addEventListener('visibilitychange', onDoc);
  syncDocumentVisibility();
  return () => {
    offEvent();
    document.removeEventListener('visibilitychange', onDoc);
  };
}
