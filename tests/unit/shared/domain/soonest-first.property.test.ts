/**
 * soonestFirst sorts keys once and may start from the list's last order: over random lists (few
 * distinct expiries so ties abound, never-expiring and unparseable ones, equal, unicode and case-only-different
 * descriptions, repeated ids) and random "previous" orders (stale, partial, shuffled, foreign), it
 * gives exactly the order the original implementation (below, as at commit f47a837) gave.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { soonestFirst, type AuthorizationView } from '../../../../shared/domain/authorization.js';
import { authorizationView } from '../../../support/authorization-view.js';

const collator = new Intl.Collator();
function referenceSoonestFirst(items: readonly AuthorizationView[]): AuthorizationView[] {
  const keyed = items.map((a) => ({ a, at: a.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.expiresAt) }));
  keyed.sort((p, q) => (p.at === q.at ? 0 : p.at - q.at) || collator.compare(p.a.description, q.a.description));
  return keyed.map((k) => k.a);
}

const T0 = Date.parse('2026-11-27T12:00:00Z');
const expiry = fc.option(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(0, 1, 1000, 60_000, 3_600_000).map((d) => new Date(T0 + d).toISOString()) }, { weight: 1, arbitrary: fc.constant('not a date') }), { nil: null });
const description = fc.oneof(
  fc.constantFrom('', ' ', 'a', 'A', 'b', 'B', 'ä', 'a\u0308', 'Ä', 'deploy', 'Deploy', 'deploy ', 'CI #2', 'CI #10', 'ö', 'z', 'Z', '-', '_', '1', '01'),
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const itemArb = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), description, expiresAt: expiry });

describe('soonestFirst (property, against the original implementation)', () => {
  it('orders exactly as before, with or without a previous order to start from', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 40 }), fc.array(itemArb, { maxLength: 40 }), fc.nat(), (raw, other, seed) => {
        const items = raw.map((r, i) => authorizationView({ ...r, id: `${r.id}${i % 3 === 0 ? '' : i}` }));
        const expected = referenceSoonestFirst(items);
        expect(soonestFirst(items)).toEqual(expected);
        expect(soonestFirst(items).every((v, i) => v === expected[i])).toBe(true);
        // Previous orders of every kind: the last result, a stale one, a shuffled subset, a foreign list.
        const shuffled = [...items].sort((x, y) => ((x.id.charCodeAt(0) * 31 + seed) % 7) - ((y.id.charCodeAt(0) * 31 + seed) % 7));
        const foreign = other.map((r) => authorizationView(r));
        for (const previous of [expected, referenceSoonestFirst(items.slice(1)), shuffled.slice(seed % 5), foreign, [...expected].reverse()]) {
          const got = soonestFirst(items, previous);
          expect(got.every((v, i) => v === expected[i]) && got.length === expected.length).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('an unparseable expiry (not an order) is sorted as before, whatever the previous order', () => {
    const items = [
      authorizationView({ id: 'x', description: 'b', expiresAt: 'not a date' }),
      authorizationView({ id: 'y', description: 'a', expiresAt: new Date(T0).toISOString() }),
      authorizationView({ id: 'z', description: 'c', expiresAt: null }),
    ];
    expect(soonestFirst(items, [...items].reverse())).toEqual(referenceSoonestFirst(items));
  });

  it('starting from the last order, re-sorting 2,000 tokens after one was added asks the collator about once per token, not log2(n) times', () => {
    const items = Array.from({ length: 2000 }, (_, i) => authorizationView({ id: `t${i}`, description: `Bulk token #${(i * 7919) % 2000}`, expiresAt: new Date(T0 + (i % 3) * 60_000).toISOString() }));
    const sorted = soonestFirst(items);
    const next = [...items, authorizationView({ id: 'new', description: 'Bulk token #1000a', expiresAt: new Date(T0).toISOString() })];
    const compare = vi.spyOn(Intl.Collator.prototype, 'compare', 'get');
    let calls = 0;
    const real = collator.compare;
    compare.mockReturnValue((a: string, b: string) => {
      calls++;
      return real(a, b);
    });
    try {
      // The module's collator reads `compare` per call through the prototype getter.
      soonestFirst(next, sorted);
      const hinted = calls;
      calls = 0;
      soonestFirst(next);
      expect(hinted).toBeLessThan(2 * next.length);
      expect(calls).toBeGreaterThan(5 * next.length);
    } finally {
      compare.mockRestore();
    }
  });
});
