/**
 * Crack 1: the client must not read an answer whole, whatever its size. A body over the byte cap
 * and a page with more items than any Heroku page holds both end as `bad_response`, and the read
 * stops early: the server sees its socket closed before it could send everything.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHerokuClient } from '../../../../main/heroku/client.js';
import { MAX_BODY_BYTES, MAX_PAGE_ITEMS } from '../../../../main/heroku/request.js';
import { authorization, json, startStub, type StubServer } from '../../../support/heroku-stub-server.js';

const KEY = 'HRKU-unit-test-key-0000';
const CHUNK = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, forever
let server: http.Server | null = null;
let stub: StubServer | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
  await stub?.close();
  stub = null;
});

/** Streams `planned` bytes of a JSON array with backpressure; reports how far it got. */
async function startFlood(planned: number, headers: Record<string, string> = {}) {
  const report = { sent: 0, closedEarly: false, done: false };
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
    res.on('close', () => {
      if (!report.done) report.closedEarly = true;
    });
    res.write('[');
    const pump = () => {
      while (report.sent < planned) {
        report.sent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      report.done = true;
      res.end(']');
    };
    pump();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, report };
}

const client = (origin: string) =>
  createHerokuClient({ origin, apiKey: KEY, userAgent: 'test', timeoutMs: 20_000, retry: { sleep: async () => undefined, maxAttempts: 1 } });

describe('response caps', () => {
  it('stops reading a body that grows past the cap and answers bad_response', async () => {
    const planned = MAX_BODY_BYTES * 8;
    const { url, report } = await startFlood(planned);
    const r = await client(url).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/too large/);
    await expect.poll(() => report.closedEarly).toBe(true);
    expect(report.done).toBe(false);
    expect(report.sent).toBeLessThan(planned);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const { url, report } = await startFlood(MAX_BODY_BYTES * 4, { 'Content-Length': String(MAX_BODY_BYTES * 4 + 2) });
    const r = await client(url).getAccount();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/too large/);
    await expect.poll(() => report.closedEarly).toBe(true);
  });

  it('caps error bodies too', async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      const pump = () => {
        while (res.write(CHUNK));
        res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const r = await client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).getAccount();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
  });

  it('answers bad_response for a page with more items than any Heroku page holds', async () => {
    stub = await startStub();
    const item = authorization();
    stub.script(json(200, Array.from({ length: MAX_PAGE_ITEMS + 1 }, (_, i) => ({ ...item, id: `id-${i}` }))));
    const r = await client(stub.url).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/items/);
  });

  it('still reads a full 1000-item page (Heroku’s maximum) well under the caps', async () => {
    stub = await startStub();
    const item = authorization();
    stub.script(json(200, Array.from({ length: 1000 }, (_, i) => ({ ...item, id: `id-${i}` }))));
    const r = await client(stub.url).listAuthorizations();
    expect(r.ok ? r.value.value.length : r.error).toBe(1000);
  });
});
