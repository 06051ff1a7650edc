/** A tiny scripted HTTP server on loopback for client tests: records requests, answers by script. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply = (req: SeenRequest, res: http.ServerResponse) => void;

export interface StubServer {
  url: string;
  seen: SeenRequest[];
  /** Replies used in order; the last one repeats. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

/** Answers JSON with the given status and extra headers. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

/** Answers a raw body with the given status and content type. */
export const raw =
  (status: number, body: string, contentType: string | null, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { ...(contentType ? { 'Content-Type': contentType } : {}), ...headers });
    res.end(body);
  };

/** Drops the connection without answering. */
export const reset: Reply = (req, res) => {
  void req;
  res.socket?.destroy();
};

/** Sends headers promising more body than it writes, then drops the connection. */
export const cutOff: Reply = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
  res.write('[{"id":"a');
  setImmediate(() => res.socket?.destroy());
};

/** Never answers (the client's timeout must fire). */
export const silent: Reply = () => undefined;

/** Starts a stub server on 127.0.0.1. */
export async function startStub(): Promise<StubServer> {
  let replies: Reply[] = [json(200, {})];
  const seen: SeenRequest[] = [];
  const open = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      const reply = replies[Math.min(seen.length, replies.length - 1)]!;
      seen.push(r);
      reply(r, res);
    });
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    script: (...r) => {
      replies = r;
      seen.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A valid authorization as Heroku returns it (token is a fake, test-only value). */
export function authorization(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '01234567-89ab-4cde-8f01-23456789abcd',
    description: 'test token',
    scope: ['global'],
    created_at: '2026-01-01T12:00:00Z',
    updated_at: '2026-01-02T12:00:00Z',
    access_token: { id: 'tok-id', token: 'HRKU-test-only-not-a-real-token', expires_in: 3600 },
    client: null,
    grant: null,
    refresh_token: null,
    session: null,
    user: { id: 'u', email: 'u@example.com', full_name: null },
    ...overrides,
  };
}
