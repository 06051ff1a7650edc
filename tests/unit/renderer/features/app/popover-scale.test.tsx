/**
 * The popover scales flat (issue 14): with 10,000 tokens, what happens between the list arriving
 * and the first screen, on a countdown tick and at a minute boundary must not walk every token.
 * Work is counted, never timed: Date.parse calls, passes of array methods over a whole-list-sized
 * array, timeline layouts and React commits. happy-dom has no layout, so the sizes the windowed
 * list reads are stubbed (a 560 px popover, rows as high as the estimate).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { App } from '../../../../../renderer/App.js';
import { setPopoverVisible } from '../../../../../renderer/features/common/clock.js';
import { layoutRuns } from '../../../../../renderer/features/timeline/timeline.js';
import { ROW_ESTIMATE_PX } from '../../../../../renderer/features/tokens/use-list-window.js';
import { soonestFirst, type AuthorizationView } from '../../../../../shared/domain/authorization.js';
import { installFakeBridge, view } from '../../../../support/fake-bridge.js';

const N = 10_000;
// 11 s past a minute: the next second is neither a minute nor a 5-second boundary.
const T0 = Date.parse('2026-11-27T12:00:11.000Z');
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
// The emulator's bulk mix: a seventh never expires, a seventh in 30 minutes, the rest in hours to months.
const EXPIRY = [null, 30 * MIN, 20 * H, 3 * D, 20 * D, null, 90 * D];

/** N tokens in main's order (soonest first), expiries written as main writes them. */
function bulk(n: number): AuthorizationView[] {
  return soonestFirst(
    Array.from({ length: n }, (_, i) => {
      const ms = EXPIRY[i % EXPIRY.length]!;
      return view({ id: `t${i}`, description: `Bulk token #${i}`, expiresAt: ms === null ? null : new Date(T0 + ms + i * 1000).toISOString() });
    }),
  );
}

function stubLayout(): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
  };
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('scroll') ? 560 : 0;
    },
  });
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.tagName === 'LI' ? ROW_ESTIMATE_PX - 2 : 0;
    },
  });
  return () => {
    if (saved.clientHeight) Object.defineProperty(proto, 'clientHeight', saved.clientHeight);
    if (saved.offsetHeight) Object.defineProperty(proto, 'offsetHeight', saved.offsetHeight);
  };
}

const METHODS = ['filter', 'map', 'forEach', 'reduce', 'find', 'findIndex', 'some', 'every', 'indexOf', 'includes', 'slice', 'sort', 'join', 'concat', 'flatMap'] as const;

/** Counts calls of array methods on arrays of at least `min` entries (a pass over the whole list). */
function countWholeListPasses(min: number): { calls: string[]; restore(): void } {
  const calls: string[] = [];
  const proto = Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = METHODS.map((m) => [m, proto[m]!] as const);
  for (const [m, orig] of saved) {
    proto[m] = function (this: unknown[], ...a: unknown[]) {
      if (this.length >= min) calls.push(m);
      return orig.apply(this, a);
    };
  }
  return {
    calls,
    restore: () => {
      for (const [m, orig] of saved) proto[m] = orig;
    },
  };
}

async function renderPopover(items: AuthorizationView[]) {
  const emit = installFakeBridge({ items });
  let commits = 0;
  const r = render(
    <Profiler id="popover" onRender={() => void commits++}>
      <App />
    </Profiler>,
  );
  // The fake bridge answers in promises: let them settle without moving the clock.
  for (let i = 0; i < 10 && !screen.queryByRole('list', { name: 'Tokens' }); i++) await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
  return { ...r, emit, commits: () => commits };
}

const firstRowTime = () => within(screen.getByRole('list', { name: 'Tokens' })).getAllByRole('listitem')[0]!.querySelector('time')!;

/** An array whose entries' reads are counted (a pass over it reads every entry, whatever the loop). */
function countingReads<T>(items: T[]): { items: T[]; reads: () => number; reset(): void } {
  let reads = 0;
  const counted = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { items: counted, reads: () => reads, reset: () => void (reads = 0) };
}

interface ReactFiber {
  child: ReactFiber | null;
  sibling: ReactFiber | null;
  actualStartTime?: number;
  type: unknown;
}

/**
 * The fibers React's last renders since `since` (performance.now()) visited: rendered or bailed
 * out, each is a beginWork call. Read from the development build's profiler timing, which every
 * fiber under the test's <Profiler> carries (a fiber not visited keeps an older start, or -1).
 */
function fibersVisitedSince(container: HTMLElement, since: number): string[] {
  const key = Object.keys(container).find((k) => k.startsWith('__reactContainer$'));
  const host = key ? (container as unknown as Record<string, { stateNode: { current: ReactFiber } }>)[key] : undefined;
  if (!host) throw new Error('no React root on the container');
  const out: string[] = [];
  const walk = (f: ReactFiber | null) => {
    for (; f; f = f.sibling) {
      if ((f.actualStartTime ?? -1) >= since) {
        const t = f.type as { name?: string; displayName?: string; type?: { name?: string } } | string | null;
        out.push(typeof t === 'string' ? t : (t?.displayName ?? t?.name ?? t?.type?.name ?? '?'));
      }
      walk(f.child);
    }
  };
  walk(host.stateNode.current);
  return out;
}

describe(`the popover with ${N.toLocaleString('en-US')} tokens`, () => {
  let restoreLayout: () => void;
  const items = bulk(N);
  const expiries = new Set(items.map((a) => a.expiresAt));
  // The footer and banners parse the list's fetchedAt every 5 s ("updated 1 min ago"): not a token's.
  const expiryParses = (parse: { mock: { calls: unknown[][] } }) => parse.mock.calls.filter(([s]) => expiries.has(s as string)).length;
  beforeAll(() => (restoreLayout = stubLayout()));
  afterAll(() => restoreLayout());
  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    // A fresh shared clock on the fake timers (an earlier test may have left its timer armed).
    setPopoverVisible(false);
    setPopoverVisible(true);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('reaches the first screen with one pass over the tokens (checking main’s order), parsing none', async () => {
    const parse = vi.spyOn(Date, 'parse');
    // Counts reads of the list's entries: a pass over it reads 10,000.
    let reads = 0;
    const counted = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const passes = countWholeListPasses(N / 2);
    try {
      await renderPopover(counted);
    } finally {
      passes.restore();
    }
    const rows = within(screen.getByRole('list', { name: 'Tokens' })).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(30);
    expect(screen.getByText(/tokens expire in the next 30 days/).textContent).toMatch(/^5,?715 tokens expire/);
    // Before: the timeline parsed and sorted all 10,000 expiries, the CLI section parsed them again,
    // and the list mapped every id and summed every row's height. Left: the one check that the
    // list is in main's order (string comparisons, common/expiry-order.ts), shared by both.
    expect(expiryParses(parse)).toBeLessThan(500);
    expect(passes.calls).toEqual([]);
    expect(reads).toBeLessThan(N + 2_000);
  });

  it('a countdown tick commits nothing in React and walks no whole list, yet every countdown moves', async () => {
    const { commits } = await renderPopover(items);
    const before = firstRowTime().textContent;
    expect(before).toMatch(/^in 30 min/);
    const layouts = layoutRuns.count;
    const parse = vi.spyOn(Date, 'parse');
    const passes = countWholeListPasses(N / 2);
    const commitsBefore = commits();
    try {
      await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
    } finally {
      passes.restore();
    }
    expect(firstRowTime().textContent).not.toBe(before);
    // Before: each row counting seconds re-rendered and committed, and the CLI section filtered 10,000 expiries.
    expect(commits() - commitsBefore).toBe(0);
    expect(passes.calls).toEqual([]);
    expect(parse).not.toHaveBeenCalled();
    expect(layoutRuns.count).toBe(layouts);
  });

  it('a minute boundary walks no whole list and lays nothing out again', async () => {
    await renderPopover(items);
    const layouts = layoutRuns.count;
    const parse = vi.spyOn(Date, 'parse');
    const passes = countWholeListPasses(N / 2);
    try {
      await act(async () => void (await vi.advanceTimersByTimeAsync(MIN)));
    } finally {
      passes.restore();
    }
    expect(passes.calls).toEqual([]);
    expect(expiryParses(parse)).toBe(0);
    expect(layoutRuns.count).toBe(layouts);
    expect(firstRowTime().textContent).toMatch(/^in 29 min/);
  });

  it(`the tick at a minute does the same work with ${N.toLocaleString('en-US')} tokens as with 20`, async () => {
    // What the minute (and the 5-second tick with it) renders and reads, at each size: React's
    // fibers visited, and entries of the list read (by any loop, not only array methods).
    const minute = async (n: number) => {
      // Each size from 12:00:11, on a fresh shared clock.
      vi.setSystemTime(T0);
      setPopoverVisible(false);
      setPopoverVisible(true);
      const list = countingReads(bulk(n));
      const { container } = await renderPopover(list.items);
      // From 12:00:11 to 12:00:59: the next tick is the minute's.
      await act(async () => void (await vi.advanceTimersByTimeAsync(48_000)));
      list.reset();
      const since = performance.now();
      await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
      const visited = fibersVisitedSince(container, since);
      const summary = screen.getByText(/in the next 30 days/).textContent;
      cleanup();
      return { visited, reads: list.reads(), summary };
    };
    const small = await minute(20);
    const large = await minute(N);
    // The minute did render: the timeline (and the footer) are among the visited fibers.
    expect(large.visited).toContain('Timeline');
    expect(small.visited).toContain('Timeline');
    expect(large.summary).toMatch(/^5,?715 tokens expire/);
    // The same components at both sizes; the large list's timeline writes a count above each
    // crowded day (a <text> each), the small one has none.
    const components = (v: string[]) => v.filter((name) => /^[A-Z]/.test(name)).sort();
    expect(components(large.visited)).toEqual(components(small.visited));
    expect(large.visited.length).toBeLessThanOrEqual(small.visited.length + 30);
    // Binary searches only (the timeline's expired-token boundary, the CLI section's expired
    // count): a few dozen entries, never a pass over 10,000.
    expect(large.reads).toBeLessThan(100);
  });

  it('an update from main that is not the list (status) re-renders no token row', async () => {
    const { emit } = await renderPopover(items);
    // Each row's dates are formatted when it renders (token-row.tsx Meta): count the formatter's uses.
    const format = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: string }, 'format', 'get');
    act(() => emit('status:changed', { online: true, keychain: 'ok', keychainMessage: null, rateLimitRemaining: 4321, settingsNotice: null }));
    expect(screen.getByText('4,321 API calls left')).toBeTruthy();
    // Before: the shell's new callbacks re-rendered the list and every mounted row.
    expect(format).not.toHaveBeenCalled();
  });
});
