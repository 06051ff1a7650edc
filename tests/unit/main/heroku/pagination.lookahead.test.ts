/**
 * Paging without waiting on bodies (pagination.ts): the next page is asked for as soon as a page's
 * headers arrive; a refresh asks for the last list's pages at once; the list is always the chain
 * each answer's Next-Range leads to, whatever came back early; low rate limit -> no early asks.
 */
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthorizationListCache } from '../../../../main/heroku/authorization-list.js';
import { createHerokuClient, SPECULATE_MIN_REMAINING, type HerokuClientOptions } from '../../../../main/heroku/client.js';
import { authorization, startStub, type SeenRequest, type StubServer } from '../../../support/heroku-stub-server.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const api = (extra: Partial<HerokuClientOptions> = {}) =>
  createHerokuClient({ origin: stub.url, apiKey: 'HRKU-unit-test-key-0000', userAgent: 'ua', timeoutMs: 3000, retry: { sleep: async () => undefined }, ...extra });

/** Heroku-like paging over a list that tests may change: Range `id ..` or `]<id>..`, `max` items a page. */
function rangeServer(list: () => string[], max: number, headers: Record<string, string> = {}) {
  return (req: SeenRequest) => {
    const range = String(req.headers.range ?? '');
    const after = /^\](.*)\.\./.exec(range)?.[1];
    const ids = list();
    const start = after === undefined ? 0 : ids.findIndex((id) => id > after);
    const page = start < 0 ? [] : ids.slice(start, start + max);
    const more = start >= 0 && start + max < ids.length;
    return {
      status: more ? 206 : 200,
      headers: { 'Content-Type': 'application/json', ...headers, ...(more ? { 'Next-Range': `]${page.at(-1)}..; max=${max}` } : {}) },
      body: JSON.stringify(page.map((id) => authorization({ id }))),
    };
  };
}

const send = (res: http.ServerResponse, a: ReturnType<ReturnType<typeof rangeServer>>) => {
  res.writeHead(a.status, a.headers);
  res.end(a.body);
};
const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${String(i).padStart(2, '0')}`);

describe('paging ahead', () => {
  it('asks for the next page while the last one’s body is still coming', async () => {
    const list = ids(4);
    const pages = rangeServer(() => list, 2);
    let finishFirst: (() => void) | null = null;
    stub.script((req, res) => {
      const a = pages(req);
      if (stub.seen.length > 1) {
        send(res, a);
        finishFirst?.();
        return;
      }
      // Headers and half the body; the rest only once the second page was asked for.
      res.writeHead(a.status, a.headers);
      res.write(a.body.slice(0, 20));
      finishFirst = () => res.end(a.body.slice(20));
    });
    const r = await api().listAuthorizations();
    expect(r.ok ? r.value.value.map((x) => x.id) : r.error.message).toEqual(list);
    expect(stub.seen.map((s) => s.headers.range)).toEqual(['id ..; max=1000', ']a01..; max=2']);
  });

  it('a list whose second page fails lets go of what it joined of its first page (no body kept until the next list)', async () => {
    const list = ids(4);
    const pages = rangeServer(() => list, 2);
    const begun: AuthorizationListCache[] = [];
    const begin = AuthorizationListCache.prototype.begin;
    const spy = vi.spyOn(AuthorizationListCache.prototype, 'begin').mockImplementation(function (this: AuthorizationListCache) {
      begun.push(this);
      begin.call(this);
    });
    try {
      stub.script(
        (req, res) => send(res, pages(req)),
        (_req, res) => {
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ id: 'not_found', message: 'Gone.' }));
        },
      );
      const r = await api().listAuthorizations();
      expect(r.ok).toBe(false);
      expect(begun).toHaveLength(1);
      expect(begun[0]!.joiningList).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it('a list that throws while asking for its second page lets go of what it joined too', async () => {
    const list = ids(4);
    const pages = rangeServer(() => list, 2);
    const begun: AuthorizationListCache[] = [];
    const begin = AuthorizationListCache.prototype.begin;
    const etag = AuthorizationListCache.prototype.etag;
    let asked = 0;
    const spies = [
      vi.spyOn(AuthorizationListCache.prototype, 'begin').mockImplementation(function (this: AuthorizationListCache) {
        begun.push(this);
        begin.call(this);
      }),
      vi.spyOn(AuthorizationListCache.prototype, 'etag').mockImplementation(function (this: AuthorizationListCache, range: string) {
        if (++asked === 2) throw new Error('boom on the second page');
        return etag.call(this, range);
      }),
    ];
    try {
      stub.script((req, res) => send(res, pages(req)));
      await expect(api().listAuthorizations()).rejects.toThrow('boom on the second page');
      expect(begun).toHaveLength(1);
      expect(begun[0]!.joiningList).toBe(false);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it('asks for every page of the last list at once on the next refresh', async () => {
    const list = ids(6);
    const pages = rangeServer(() => list, 2);
    const client = api();
    stub.script((req, res) => send(res, pages(req)));
    expect((await client.listAuthorizations()).ok).toBe(true);
    // Now answer nothing until all three pages were asked for: only asking at once can finish.
    const held: Array<() => void> = [];
    stub.script((req, res) => {
      held.push(() => send(res, pages(req)));
      if (held.length === 3) for (const go of held) go();
    });
    const r = await client.listAuthorizations();
    expect(r.ok ? r.value.value.map((x) => x.id) : r.error.message).toEqual(list);
    expect(stub.seen.map((s) => s.headers.range).sort()).toEqual([']a01..; max=2', ']a03..; max=2', 'id ..; max=1000']);
  });

  it('follows the chain when the list changed shape: an early page the chain does not reach is not used', async () => {
    let list = ids(6);
    const pages = rangeServer(() => list, 2);
    const client = api();
    stub.script((req, res) => send(res, pages(req)));
    expect((await client.listAuthorizations()).ok).toBe(true);
    // a01 revoked, a10 and a11 created: page 1 now ends at a02, so the old second Range is off the chain.
    list = ['a00', 'a02', 'a03', 'a04', 'a05', 'a10', 'a11'];
    const r = await client.listAuthorizations();
    expect(r.ok ? r.value.value.map((x) => x.id) : r.error.message).toEqual(list);
    const ranges = stub.seen.map((s) => s.headers.range);
    expect(ranges).toContain(']a01..; max=2'); // asked early, from the last list
    expect(ranges).toContain(']a02..; max=2'); // the chain
    expect(ranges).toContain(']a04..; max=2');
    expect(ranges).toContain(']a10..; max=2');
  });

  it('asks one page after another when the hourly budget runs low', async () => {
    const list = ids(6);
    const pages = rangeServer(() => list, 2, { 'RateLimit-Remaining': String(SPECULATE_MIN_REMAINING - 1) });
    const client = api();
    stub.script((req, res) => send(res, pages(req)));
    expect((await client.listAuthorizations()).ok).toBe(true);
    // Each request notes how many answers had been sent when it came.
    let answered = 0;
    const arrivals: number[] = [];
    stub.script((req, res) => {
      arrivals.push(answered);
      setTimeout(() => {
        answered++;
        send(res, pages(req));
      }, 20);
    });
    const r = await client.listAuthorizations();
    expect(r.ok).toBe(true);
    expect(arrivals).toEqual([0, 1, 2]);
  });

  it('never asks for more pages than the cap, even ahead', async () => {
    let n = 0;
    stub.script((_req, res) => {
      res.writeHead(206, { 'Content-Type': 'application/json', 'Next-Range': `]${++n}..; max=1` });
      res.end(JSON.stringify([authorization({ id: `x${n}` })]));
    });
    const r = await api({ maxPages: 4 }).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stub.seen).toHaveLength(4);
  });
});
