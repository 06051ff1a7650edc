/** Incremental views: what is reused, what is read again, what is built anew. */
import { describe, expect, it } from 'vitest';
import { keepExpiredSince, sameForView, soonestFirst, toAuthorizationView, type AuthorizationView } from '../../../../shared/domain/authorization.js';
import { isoMs } from '../../../../shared/iso-time.js';
import fc from 'fast-check';
import { refreshViews, SAME_EXPIRY_MS, viewSteps, ViewsAhead, type ListedItem, type ViewCache, type ViewInputs } from '../../../../shared/domain/view-cache.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
type Item = ListedItem & { description?: string; scope: string[]; created_at: string };
const item = (id: string, expiresIn: number | null, over: Partial<Item> = {}): Item => ({
  id,
  description: `token ${id}`,
  scope: ['read'],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-05-01T00:00:00Z',
  access_token: { token: `HRKU-${id}-aaaaaaaaaa`, expires_in: expiresIn },
  ...over,
});
const inputs = (receivedAt: number, over: Partial<ViewInputs> = {}): ViewInputs => ({ receivedAt, nowMs: receivedAt, held: new Set(), currentKeyId: null, ...over });

let built = 0;
function run(prev: ViewCache | null, list: Item[], c: ViewInputs) {
  const build = (a: Item, was: string | null | undefined) => {
    built++;
    const view = toAuthorizationView(a, { accountId: 'acc', receivedAt: c.receivedAt, held: c.held, currentKeyId: c.currentKeyId, nowMs: c.nowMs });
    return keepExpiredSince(view, was, c.receivedAt);
  };
  return refreshViews(prev, list, c, build, soonestFirst);
}

describe('refreshViews', () => {
  it('reuses every view and the sorted list when only expires_in moved by rounding', () => {
    const first = run(null, [item('a', 3600), item('b', null), item('c', 60)], inputs(T0)).cache;
    built = 0;
    // 10.6 s later: every expires_in is 10 or 11 s lower, as a server rounding down would say.
    const later = run(first, [item('a', 3589), item('b', null), item('c', 49)], inputs(T0 + 10_600));
    expect(built).toBe(0);
    expect(later.reused).toBe(3);
    expect(later.cache.items).toBe(first.items);
  });

  it('shows a moved expiry (beyond the rounding window) on a new view, other views kept', () => {
    const first = run(null, [item('a', 3600), item('b', 7200)], inputs(T0)).cache;
    built = 0;
    const moved = run(first, [item('a', 3600 + SAME_EXPIRY_MS / 1000 + 1), item('b', 7200)], inputs(T0)).cache;
    expect(built).toBe(0);
    const a = moved.items.find((v) => v.id === 'a')!;
    expect(Date.parse(a.expiresAt!)).toBe(T0 + (3600 + SAME_EXPIRY_MS / 1000 + 1) * 1000);
    expect(a).not.toBe(first.items.find((v) => v.id === 'a'));
    expect(moved.items.find((v) => v.id === 'b')).toBe(first.items.find((v) => v.id === 'b'));
    expect(moved.items).not.toBe(first.items);
  });

  it('builds anew an item whose updated_at or token changed, and new items', () => {
    const first = run(null, [item('a', 3600), item('b', 3600)], inputs(T0)).cache;
    built = 0;
    const next = run(
      first,
      [item('a', 3600, { updated_at: '2026-05-31T00:00:00Z', description: 'renamed' }), item('b', 3600, { access_token: { token: 'HRKU-new-bbbbbbbbbb', expires_in: 3600 } }), item('c', 10)],
      inputs(T0),
    ).cache;
    expect(built).toBe(3);
    expect(next.items.find((v) => v.id === 'a')?.description).toBe('renamed');
    expect(next.items.find((v) => v.id === 'b')?.tokenLast4).toBe('bbbb');
    expect(next.items.map((v) => v.id)).toEqual(['c', 'a', 'b']);
  });

  it('follows held, current key and staleness without rebuilding from the API item', () => {
    const first = run(null, [item('a', null)], inputs(T0)).cache;
    built = 0;
    const held = run(first, [item('a', null)], inputs(T0, { held: new Set(['a']), currentKeyId: 'a' })).cache;
    expect(held.items[0]).toMatchObject({ held: true, isCurrentKey: true });
    const yearLater = T0 + 366 * 24 * 3600_000;
    const stale = run(held, [item('a', null)], inputs(yearLater, { held: new Set(['a']), currentKeyId: 'a' })).cache;
    expect(stale.items[0]!.hygiene).toContain('stale');
    expect(built).toBe(0);
  });

  it('keeps the moment a token was first seen expired while Heroku keeps saying expires_in 0', () => {
    const first = run(null, [item('a', 0)], inputs(T0)).cache;
    const later = run(first, [item('a', 0)], inputs(T0 + 600_000)).cache;
    expect(later.items[0]!.expiresAt).toBe(new Date(T0).toISOString());
  });

  it('hands the sort each view’s expiry in ms, always its text read back, and the order is the one from the text', () => {
    // The sort no longer parses expiresAt (soonestFirst's expiresAtMs): the entries' ms must be
    // exactly what parsing would give, over refreshes where expiries stay, creep, move, expire and
    // come back, received at any ms (a fraction included).
    const step = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null })), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 20_000 }), fc.boolean()), { minLength: 1, maxLength: 5 }), (steps) => {
        let prev: ViewCache | null = null;
        let t = T0;
        for (const [xs, dt, fraction] of steps) {
          t += dt + (fraction ? 0.4 : 0);
          const list = [...new Map(xs.map(([id, e]) => [`t${id}`, item(`t${id}`, e)])).values()];
          const c = inputs(t);
          const build = (a: Item, was: string | null | undefined) =>
            keepExpiredSince(toAuthorizationView(a, { accountId: 'acc', receivedAt: c.receivedAt, held: c.held, currentKeyId: null, nowMs: c.nowMs }), was, c.receivedAt);
          let handed: Float64Array | undefined;
          const sort = (items: AuthorizationView[], previous?: readonly AuthorizationView[], at?: Float64Array) => {
            handed = at;
            expect(at && [...at]).toEqual(items.map((v) => (v.expiresAt === null ? Number.POSITIVE_INFINITY : isoMs(v.expiresAt))));
            const sorted = soonestFirst(items, previous, at);
            expect(sorted).toEqual(soonestFirst(items));
            return sorted;
          };
          const r: { cache: ViewCache; reused: number } = refreshViews(prev, list, c, build, sort);
          if (r.cache.items !== prev?.items) expect(handed).toBeDefined();
          prev = r.cache;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('in steps: stops after every `every` items and before the sort, and ends where refreshViews ends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null })), { maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null })), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (a, b, every) => {
          const list = (xs: Array<[number, number | null]>) => [...new Map(xs.map(([id, e]) => [`t${id}`, item(`t${id}`, e)])).values()];
          const build = (x: Item) => toAuthorizationView(x, { accountId: 'acc', receivedAt: T0, held: new Set(), currentKeyId: null, nowMs: T0 });
          const prev = refreshViews(null, list(a), inputs(T0), build, soonestFirst).cache;
          const whole = refreshViews(prev, list(b), inputs(T0 + 5000), build, soonestFirst);
          const steps = viewSteps(prev, list(b), inputs(T0 + 5000), build, soonestFirst, every);
          let stops = 0;
          let r = steps.next();
          for (; !r.done; r = steps.next()) stops++;
          expect(r.value.cache.items).toEqual(whole.cache.items);
          expect(r.value.reused).toBe(whole.reused);
          const n = list(b).length;
          const unchanged = whole.cache.items === prev.items;
          expect(stops).toBe(Math.max(0, Math.ceil(n / every) - 1) + (!unchanged && n > every ? 1 : 0));
        },
      ),
    );
  });

  it('views made ahead (page by page) change nothing: the walk takes only those it would make the same', () => {
    const YEAR = 365 * 24 * 3600_000;
    const entry = fc.tuple(fc.integer({ min: 0, max: 25 }), fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }), fc.integer({ min: 0, max: 2 }));
    const flags = fc.record({ held: fc.uniqueArray(fc.integer({ min: 0, max: 25 }), { maxLength: 6 }), current: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }), now: fc.constantFrom(0, 1000, 3000, YEAR) });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 30 }),
        fc.array(entry, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(entry, { maxLength: 6 }),
        flags,
        flags,
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
        (a, b, cuts, strays, early, late, samePrev, sameReceipt, twice) => {
          // Variant 1 of an id has another updated_at, variant 2 another description (a copy made ahead may be another copy).
          const make = ([id, e, v]: [number, number | null, number]) =>
            // Stale (not updated for a year) from T0 on, or from T0 + 2 s: the flags' clocks cross it.
            item(`t${id}`, e, { updated_at: `2025-06-01T12:00:0${v === 1 ? 2 : 0}Z`, description: v === 2 ? `other ${id}` : `token ${id}` });
          const list = (xs: Array<[number, number | null, number]>) => [...new Map(xs.map((x) => [`t${x[0]}`, make(x)])).values()];
          const inputsOf = (f: { held: number[]; current: number | null; now: number }, receivedAt: number): ViewInputs => ({
            receivedAt,
            nowMs: T0 + f.now,
            held: new Set(f.held.map((i) => `t${i}`)),
            currentKeyId: f.current === null ? null : `t${f.current}`,
          });
          const builder = (c: ViewInputs) => (x: Item, was: string | null | undefined) => {
            built++;
            const view = toAuthorizationView(x, { accountId: 'acc', receivedAt: c.receivedAt, held: c.held, currentKeyId: c.currentKeyId, nowMs: c.nowMs });
            return keepExpiredSince(view, was, c.receivedAt);
          };
          const prev = refreshViews(null, list(a), inputsOf(late, T0 - 4000), builder(inputsOf(late, T0 - 4000)), soonestFirst).cache;
          // The app's lists name each id once (merge drops copies), but a walk takes any list: an id
          // listed again further on (the same item, another copy of it) changes nothing either.
          const final = list(b);
          for (const [from, to] of twice) if (final.length > 0) final.splice(to % (final.length + 1), 0, final[from % final.length]!);
          const c = inputsOf(late, T0);
          const whole = refreshViews(prev, final, c, builder(c), soonestFirst);
          // Made ahead: the final items in pages (cut anywhere), some stray copies first, from other flags.
          const ahead = new ViewsAhead<Item>(samePrev ? prev : null, sameReceipt ? T0 : T0 - 1000, sameForView);
          const e = inputsOf(early, ahead.receivedAt);
          const pages: Item[][] = [list(strays)];
          let from = 0;
          for (const cut of [...cuts.map((x) => x % (final.length + 1))].sort((x, y) => x - y)) pages.push(final.slice(from, (from = Math.max(from, cut))));
          pages.push(final.slice(from));
          for (const page of pages) for (const _ of ahead.addSteps(page, e, builder(e), 3));
          // Exactly the same views, the same reuse, the same list object when nothing changed.
          const steps = viewSteps(prev, final, c, builder(c), soonestFirst, Number.POSITIVE_INFINITY, ahead);
          let r = steps.next();
          while (!r.done) r = steps.next();
          expect(r.value.cache.items).toEqual(whole.cache.items);
          expect(r.value.reused).toBe(whole.reused);
          expect(r.value.cache.items === prev.items).toBe(whole.cache.items === prev.items);
          expect([...r.value.cache.entries.keys()]).toEqual([...whole.cache.entries.keys()]);
          // Entries made ahead also say what they were made from: compared by what an entry is.
          const fields = (e: { updatedAt: string; token: unknown; expiresAtMs: number | null; staleAtMs: number; view: unknown }) => ({ updatedAt: e.updatedAt, token: e.token, expiresAtMs: e.expiresAtMs, staleAtMs: e.staleAtMs, view: e.view });
          expect([...r.value.cache.entries.values()].map(fields)).toEqual([...whole.cache.entries.values()].map(fields));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('views made ahead with the walk\'s own inputs are all taken: the walk builds nothing', () => {
    const c = inputs(T0, { held: new Set(['t1']), currentKeyId: 't2' });
    const list = Array.from({ length: 40 }, (_, i) => item(`t${i}`, i % 3 === 0 ? null : 60 * i));
    const build = (x: Item, was: string | null | undefined) => {
      built++;
      return keepExpiredSince(toAuthorizationView(x, { accountId: 'acc', receivedAt: T0, held: c.held, currentKeyId: c.currentKeyId, nowMs: T0 }), was, T0);
    };
    const ahead = new ViewsAhead<Item>(null, T0, sameForView);
    for (const page of [list.slice(0, 15), list.slice(15)]) for (const _ of ahead.addSteps(page, c, build));
    expect(ahead.size).toBe(40);
    built = 0;
    const steps = viewSteps(null, list, c, build, soonestFirst, Number.POSITIVE_INFINITY, ahead);
    let r = steps.next();
    while (!r.done) r = steps.next();
    expect(built).toBe(0);
    // Taken by position, in the order made: the map made ahead is the cache's (no second map).
    expect(r.value.cache.entries).toBe(ahead.entries);
    expect([...r.value.cache.entries.keys()]).toEqual(list.map((x) => x.id));
    expect(r.value.cache.items).toEqual(refreshViews(null, list, c, build, soonestFirst).cache.items);
  });

  it('a cache made from views made ahead does not reach the cache before it (no chain of caches kept alive)', () => {
    const build = (c: ViewInputs) => (x: Item, was: string | null | undefined) =>
      keepExpiredSince(toAuthorizationView(x, { accountId: 'acc', receivedAt: c.receivedAt, held: c.held, currentKeyId: c.currentKeyId, nowMs: c.nowMs }), was, c.receivedAt);
    let prev: ViewCache | null = null;
    const caches: ViewCache[] = [];
    // Four refreshes a minute apart, each made ahead from the one before: some items kept, some new.
    for (let r = 0; r < 4; r++) {
      const c = inputs(T0 + r * 60_000);
      const list = Array.from({ length: 12 }, (_, i) => item(i < 8 ? `t${i}` : `r${r}-${i}`, 3600 - r * 60));
      const ahead: ViewsAhead<Item> = new ViewsAhead<Item>(prev, c.receivedAt, sameForView);
      for (const _ of ahead.addSteps(list, c, build(c)));
      const steps: ReturnType<typeof viewSteps<Item>> = viewSteps(prev, list, c, build(c), soonestFirst, Number.POSITIVE_INFINITY, ahead);
      let s: ReturnType<typeof steps.next> = steps.next();
      while (!s.done) s = steps.next();
      caches.push(s.value.cache);
      prev = s.value.cache;
    }
    // Everything the last cache holds, followed through objects, arrays, maps and sets.
    const seen = new Set<unknown>();
    const stack: unknown[] = [caches[3]];
    while (stack.length > 0) {
      const o = stack.pop();
      if (o === null || typeof o !== 'object' || seen.has(o)) continue;
      seen.add(o);
      if (o instanceof Map) for (const [k, v] of o) stack.push(k, v);
      else if (o instanceof Set) for (const v of o) stack.push(v);
      else stack.push(...Object.values(o));
    }
    expect(seen.has(caches[3]!.entries)).toBe(true);
    for (const earlier of caches.slice(0, 3)) {
      expect(seen.has(earlier)).toBe(false);
      expect(seen.has(earlier.entries)).toBe(false);
    }
    expect([...seen].some((o) => o instanceof ViewsAhead)).toBe(false);
  });

  it('once the walk begins, nothing more is made ahead: no view is made twice', () => {
    const c = inputs(T0);
    const list = Array.from({ length: 40 }, (_, i) => item(`t${i}`, 60 * (i + 1)));
    const build = (x: Item, was: string | null | undefined) => {
      built++;
      return keepExpiredSince(toAuthorizationView(x, { accountId: 'acc', receivedAt: T0, held: c.held, currentKeyId: c.currentKeyId, nowMs: T0 }), was, T0);
    };
    const ahead = new ViewsAhead<Item>(null, T0, sameForView);
    // The last page's views are under way (10 of 40 made, a step at a time) when the walk begins.
    const page = ahead.addSteps(list, c, build, 10);
    page.next();
    expect(ahead.size).toBe(10);
    built = 0;
    const steps = viewSteps(null, list, c, build, soonestFirst, 10, ahead);
    let r = steps.next();
    // The page's steps go on in their turns, between the walk's: they make nothing any more.
    for (let p = page.next(); !p.done; p = page.next()) r = steps.next();
    while (!r.done) r = steps.next();
    expect(ahead.size).toBe(10);
    // The walk took the 10 made ahead and made the other 30, once each.
    expect(built).toBe(30);
    expect(r.value.reused).toBe(0);
    expect(r.value.cache.items).toEqual(refreshViews(null, list, c, build, soonestFirst).cache.items);
  });
});
