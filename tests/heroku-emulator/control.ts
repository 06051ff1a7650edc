/**
 * The test-control endpoint under /__emulator/ (not part of Heroku's API; no auth because the
 * emulator only listens on 127.0.0.1). Routes are listed in tests/heroku-emulator/README.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appsOf } from './apps.js';
import { validateFault } from './faults.js';
import { iso } from './presenters.js';
import type { EmulatorState } from './server.js';

type Json = Record<string, unknown>;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.trim() === '' ? {} : JSON.parse(text));
      } catch {
        reject(new SyntaxError('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function clockInfo(state: EmulatorState) {
  const now = state.clock.now();
  return { now, iso: iso(now) };
}

/** Applies one control request; returns [status, body]. */
async function route(state: EmulatorState, method: string, path: string, req: IncomingMessage): Promise<[number, unknown]> {
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  const body = method === 'POST' ? ((await readJson(req)) as Json) : {};
  switch (key) {
    case 'POST /__emulator/clock':
      if (isInt(body.setMs)) state.clock.set(body.setMs);
      else if (isInt(body.advanceMs)) state.clock.advance(body.advanceMs);
      else return [400, { id: 'bad_request', message: 'Send {"advanceMs": n} or {"setMs": n}.' }];
      return [200, clockInfo(state)];
    case 'GET /__emulator/clock':
      return [200, clockInfo(state)];
    case 'POST /__emulator/faults':
      state.faults.add(validateFault(body));
      return [201, { faults: state.faults.list() }];
    case 'GET /__emulator/faults':
      return [200, { faults: state.faults.list() }];
    case 'DELETE /__emulator/faults':
      state.faults.clear();
      return [200, { faults: [] }];
    case 'POST /__emulator/redaction':
      if (typeof body.enabled !== 'boolean') return [400, { id: 'bad_request', message: 'Send {"enabled": true|false}.' }];
      state.redact = body.enabled;
      return [200, { enabled: state.redact }];
    case 'POST /__emulator/rate-limit':
      if (!isInt(body.remaining) || body.remaining < 0) return [400, { id: 'bad_request', message: 'Send {"remaining": n}.' }];
      state.rateLimitRemaining = body.remaining;
      return [200, { remaining: state.rateLimitRemaining }];
    case 'GET /__emulator/requests':
      return [200, state.requests];
    case 'DELETE /__emulator/requests':
      state.requests.length = 0;
      return [200, []];
    case 'GET /__emulator/state':
      return [200, snapshot(state)];
    default:
      return [404, { id: 'not_found', message: `No emulator control route ${key}.` }];
  }
}

/** Everything a test may want to inspect, tokens included (they are the emulator's own). */
function snapshot(state: EmulatorState) {
  return {
    ...clockInfo(state),
    redaction: state.redact,
    rateLimitRemaining: state.rateLimitRemaining,
    pageSize: state.pageSize,
    faults: state.faults.list(),
    accounts: state.store.accounts.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.name,
      authorizations: a.authorizations.map(({ client, ...rest }) => ({ ...rest, clientName: client?.name ?? null })),
      apps: appsOf(a).map((app) => ({ ...app, configVars: { ...app.configVars } })),
    })),
  };
}

/** Serves one /__emulator/ request. */
export async function handleControl(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  let status: number;
  let body: unknown;
  try {
    [status, body] = await route(state, (req.method ?? 'GET').toUpperCase(), path, req);
  } catch (e) {
    status = 400;
    body = { id: 'bad_request', message: e instanceof Error ? e.message : String(e) };
  }
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
