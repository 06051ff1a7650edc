/** Next-Range paging, through the client against a scripted server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient, type HerokuClientOptions } from '../../../../main/heroku/client.js';
import { authorization, json, startStub, type Reply, type StubServer } from '../../../support/heroku-stub-server.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const api = (extra: Partial<HerokuClientOptions> = {}) =>
  createHerokuClient({ origin: stub.url, apiKey: 'HRKU-unit-test-key-0000', userAgent: 'ua', retry: { sleep: async () => undefined }, ...extra });

describe('pagination', () => {
  it('follows Next-Range over several pages and keeps every item once', async () => {
    stub.script(pager(7, 3));
    const r = await api().listAuthorizations();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.value.map((a) => a.id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(stub.seen.map((s) => s.headers.range)).toEqual(['id ..; max=1000', ']2..; max=3', ']5..; max=3']);
  });

  it('keeps an item that two overlapping pages both carry only once', async () => {
    stub.script(
      json(206, [authorization({ id: 'a' }), authorization({ id: 'b' })], { 'Next-Range': ']a..; max=2' }),
      json(200, [authorization({ id: 'b' }), authorization({ id: 'c' })]),
    );
    const r = await api().listAuthorizations();
    expect(r.ok ? r.value.value.map((a) => a.id) : r.error.message).toEqual(['a', 'b', 'c']);
  });

  it('stops an endless Next-Range at the page cap with a clear error', async () => {
    let n = 0;
    stub.script((_req, res) => {
      res.writeHead(206, { 'Content-Type': 'application/json', 'Next-Range': `]${++n}..; max=1` });
      res.end(JSON.stringify([authorization({ id: `x${n}` })]));
    });
    const r = await api({ maxPages: 5 }).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/5 pages/);
    expect(stub.seen).toHaveLength(5);
  });

  it('stops at once when a Next-Range repeats', async () => {
    stub.script(json(206, [authorization()], { 'Next-Range': ']a..; max=1' }));
    const r = await api().listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/same next page/);
    expect(stub.seen).toHaveLength(2);
  });

  it('counts a later page’s expiry from the first page’s arrival, never later than true', async () => {
    let t = 1_000_000;
    const now = () => (t += 2_500);
    stub.script(pager(2, 1));
    const r = await api({ now }).listAuthorizations();
    if (!r.ok) throw new Error(r.error.message);
    // First page at 1_002_500 (3600 s); second at 1_005_000 -> shifted by floor(2.5) = 2 s.
    expect(r.value.receivedAt).toBe(1_002_500);
    expect(r.value.value.map((a) => a.access_token?.expires_in)).toEqual([3600, 3602]);
  });
});

/** A server paging `total` authorizations `size` at a time, like Heroku (206 + Next-Range). */
function pager(total: number, size: number): Reply {
  return (req, res) => {
    const m = /^\]?(\d+)?/.exec(String(req.headers.range ?? '').replace(/^id /, ''));
    const start = req.headers.range?.startsWith(']') ? Number(m?.[1] ?? 0) + 1 : 0;
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => authorization({ id: `a${start + i}` }));
    const last = start + items.length - 1;
    const more = last < total - 1;
    res.writeHead(more ? 206 : 200, { 'Content-Type': 'application/json', ...(more ? { 'Next-Range': `]${last}..; max=${size}` } : {}) });
    res.end(JSON.stringify(items));
  };
}
