/**
 * The one shared clock behind every countdown: a single timer for all rows, running only while
 * the popover is visible (main's 'popover:visibility' event, and document.visibilityState in the
 * browser preview) and while at least one component listens.
 */
import { useSyncExternalStore } from 'react';

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
  return useSyncExternalStore(live ? subscribe : subscribeNever, () => select(Math.floor(now / 1000) * 1000));
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
