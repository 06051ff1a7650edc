/**
 * One Heroku API request, in Heroku's order: faults (latency, then infrastructure faults), Accept
 * (406), route (404), bearer auth (401), rate limit (429), the route itself, then response-shape
 * faults. Every answer carries Request-Id, RateLimit-Remaining and Date (emulator clock).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { etagFor, noneMatchHits } from './etag.js';
import type { FaultSpec } from './faults.js';
import { errorBody } from './presenters.js';
import { handle, resolveRoute, type Reply, type RouteMatch } from './routes.js';
import type { Caller } from './store.js';
import type { EmulatorState } from './server.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** 0 when the connection was destroyed without an answer. */
  status: number;
  /** Emulator clock (ms). */
  at: number;
  /** The parsed JSON request body, when there was one. */
  body?: unknown;
}

const MAX_BODY = 1024 * 1024;
const LOG_CAP = 20_000;
const HTML = '<!DOCTYPE html><html><head><title>Application Error</title></head><body>An error occurred.</body></html>';

/** True when Accept names Heroku's v3 media type. */
export function acceptsV3(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    return type === 'application/vnd.heroku+json' && params.some((p) => /^version=3(\.[\w.-]+)?$/.test(p.replace(/\s/g, '')));
  });
}

interface ParsedBody {
  value: unknown;
  /** Why the body is unusable, if it is. */
  bad: string | null;
}

function parseBody(raw: string | null): ParsedBody {
  if (raw === null) return { value: undefined, bad: 'Request body too large.' };
  if (raw.trim() === '') return { value: undefined, bad: null };
  try {
    return { value: JSON.parse(raw), bad: null };
  } catch {
    return { value: undefined, bad: 'Request body is not valid JSON.' };
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The request pipeline bound to the emulator's state. */
export function createPipeline(state: EmulatorState) {
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const log = (entry: RequestLogEntry) => {
    if (state.requests.length >= LOG_CAP) state.requests.splice(0, LOG_CAP / 2);
    state.requests.push(entry);
  };

  function baseHeaders(requestId: string, remaining = state.rateLimitRemaining): Record<string, string> {
    return { 'Request-Id': requestId, 'RateLimit-Remaining': String(remaining), Date: new Date(state.clock.now()).toUTCString() };
  }

  function destroy(res: ServerResponse) {
    const socket = res.socket;
    if (socket && 'resetAndDestroy' in socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket?.destroy();
  }

  /** Writes a reply, shaped by a response fault when one applies; GETs carry an ETag (etag.ts). */
  function send(res: ServerResponse, reply: Reply, headers: Record<string, string>, fault: FaultSpec | null, req?: IncomingMessage): number {
    const json = JSON.stringify(reply.body);
    const h: Record<string, string> = { ...headers, ...reply.headers, 'Content-Type': 'application/json' };
    const tag = req?.method === 'GET' && reply.status >= 200 && reply.status < 300 && !fault ? etagFor(json, state.etags) : null;
    if (tag !== null) {
      h.ETag = tag;
      h['Cache-Control'] = 'private, max-age=0, must-revalidate';
      if (noneMatchHits(req!.headers['if-none-match'], tag)) {
        // Rack::ConditionalGet: same headers (Next-Range included), no body and none of its headers.
        delete h['Content-Type'];
        res.writeHead(304, h);
        res.end();
        return 304;
      }
    }
    if (fault?.kind === 'non-json') {
      res.writeHead(fault.status ?? reply.status, { ...h, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(HTML);
    } else if (fault?.kind === 'wrong-content-type') {
      res.writeHead(reply.status, { ...h, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(json);
    } else if (fault?.kind === 'truncated') {
      const buf = Buffer.from(json);
      res.writeHead(reply.status, { ...h, 'Content-Length': String(buf.length) });
      res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => res.socket?.destroy());
    } else {
      res.writeHead(reply.status, h);
      res.end(json);
    }
    return fault?.kind === 'non-json' ? (fault.status ?? reply.status) : reply.status;
  }

  type Admission = { caller: Caller } | { error: [status: number, id?: string, message?: string] };

  /** Heroku's gatekeeping, in order: Accept, route, bearer auth, rate limit, body. */
  function admit(req: IncomingMessage, match: RouteMatch | null, body: ParsedBody): Admission {
    if (!acceptsV3(req.headers.accept)) return { error: [406] };
    if (!match) return { error: [404] };
    const token = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const caller = token ? state.store.authenticate(token) : null;
    if (!caller) return { error: [401] };
    if (match.name !== 'rate-limits') {
      if (state.rateLimitRemaining <= 0) return { error: [429] };
      state.rateLimitRemaining -= 1;
    }
    if (body.bad && (match.name === 'create' || match.name === 'update' || match.name === 'config-vars-update')) return { error: [400, 'bad_request', body.bad] };
    return { caller };
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const clientId = String(req.headers['request-id'] ?? '');
    const requestId = /^[\w-]{1,200}$/.test(clientId) ? clientId : randomUUID();
    const body = parseBody(await readBody(req));
    const match = resolveRoute(method, path);
    const plan = state.faults.take(match?.name ?? null, method, path);
    const at = state.clock.now();
    const finish = (status: number) => log({ method, path, status, at, ...(body.value === undefined ? {} : { body: body.value }) });
    const early = (status: number, id?: string, message?: string, remaining?: number) => {
      send(res, { status, body: errorBody(status, id, message) }, baseHeaders(requestId, remaining), null);
      finish(status);
    };
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    const fault = plan.fault;
    if (fault?.kind === 'reset') {
      destroy(res);
      return finish(0);
    }
    if (fault?.kind === 'hang') {
      // Nothing performed, nothing answered: the connection stays open until the client gives up.
      await new Promise<void>((resolve) => {
        res.on('close', resolve);
        timers.add(setTimeout(resolve, 60_000));
      });
      destroy(res);
      return finish(0);
    }
    if (fault?.kind === 'status') return early(fault.status ?? 500, fault.errorId, fault.message);
    if (fault?.kind === 'rate-limit-storm') return early(429, 'rate_limit', fault.message, 0);
    const admission = admit(req, match, body);
    if ('error' in admission) return early(...admission.error);
    const reply = handle({
      store: state.store,
      caller: admission.caller,
      match: match!,
      body: body.value ?? {},
      headers: req.headers,
      now: state.clock.now(),
      redact: state.redact,
      pageSize: state.pageSize,
      endless: fault?.kind === 'endless-next-range' && match?.name === 'list',
      rateLimitRemaining: state.rateLimitRemaining,
    });
    if (fault?.kind === 'reset-after-commit') {
      destroy(res);
      return finish(0);
    }
    // Performed, then slow to answer: a client with a shorter timeout cannot know it happened.
    if (fault?.kind === 'latency-after-commit') await sleep(fault.latencyMs ?? 1000);
    finish(send(res, reply, baseHeaders(requestId), fault, req));
  }

  return {
    handle: handleRequest,
    /** Cancels pending latency timers (on close). */
    stop: () => {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
    },
  };
}
