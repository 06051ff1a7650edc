/**
 * The default wire (node:http, wire.ts) against a real HTTP server on loopback: it asks for
 * compressed answers as fetch did and inflates them, the byte cap counts the inflated bytes (a
 * small gzip that inflates past the cap is refused), a compressed body cut off mid-way is a
 * cut-off, a 304 leaves its keep-alive connection for the next request, and redirects are not
 * followed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerokuClient } from '../../../../main/heroku/client.js';
import { MAX_BODY_BYTES } from '../../../../main/heroku/request.js';
import { authorization } from '../../../support/heroku-stub-server.js';

const KEY = 'HRKU-unit-test-key-0000';
let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

interface Seen {
  headers: http.IncomingHttpHeaders;
  socket: number;
}

/** A server answering with `reply`; records every request's headers and which connection carried it. */
async function serve(reply: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void) {
  const seen: Seen[] = [];
  const sockets = new Map<object, number>();
  server = http.createServer((req, res) => {
    if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
    seen.push({ headers: req.headers, socket: sockets.get(req.socket)! });
    reply(req, res, seen.length - 1);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const client = (origin: string) =>
  createHerokuClient({ origin, apiKey: KEY, userAgent: 'test', timeoutMs: 10_000, retry: { sleep: async () => undefined, maxAttempts: 1 } });

const page = (n: number) => Array.from({ length: n }, (_, i) => authorization({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));

describe('node wire', () => {
  for (const [coding, squeeze] of [
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const) {
    it(`asks for compressed answers and reads a ${coding} page`, async () => {
      const items = page(300);
      const { url, seen } = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': coding });
        res.end(squeeze(Buffer.from(JSON.stringify(items))));
      });
      const r = await client(url).listAuthorizations();
      expect(seen[0]!.headers['accept-encoding']).toMatch(new RegExp(`\\b${coding}\\b`));
      expect(r.ok ? r.value.value.map((a) => a.id) : r.error).toEqual(items.map((a) => a.id));
    });
  }

  it('counts the inflated bytes against the cap: a small gzip that inflates past it is refused', async () => {
    // ~32 KiB on the wire, MAX_BODY_BYTES + 1 MiB once inflated (all spaces: valid JSON whitespace).
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(MAX_BODY_BYTES + 1024 * 1024, 0x20), Buffer.from(']')]));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES / 100);
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
      res.end(bomb);
    });
    const r = await client(url).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/too large/);
  });

  it('answers a compressed body cut off mid-way as cut off, not as a hang or a parse of half a page', async () => {
    const whole = zlib.gzipSync(Buffer.from(JSON.stringify(page(500))));
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(whole.length) });
      res.write(whole.subarray(0, whole.length >> 1));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const r = await client(url).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/cut off/);
  });

  it('keeps the connection after a 304: the next request travels on the same socket', async () => {
    const items = page(3);
    const { url, seen } = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { ETag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', ETag: '"v1"' });
      res.end(JSON.stringify(items));
    });
    const api = client(url);
    for (let i = 0; i < 4; i++) expect((await api.listAuthorizations()).ok).toBe(true);
    expect(seen.slice(1).every((s) => s.headers['if-none-match'] === '"v1"')).toBe(true);
    expect(seen.map((s) => s.socket)).toEqual([0, 0, 0, 0]);
  });

  it('does not follow a redirect (the key never travels elsewhere)', async () => {
    let elsewhere = 0;
    const other = http.createServer((_req, res) => {
      elsewhere++;
      res.end('{}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const { url } = await serve((_req, res) => {
        res.writeHead(302, { Location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/account` });
        res.end('moved');
      });
      const r = await client(url).getAccount();
      expect(r.ok ? null : r.error.message).toMatch(/redirected/);
      expect(elsewhere).toBe(0);
    } finally {
      other.closeAllConnections();
      await new Promise((r) => other.close(r));
    }
  });
});
