/**
 * How one request reaches the API and its answer comes back: the head at once, the body as
 * chunks. request.ts does everything else (headers, timeout, caps, parsing) the same way over
 * either wire:
 * - nodeWire (the default): node:http/https with keep-alive. Reading a 1,000-item page (~480 KB)
 *   through it costs the main thread about a third of what `fetch` does (undici's parser and
 *   web-stream reads: `npm run bench` shows the refresh rows; a side-by-side of five pages at once
 *   read 4.3–6.5 ms busy here against 10.8–26.7 ms through fetch). It asks for gzip, as fetch
 *   does, and inflates off the main thread (zlib runs in libuv's pool).
 * - fetchWire: any `fetch`, for tests that put a hand between the client and the server.
 * Neither follows redirects (the Authorization header must never travel elsewhere).
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface WireRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface WireAnswer {
  status: number;
  headers: Headers;
  /** The body's bytes (decoded when it came compressed); null when there is none. */
  body: AsyncIterable<Uint8Array> | null;
  /** Drops the rest of the body (and the connection under it, when it is mid-body). */
  discard(): Promise<void>;
}

/** Sends a request; rejects when no answer head arrives (offline, reset, aborted). */
export type Wire = (url: URL, request: WireRequest) => Promise<WireAnswer>;

/** A wire over `fetch` (tests wrap fetch to delay or rewrite answers). */
export function fetchWire(f: typeof fetch): Wire {
  return async (url, r) => {
    const res = await f(url, { method: r.method, headers: r.headers, body: r.body, signal: r.signal, redirect: 'manual' });
    const body = res.body;
    return {
      status: res.status,
      headers: res.headers,
      body: body === null ? null : chunksOf(body),
      discard: async () => void (await body?.cancel().catch(() => undefined)),
    };
  };
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** Content codings the node wire asks for and inflates: what fetch asks for too. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The default wire: node:http (loopback emulator) or node:https (Heroku), keep-alive. */
export function nodeWire(): Wire {
  return (url, r) =>
    new Promise<WireAnswer>((resolve, reject) => {
      const tls = url.protocol === 'https:';
      const headers: Record<string, string> = { 'Accept-Encoding': ACCEPT_ENCODING, ...r.headers };
      if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
      const options = { method: r.method, headers, signal: r.signal, agent: tls ? agents.https : agents.http };
      const req = (tls ? https : http).request(url, options, (res) => {
        let head: Headers;
        try {
          head = new Headers();
          const raw = res.rawHeaders;
          for (let i = 0; i + 1 < raw.length; i += 2) head.append(raw[i]!, raw[i + 1]!);
        } catch (e) {
          res.destroy();
          reject(e);
          return;
        }
        const body = decoded(res, head.get('Content-Encoding'));
        resolve({
          status: res.statusCode ?? 0,
          headers: head,
          body,
          discard: async () => {
            // A body that is done or empty (304, 204) leaves the connection for the next request,
            // once its end is read (the agent takes the socket back then).
            if (res.complete || res.statusCode === 304 || res.statusCode === 204 || res.headers['content-length'] === '0') {
              if (res.readableEnded) return;
              const ended = new Promise<void>((done) => {
                res.once('end', done);
                res.once('close', done);
              });
              res.resume();
              await ended;
            } else {
              res.destroy();
              if (body !== res) body.destroy();
            }
          },
        });
      });
      req.on('error', reject);
      req.end(r.body);
    });
}

/** The body as sent, or inflated (an unknown coding is passed on as is: it will not parse as JSON). */
function decoded(res: http.IncomingMessage, coding: string | null): Readable {
  const c = coding?.trim().toLowerCase();
  const inflate = c === 'gzip' || c === 'x-gzip' ? zlib.createGunzip() : c === 'deflate' ? zlib.createInflate() : c === 'br' ? zlib.createBrotliDecompress() : null;
  if (inflate === null) return res;
  // A cut-off or reset body must fail the inflated stream too, not leave it waiting.
  res.on('error', (e) => inflate.destroy(e));
  res.on('aborted', () => inflate.destroy(new Error('aborted')));
  return res.pipe(inflate);
}
