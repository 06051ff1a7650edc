/** The Heroku Platform API emulator (first cut): a real HTTP server on loopback. */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { demoSeed, hrku, type EmuAccount, type EmuAuthorization } from './seed.js';

export interface EmulatorOptions {
  port?: number;
  apiKey?: string;
}

export interface Emulator {
  url: string;
  apiKey: string;
  account: EmuAccount;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? hrku();
  const account = demoSeed(Date.now(), apiKey);
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Request-Id': randomUUID(), 'RateLimit-Remaining': '4499' });
      res.end(JSON.stringify(body));
    };
    if (!String(req.headers.accept ?? '').includes('application/vnd.heroku+json; version=3')) {
      return send(406, { id: 'not_acceptable', message: 'Please specify a version along with Heroku\'s API MIME type.' });
    }
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!account.authorizations.some((a) => a.token === token && !a.revoked)) {
      return send(401, { id: 'unauthorized', message: 'Invalid credentials provided.' });
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/account') {
      return send(200, { id: account.id, email: account.email, name: account.name });
    }
    if (req.method === 'GET' && url.pathname === '/oauth/authorizations') {
      return send(200, account.authorizations.filter((a) => !a.revoked).map((a) => present(a)));
    }
    return send(404, { id: 'not_found', message: 'The requested API endpoint was not found.' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    account,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function present(a: EmuAuthorization) {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: a.id,
    description: a.description,
    scope: a.scope,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
    access_token: {
      id: a.id,
      token: a.token,
      expires_in: a.expiresAt === null ? null : Math.max(0, Math.round((a.expiresAt - Date.now()) / 1000)),
    },
    client: null,
    grant: null,
    refresh_token: null,
    session: null,
    user: { id: 'user', email: 'demo@example.com', full_name: 'Demo User' },
  };
}
