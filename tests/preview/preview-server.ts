/**
 * The browser preview host: serves the built renderer on 127.0.0.1 and carries the contract over
 * HTTP (POST rpc/<channel>) and a WebSocket (events) to the real main services, built by the same
 * createCore() as the Electron app. A development and test tool, never part of the packaged app.
 *
 * Every request must carry the per-run secret as the first path segment, a loopback Host, and (if
 * present) a same-origin Origin; anything else gets 403.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { CHANNELS, EVENTS } from '../../shared/contract.js';
import { createCore, type Core, type CoreAdapters } from '../../main/core.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import type { Clipboard } from '../../main/ports.js';
import { revive } from './preview-wire.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RENDERER_DIST = path.resolve(here, '../../dist/renderer');

export interface PreviewOptions {
  port?: number;
  /** Adapters for the core, except the clipboard, which is the browser's. */
  adapters: Omit<CoreAdapters, 'clipboard'>;
  rendererDir?: string;
}

export interface Preview {
  url: string;
  secret: string;
  port: number;
  core: Core;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Starts the preview; resolves once it listens. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const secret = randomBytes(18).toString('base64url');
  const rendererDir = options.rendererDir ?? RENDERER_DIST;
  const prefix = `/${secret}/`;
  const sockets = new Set<WebSocket>();
  const clipboard = new BrowserClipboard(sockets);
  const core = createCore({ ...options.adapters, clipboard });
  const bridgeJs = await buildBridge();
  let port = 0;

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const trusted = (req: http.IncomingMessage): boolean => {
    if (!allowedHosts().includes(String(req.headers.host ?? ''))) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().map((h) => `http://${h}`).includes(origin)) return false;
    return (req.url ?? '').startsWith(prefix);
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      options.adapters.logger.error('preview request failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!trusted(req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden: this preview needs its secret URL.');
      return;
    }
    const rest = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(prefix.length));
    if (rest.startsWith('rpc/')) return rpc(req, res, rest.slice(4));
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (rest === '__bridge.js') return send(res, 200, TYPES['.js']!, bridgeJs);
    const file = rest === '' ? 'index.html' : rest;
    const full = path.resolve(rendererDir, file);
    if (!full.startsWith(rendererDir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(full);
    } catch {
      res.writeHead(404).end();
      return;
    }
    if (file === 'index.html') {
      const html = body.toString('utf8').replace('<script type="module"', '<script src="./__bridge.js"></script>\n    <script type="module"');
      return send(res, 200, TYPES['.html']!, html);
    }
    send(res, 200, TYPES[path.extname(full)] ?? 'application/octet-stream', body);
  }

  async function rpc(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      res.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 256 * 1024) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(c as Buffer);
    }
    let args: unknown;
    try {
      args = revive((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { args?: unknown }).args ?? undefined);
    } catch {
      send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'bad_request', message: 'Body is not JSON.' } }));
      return;
    }
    const result = await dispatch(core.handlers, channel, args, options.adapters.logger);
    send(res, 200, 'application/json', JSON.stringify(result));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (!trusted(req) || new URL(req.url ?? '/', 'http://x').pathname !== `${prefix}events`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('message', (data) => clipboard.onMessage(String(data)));
      // ws reports an oversized or malformed frame as an 'error' (then closes the socket); with no
      // listener that error would take the whole preview down.
      ws.on('error', (e) => options.adapters.logger.warn('preview socket error', { error: e.message }));
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = core.bus.subscribe((name, payload) => {
    const msg = JSON.stringify({ kind: 'event', name, payload });
    for (const ws of sockets) ws.send(msg);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    secret,
    port,
    core,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

async function buildBridge(): Promise<string> {
  const source = await readFile(path.join(here, 'bridge.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', target: 'es2022' });
  return `const CHANNELS = ${JSON.stringify(CHANNELS)};\nconst EVENTS = ${JSON.stringify(EVENTS)};\n${code}`;
}

/**
 * The Clipboard port for the preview: the system clipboard of the browser showing the popover,
 * reached over the page's WebSocket (navigator.clipboard, which needs the secure 127.0.0.1 origin).
 */
class BrowserClipboard implements Clipboard {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void }>();

  constructor(private readonly sockets: Set<WebSocket>) {}

  onMessage(data: string): void {
    let msg: { kind?: string; id?: number; text?: string; error?: string } | null;
    try {
      msg = JSON.parse(data) as typeof msg;
    } catch {
      return;
    }
    // `null`, numbers and arrays are valid JSON too: only an object can be an ack.
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return;
    if (msg.kind !== 'ack' || typeof msg.id !== 'number') return;
    const w = this.waiting.get(msg.id);
    if (!w) return;
    this.waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`browser clipboard: ${msg.error}`));
    else w.resolve(msg.text ?? '');
  }

  private ask(kind: 'clipboard-write' | 'clipboard-read', text?: string): Promise<string> {
    const ws = [...this.sockets].at(-1);
    if (!ws) return Promise.reject(new Error('No browser is connected to the preview.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('The browser did not answer the clipboard request.'));
      }, 5000);
      this.waiting.set(id, {
        resolve: (t) => (clearTimeout(timer), resolve(t)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      ws.send(JSON.stringify({ kind, id, text }));
    });
  }

  async writeText(text: string): Promise<void> {
    await this.ask('clipboard-write', text);
  }

  readText(): Promise<string> {
    return this.ask('clipboard-read');
  }

  async clear(): Promise<void> {
    await this.ask('clipboard-write', '');
  }
}
