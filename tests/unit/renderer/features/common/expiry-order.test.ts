/** A token list in expiry order: main's order is taken as it is, anything else sorted; searches agree with a count. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expiredCount, expiryOrderOf, expiryOrderStats, firstAtOrAfter } from '../../../../../renderer/features/common/expiry-order.js';
import { soonestFirst, type AuthorizationView } from '../../../../../shared/domain/authorization.js';
import { view } from '../../../../support/fake-bridge.js';

const T0 = Date.parse('2026-11-27T12:00:00.000Z');

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function tokens(n: number, rnd: () => number): AuthorizationView[] {
  return Array.from({ length: n }, (_, i) => {
    const r = rnd();
    // Some never expire, some share an expiry, some expired, some written without milliseconds.
    const at = T0 + Math.floor((rnd() - 0.2) * 40) * 3600_000 + (r < 0.5 ? 0 : Math.floor(rnd() * 1000));
    const expiresAt = r < 0.15 ? null : r < 0.2 ? new Date(at).toISOString().replace('.000Z', 'Z') : new Date(at).toISOString();
    return view({ id: `t${i}`, description: `Token ${i}`, expiresAt });
  });
}

/** What the order must say, the slow and obvious way. */
function reference(items: AuthorizationView[]) {
  const ats = items.filter((a) => a.expiresAt !== null).map((a) => ({ a, at: Date.parse(a.expiresAt!) }));
  const sorted = [...ats].sort((p, q) => p.at - q.at);
  return { sorted, before: (t: number) => ats.filter((x) => x.at < t).length };
}

describe('expiryOrderOf', () => {
  afterEach(() => vi.restoreAllMocks());

  it('agrees with a full sort and count, for main’s order and for any other', () => {
    const rnd = random(14);
    for (let round = 0; round < 40; round++) {
      const raw = tokens(1 + Math.floor(rnd() * 60), rnd);
      for (const items of [raw, soonestFirst(raw)]) {
        const order = expiryOrderOf(items);
        const ref = reference(items);
        expect(order.length).toBe(ref.sorted.length);
        expect(Array.from({ length: order.length }, (_, i) => order.at(i))).toEqual(ref.sorted.map((x) => x.at));
        for (const t of [T0 - 10 * 3600_000, T0, T0 + 1, T0 + 7 * 3600_000 + 500, T0 + 100 * 3600_000, ...ref.sorted.slice(0, 5).map((x) => x.at)]) {
          expect(firstAtOrAfter(order, t)).toBe(ref.before(t));
          expect(expiredCount(order, t)).toBe(ref.before(t + 1));
        }
      }
    }
  });

  it('takes main’s order as it is: no Date.parse per token, no sort, one order per list', () => {
    const items = soonestFirst(Array.from({ length: 10_000 }, (_, i) => view({ id: `t${i}`, expiresAt: i % 7 === 0 ? null : new Date(T0 + i * 60_000).toISOString() })));
    const sorted = expiryOrderStats.sorted;
    const parse = vi.spyOn(Date, 'parse');
    const order = expiryOrderOf(items);
    expect(firstAtOrAfter(order, T0 + 5_000 * 60_000)).toBe(5_000 - Math.ceil(5_000 / 7));
    expect(parse).not.toHaveBeenCalled();
    expect(expiryOrderStats.sorted).toBe(sorted);
    expect(expiryOrderOf(items)).toBe(order);
  });

  it('sorts a list that is not in expiry order (a never-expiring token first)', () => {
    const items = [view({ id: 'n', expiresAt: null }), view({ id: 'b', expiresAt: new Date(T0 + 2000).toISOString() }), view({ id: 'a', expiresAt: new Date(T0 + 1000).toISOString() })];
    const order = expiryOrderOf(items);
    expect([order.item(0).id, order.item(1).id]).toEqual(['a', 'b']);
    expect(expiredCount(order, T0 + 1000)).toBe(1);
  });
});
