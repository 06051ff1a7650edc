/** Incremental views: what is reused, what is read again, what is built anew. */
import { describe, expect, it } from 'vitest';
import { keepExpiredAt, soonestFirst, toAuthorizationView } from '../../../../shared/domain/authorization.js';
import fc from 'fast-check';
import { refreshViews, SAME_EXPIRY_MS, viewSteps, type ListedItem, type ViewCache, type ViewInputs } from '../../../../shared/domain/view-cache.js';

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
    return keepExpiredAt(view, new Map(was === undefined ? [] : [[a.id, was]]), c.receivedAt);
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
});
