/**
 * soonestFirst sorts keys once and may start from the list's last order: over random lists (few
 * distinct expiries so ties abound, never-expiring and unparseable ones, equal, unicode and case-only-different
 * descriptions, repeated ids) and random "previous" orders (stale, partial, shuffled, foreign), it
 * gives exactly the order the original implementation (below, as at commit f47a837) gave.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { soonestFirst, type AuthorizationView } from '../../../../shared/domain/authorization.js';
import { soonestOrder } from '../../../../shared/domain/soonest-order.js';
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

const bigList = fc.array(itemArb, { minLength: 64, maxLength: 300 });

describe('soonestFirst (property, against the original implementation)', () => {
  it('orders a first list of 64 or more tokens (found by sorting numbers, then checked) exactly as before', () => {
    // Few expiries, so long runs of one expiry ordered by description: ASCII, unicode, case-only
    // differences, shared prefixes (the guess reads a few characters past them), empty strings.
    const prefixed = fc.tuple(fc.constantFrom('', 'Bulk token #', 'deploy-', 'Deploy '), description, fc.nat(20_000)).map(([p, d, k]) => `${p}${k % 3 === 0 ? d : k}`);
    const arb = fc.array(fc.record({ id: fc.constant('t'), description: fc.oneof(description, prefixed), expiresAt: expiry }), { minLength: 64, maxLength: 300 });
    fc.assert(
      fc.property(fc.oneof(arb, bigList), (raw) => {
        const items = raw.map((r, i) => authorizationView({ ...r, id: `${r.id}${i}` }));
        const expected = referenceSoonestFirst(items);
        const got = soonestFirst(items);
        expect(got.length === expected.length && got.every((v, i) => v === expected[i])).toBe(true);
      }),
      { numRuns: 400 },
    );
  });


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
      // Without a hint (a first list) the order is found by typed-array sorts and checked with
      // the collator once per neighbour pair (soonest-order.ts), where a comparator sort asked it
      // more than 5 times per token.
      const first = soonestFirst(next);
      expect(hinted).toBeLessThan(2 * next.length);
      expect(calls).toBeLessThan(1.5 * next.length);
      expect(first.map((v) => v.id)).toEqual(referenceSoonestFirst(next).map((v) => v.id));
    } finally {
      compare.mockRestore();
    }
  });
});

describe('soonestOrder (the first list\'s order without a comparison sort)', () => {
  const keyed = (items: Array<{ at: number; d: string }>) => ({ at: Float64Array.from(items.map((x) => x.at)), d: items.map((x) => x.d) });
  const reference = (items: Array<{ at: number; d: string }>, collator: Intl.Collator) =>
    items.map((_, i) => i).sort((p, q) => (items[p]!.at === items[q]!.at ? 0 : items[p]!.at - items[q]!.at) || collator.compare(items[p]!.d, items[q]!.d) || p - q);
  const words = fc.oneof(fc.constantFrom('aa', 'ab', 'z', 'å', 'ch', 'cz', 'h', 'i', 'y', 'I', 'ı', 'Aa', 'AA', 'a-b', 'a b', 'ab1', 'ä'), fc.string({ maxLength: 5 }));
  const entry = fc.record({ at: fc.oneof(fc.constantFrom(0, 1, 60_000, Number.POSITIVE_INFINITY), fc.integer({ min: -1e12, max: 1e12 })), d: fc.array(words, { maxLength: 3 }).map((w) => w.join('')) });

  it('in any locale, gives exactly the comparator sort\'s order, or null (the caller then sorts as before)', () => {
    // Locales whose collation joins letters (Danish "aa" after "z", Czech "ch" after "h"), orders
    // case or letters otherwise (Swedish, Turkish, upper first), or not in ASCII order at all.
    for (const locale of ['en', 'da', 'cs', 'sv', 'tr', 'lt', 'de-u-co-phonebk', 'en-u-kf-upper', 'ja']) {
      let found = 0;
      fc.assert(
        fc.property(fc.array(entry, { minLength: 2, maxLength: 200 }), (items) => {
          const collator = new Intl.Collator(locale);
          const { at, d } = keyed(items);
          const got = soonestOrder(at, d, collator);
          if (got) {
            found++;
            expect([...got]).toEqual(reference(items, collator));
          }
        }),
        { numRuns: 60 },
      );
      // Fresh collators each run: the plain ASCII locales find most orders themselves.
      if (locale === 'en') expect(found).toBeGreaterThan(30);
    }
  });

  it('a guess that fails its check (Danish "aa" sorts after "z") gives null, and that collator is not guessed at again', () => {
    const da = new Intl.Collator('da');
    const items = [...Array.from({ length: 40 }, (_, i) => ({ at: 5, d: `z${i}` })), { at: 5, d: 'aa' }, { at: 5, d: 'ab' }];
    const { at, d } = keyed(items);
    expect(da.compare('aa', 'z')).toBeGreaterThan(0);
    expect(soonestOrder(at, d, da)).toBeNull();
    // Even a list the guess would get right is no longer guessed at with this collator.
    const plain = keyed([{ at: 1, d: 'b' }, { at: 1, d: 'a' }]);
    expect(soonestOrder(plain.at, plain.d, da)).toBeNull();
    expect([...soonestOrder(plain.at, plain.d, new Intl.Collator('da'))!]).toEqual([1, 0]);
  });

  it('descriptions alike in the window it reads (case only, or past its few characters) are ordered by the collator, and the order is found', () => {
    const en = new Intl.Collator('en');
    const items = Array.from({ length: 120 }, (_, i) => ({ at: 7, d: [`ab${i % 10}`, `AB${i % 10}`, `Deploy token number ${i}`, `deploy token number ${i}`][i % 4]! }));
    const { at, d } = keyed(items);
    const got = soonestOrder(at, d, en);
    expect(got).not.toBeNull();
    expect([...got!]).toEqual(reference(items, en));
  });

  it('a run of names alike for longer than the window it reads ("Bulk token #…" beside one other name) is read on, not left to the collator', () => {
    const collator = new Intl.Collator('en');
    const calls = { n: 0 };
    const counting = new Intl.Collator('en');
    const real = counting.compare;
    Object.defineProperty(counting, 'compare', { value: (a: string, b: string) => (calls.n++, real(a, b)) });
    const items = [{ at: 9, d: 'Heroku CLI login from laptop' }, ...Array.from({ length: 3000 }, (_, i) => ({ at: 9, d: `Bulk token #${(i * 7919) % 3000}` }))];
    const { at, d } = keyed(items);
    const got = soonestOrder(at, d, counting);
    expect([...got!]).toEqual(reference(items, collator));
    // The check's one comparison per neighbour pair, and no collator sort of the 3,000.
    expect(calls.n).toBeLessThan(1.2 * items.length);
  });

  it('gives null for what cannot be packed exactly (a fractional expiry, a span too wide for the count)', () => {
    const en = new Intl.Collator('en');
    expect(soonestOrder(Float64Array.from([1.5, 2]), ['a', 'b'], en)).toBeNull();
    expect(soonestOrder(Float64Array.from([0, 2 ** 52]), ['a', 'b'], en)).toBeNull();
    expect([...soonestOrder(Float64Array.from([2 ** 40, 0, Number.POSITIVE_INFINITY]), ['a', 'b', 'c'], en)!]).toEqual([1, 0, 2]);
  });
});
