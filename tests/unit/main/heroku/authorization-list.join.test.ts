/**
 * AuthorizationListCache joins a list's pages as they are read (joinAhead) and merge takes that
 * join only for the pages it holds in the very order they were read. Whatever the reads were
 * (in order, out of order, an early answer off the chain, a page read twice, 304 pages between),
 * the joined list must be the one merge makes from the pages alone, and so must the next list
 * built on it (its items checked against the kept copies).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthorizationListCache } from '../../../../main/heroku/authorization-list.js';
import type { Page } from '../../../../main/heroku/pagination.js';
import { authorization } from '../../../support/heroku-stub-server.js';

const T0 = Date.parse('2026-12-01T12:00:00Z');

interface Spec {
  /** Per page, its items as [id number, expires_in or null, description variant]. */
  pages: Array<Array<[number, number | null, number]>>;
  /** Per page, ms after the first page it arrived (sorted, so later pages arrive later). */
  delays: number[];
  /** Pages answering 304 (only where the earlier list holds that page). */
  notModified: boolean[];
  /** Read order: indexes of pages, possibly out of order, repeated, or off the chain (-1). */
  reads: number[];
}

const item = ([n, e, v]: [number, number | null, number]) =>
  authorization({ id: `id-${n}`, description: `token ${n}${v ? ' v' : ''}`, access_token: { id: `t${n}`, token: `HRKU-test-${n}`, expires_in: e } });

const bytesOf = (items: unknown[]) => Buffer.from(JSON.stringify(items));

/** Reads the pages through `cache.reader` in `reads` order (with begin() when `ahead`), then merges them in chain order. */
async function list(cache: AuthorizationListCache, spec: Spec, ahead: boolean, base: number, held: boolean) {
  if (ahead) cache.begin();
  const bodies = new Map<number, unknown>();
  const at = (i: number) => base + (spec.delays[i] ?? 0);
  for (const i of spec.reads) {
    const p = i < 0 ? [[99, 60, 0] as [number, number | null, number]] : spec.pages[i]!;
    const r = await cache.reader(`r${i}`)(bytesOf(p.map(item)), i < 0 ? base : at(i));
    if (!r.ok) throw new Error('a page did not read');
    // The last read of a page is the body its Page carries (an earlier one was a retried answer).
    if (i >= 0) bodies.set(i, r.value);
  }
  const pages: Page[] = spec.pages.map((_, i) => {
    const cached = held && spec.notModified[i];
    return { range: `r${i}`, status: cached ? 304 : 200, json: cached ? undefined : bodies.get(i), etag: `"e${i}"`, next: i + 1 < spec.pages.length ? `r${i + 1}` : null, receivedAt: at(i) };
  });
  // A page never read (it answered 304 here, or the reads skipped it) is read now, as a late answer.
  for (const [i, p] of pages.entries()) {
    if (p.status === 200 && p.json === undefined) {
      const r = await cache.reader(`r${i}`)(bytesOf(spec.pages[i]!.map(item)), at(i));
      if (!r.ok) throw new Error('a page did not read');
      p.json = r.value;
    }
  }
  const merged = await cache.merge(pages);
  if (!merged.ok) throw new Error(merged.error.message);
  return merged.value;
}

const entry = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }), fc.integer({ min: 0, max: 1 }));
const spec = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    pages: fc.array(fc.array(entry, { maxLength: 8 }), { minLength: n, maxLength: n }),
    delays: fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: n, maxLength: n }).map((d) => [0, ...d.slice(1)].sort((a, b) => a - b)),
    notModified: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    reads: fc.oneof(
      fc.constant(Array.from({ length: n }, (_, i) => i)),
      fc.array(fc.integer({ min: -1, max: n - 1 }), { maxLength: n + 2 }),
    ),
  }),
);

/** [id, description] of the first copy of each id, pages in order: what a joined list holds. */
function firstCopies(pages: Spec['pages']): Array<[string, unknown]> {
  const seen = new Set<string>();
  const out: Array<[string, unknown]> = [];
  for (const e of pages.flat()) {
    const a = item(e);
    if (seen.has(a.id as string)) continue;
    seen.add(a.id as string);
    out.push([a.id as string, a.description]);
  }
  return out;
}

describe('AuthorizationListCache: the join made while pages are read', () => {
  it('gives the list merge makes from the pages alone, and the next list on it too', async () => {
    await fc.assert(
      fc.asyncProperty(spec, spec, async (first, second) => {
        const withJoin = new AuthorizationListCache();
        const without = new AuthorizationListCache();
        // A first list, then a second one on it (same page count for its 304s to fall on held pages).
        const a = await list(withJoin, first, true, T0, false);
        const b = await list(without, first, false, T0, false);
        expect(a.value).toEqual(b.value);
        // The first copy of each id, in page order (ids in any order: "id-10" sorts before "id-2").
        expect(a.value.map((x) => [x.id, x.description])).toEqual(firstCopies(first.pages));
        expect(a.receivedAt).toBe(b.receivedAt);
        const next = { ...second, pages: first.pages.map((p, i) => second.pages[i] ?? p), notModified: first.pages.map((_, i) => second.notModified[i] ?? false) };
        next.delays = first.pages.map((_, i) => second.delays[i] ?? second.delays.at(-1) ?? 0).sort((x, y) => x - y);
        next.reads = next.reads.filter((i) => i < first.pages.length);
        const c = await list(withJoin, next, true, T0 + 60_000, true);
        const d = await list(without, next, false, T0 + 60_000, true);
        expect(c.value).toEqual(d.value);
        expect(c.value.map((x) => x.id)).toEqual(firstCopies(next.pages.map((p, i) => (next.notModified[i] ? first.pages[i]! : p))).map(([id]) => id));
      }),
      { numRuns: 300 },
    );
  });

  it('pages read in order, one after another, are joined as read: the list is the one merge makes', async () => {
    const pages = [[[1, 60, 0], [2, null, 0]], [[2, 30, 1], [3, 3600, 0]], [[4, 0, 0]]] as Array<Array<[number, number | null, number]>>;
    const s: Spec = { pages, delays: [0, 400, 1700], notModified: [false, false, false], reads: [0, 1, 2] };
    const got = await list(new AuthorizationListCache(), s, true, T0, false);
    // First copies kept (id-2 of page 1), the last page's expires_in moved by the one whole second since the first.
    expect(got.value.map((x) => x.id)).toEqual(['id-1', 'id-2', 'id-3', 'id-4']);
    expect(got.value[1]!.access_token?.expires_in).toBeNull();
    expect(got.value[3]!.access_token?.expires_in).toBe(0);
    const late = await list(new AuthorizationListCache(), { ...s, pages: [...pages.slice(0, 2), [[5, 100, 0]]] }, true, T0, false);
    expect(late.value.at(-1)!.access_token?.expires_in).toBe(101);
  });

  it('an item unchanged since the last list keeps its checked copy, at its place or moved to another (page or place)', async () => {
    // Same id, updated_at and token: the kept copy stands (Heroku bumps updated_at on every change),
    // so a description that differs without updated_at moving shows which copy the list holds.
    const cache = new AuthorizationListCache();
    const one = (n: number, description: string, expires: number, updated_at = '2026-01-02T12:00:00Z') => authorization({ id: `id-${n}`, description, updated_at, access_token: { id: `t${n}`, token: `HRKU-test-${n}`, expires_in: expires } });
    const read = async (pages: unknown[][], at: number) => {
      cache.begin();
      const bodies = [];
      for (const [i, p] of pages.entries()) {
        const r = await cache.reader(`r${i}`)(bytesOf(p), at);
        if (!r.ok) throw new Error('a page did not read');
        bodies.push(r.value);
      }
      const merged = await cache.merge(bodies.map((json, i) => ({ range: `r${i}`, status: 200, json, etag: null, next: i + 1 < pages.length ? `r${i + 1}` : null, receivedAt: at })));
      if (!merged.ok) throw new Error(merged.error.message);
      return merged.value.value.map((a) => [a.id, a.description, a.access_token?.expires_in]);
    };
    expect(await read([[one(1, 'kept', 100), one(2, 'kept', 200)], [one(3, 'kept', 300)]], T0)).toEqual([
      ['id-1', 'kept', 100],
      ['id-2', 'kept', 200],
      ['id-3', 'kept', 300],
    ]);
    // A new token first: every other item is one place on, id-2 on the next page, id-3 on the
    // first; id-1 changed (updated_at moved): checked in full, its new description shows.
    const later = '2026-03-01T00:00:00Z';
    expect(await read([[one(0, 'new', 50), one(3, 'not shown', 299), one(1, 'second', 99, later)], [one(2, 'not shown', 199)]], T0 + 1000)).toEqual([
      ['id-0', 'new', 50],
      ['id-3', 'kept', 299],
      ['id-1', 'second', 99],
      ['id-2', 'kept', 199],
    ]);
    // Moved again: the copies compared with are the second list's (id-1's is "second"), not the first's.
    expect(await read([[one(2, 'not shown', 198), one(0, 'not shown', 49)], [one(1, 'not shown', 98, later), one(9, 'new', 9)]], T0 + 2000)).toEqual([
      ['id-2', 'kept', 198],
      ['id-0', 'new', 49],
      ['id-1', 'second', 98],
      ['id-9', 'new', 9],
    ]);
    // An item whose updated_at moved is checked in full: its new description shows.
    const changed = authorization({ id: 'id-2', description: 'changed', updated_at: '2026-06-01T00:00:00Z', access_token: { id: 't2', token: 'HRKU-test-2', expires_in: 197 } });
    expect((await read([[changed]], T0 + 3000))[0]).toEqual(['id-2', 'changed', 197]);
  });
});
