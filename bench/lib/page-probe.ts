/**
 * The in-page probe the browser benchmarks inject with page.addInitScript() before the app loads.
 * It records, on the page's own clock (performance.now(), 0 = navigation start):
 * - when the token list's data arrived (the bridge's rpc response for authorizations:list/refresh,
 *   or the 'authorizations:changed' event on the preview's WebSocket) with at least `expect` items;
 * - when the list first held `expect` rows in the DOM (MutationObserver) and the frame after that
 *   (rows painted), and, optionally, when every row also showed its expiry;
 * - every setTimeout/setInterval/requestAnimationFrame the app asks for while counting is on,
 *   with a few stacks to say who asked.
 * It also lets the bench emulate a hidden document (headless Chromium never hides a page).
 * Self-contained: Playwright serialises this function into the page.
 */
export interface ProbeState {
  expect: number;
  needExpiry: boolean;
  dataAt: number | null;
  domAt: number | null;
  paintAt: number | null;
  /** The popover's first screenful of rows in the DOM, and painted (a windowed list stops here). */
  screenAt: number | null;
  screenPaintAt: number | null;
  /** Rows in the DOM when the first screenful was there. */
  screenRows: number;
  expiryAt: number | null;
  counting: boolean;
  counts: { setTimeout: number; setInterval: number; requestAnimationFrame: number; fired: number };
  /** Per timer callback fired while counting: its task's script time, microtasks (React's sync render) included. */
  taskMs: number[];
  stacks: string[];
  hidden: boolean;
}

/** The init script (runs in the page). */
export function installProbe(opts: { expect: number; needExpiry: boolean }): void {
  const w = window as unknown as { __bench: ProbeState };
  const state: ProbeState = {
    expect: opts.expect,
    needExpiry: opts.needExpiry,
    dataAt: null,
    domAt: null,
    paintAt: null,
    screenAt: null,
    screenPaintAt: null,
    screenRows: 0,
    expiryAt: null,
    counting: false,
    counts: { setTimeout: 0, setInterval: 0, requestAnimationFrame: 0, fired: 0 },
    taskMs: [],
    stacks: [],
    hidden: false,
  };
  w.__bench = state;
  const now = () => performance.now();
  const origRaf = window.requestAnimationFrame.bind(window);

  // Timers and frames, counted only while the bench says so.
  const note = (kind: 'setTimeout' | 'setInterval' | 'requestAnimationFrame') => {
    if (!state.counting) return;
    state.counts[kind]++;
    if (state.stacks.length < 5) state.stacks.push(`${kind}: ${(new Error().stack ?? '').split('\n').slice(2, 7).join(' | ')}`);
  };
  const wrapCb = (cb: unknown) =>
    typeof cb === 'function'
      ? function (this: unknown, ...a: unknown[]) {
          if (!state.counting) return (cb as (...x: unknown[]) => unknown).apply(this, a);
          state.counts.fired++;
          const t = now();
          try {
            return (cb as (...x: unknown[]) => unknown).apply(this, a);
          } finally {
            // Queued after whatever the callback queued (React flushes a sync render in a microtask).
            queueMicrotask(() => state.taskMs.push(now() - t));
          }
        }
      : cb;
  for (const kind of ['setTimeout', 'setInterval'] as const) {
    const orig = window[kind].bind(window) as (cb: unknown, ms?: number, ...a: unknown[]) => number;
    (window as unknown as Record<string, unknown>)[kind] = (cb: unknown, ms?: number, ...a: unknown[]) => {
      note(kind);
      return orig(wrapCb(cb), ms, ...a);
    };
  }
  window.requestAnimationFrame = (cb: FrameRequestCallback) => {
    note('requestAnimationFrame');
    return origRaf(wrapCb(cb) as FrameRequestCallback);
  };

  // Emulated visibility: the bench flips state.hidden and dispatches visibilitychange.
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (state.hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => state.hidden });

  // Data arrival: the bridge's rpc responses and the events socket.
  const itemsIn = (v: unknown): number => {
    const o = v as { ok?: boolean; value?: { items?: unknown[] }; payload?: { items?: unknown[] } } | null;
    return o?.value?.items?.length ?? o?.payload?.items?.length ?? 0;
  };
  const origJson = Response.prototype.json;
  Response.prototype.json = async function (this: Response) {
    const body: unknown = await origJson.call(this);
    if (state.dataAt === null && /rpc\/authorizations:(list|refresh)$/.test(this.url) && itemsIn(body) >= state.expect) state.dataAt = now();
    return body;
  };
  const OrigWS = window.WebSocket;
  window.WebSocket = class extends OrigWS {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e) => {
        const t = now();
        if (state.dataAt !== null || typeof e.data !== 'string' || !e.data.includes('"authorizations:changed"')) return;
        try {
          if (itemsIn(JSON.parse(e.data)) >= state.expect) state.dataAt = t;
        } catch {
          /* not ours to judge */
        }
      });
    }
  };

  // Rows on screen.
  const rows = (): Element[] => {
    const list = document.querySelector('[aria-label="Tokens"]');
    return list ? [...list.querySelectorAll('li, [role="listitem"]')] : [];
  };
  const visibleBottom = (el: Element): number => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const overflow = getComputedStyle(p).overflowY;
      if (overflow === 'auto' || overflow === 'scroll') return Math.min(innerHeight, p.getBoundingClientRect().bottom);
    }
    return innerHeight;
  };
  const allExpiries = (items: Element[]) =>
    items.every((li) => li.querySelector('time[datetime]') !== null || (li.textContent ?? '').includes('Never expires'));
  // The frame that shows the DOM as it is now, then the first task after it was painted.
  const afterPaint = (done: (t: number) => void) =>
    origRaf(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(now());
      ch.port2.postMessage(0);
    });
  const check = () => {
    const t = now();
    const items = state.domAt === null || (state.needExpiry && state.expiryAt === null) ? rows() : [];
    const setsize = Number(items[0]?.getAttribute('aria-setsize') ?? 0);
    const full = items.length >= state.expect || setsize >= state.expect;
    // Lays the page out, once per mutation batch until the screen is full: the last row rendered
    // reaches the bottom of what the list's scroll container (or the window) shows.
    if (state.screenAt === null && items.length > 0 && (full || items[items.length - 1]!.getBoundingClientRect().bottom >= visibleBottom(items[0]!))) {
      state.screenAt = t;
      state.screenRows = items.length;
      afterPaint((p) => (state.screenPaintAt = p));
    }
    if (state.domAt === null && full) {
      state.domAt = t;
      afterPaint((p) => (state.paintAt = p));
    }
    if (state.needExpiry && state.expiryAt === null && items.length >= state.expect && allExpiries(items)) state.expiryAt = t;
    // Done: stop observing, so the probe adds no script time to the countdown ticks measured next.
    if (state.domAt !== null && (!state.needExpiry || state.expiryAt !== null)) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['datetime'] });
}
