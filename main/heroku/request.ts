/**
 * One HTTP exchange with the Heroku API: headers, timeout, rate-limit bookkeeping, and turning
 * every way it can go wrong (reset, timeout, redirect, cut-off or non-JSON body) into a Result.
 * Nothing here retries; retry.ts decides that, for GETs only.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result.js';
import { badResponse, mapHttpError, networkError } from './errors.js';
import { parseJsonBody, parseJsonBodyInTurns } from './json-body.js';
import { takeTurn } from './turns.js';
import { parseRetryAfter, type AttemptOutcome } from './retry.js';
import { herokuErrorSchema } from './schemas.js';
import type { Wire, WireAnswer } from './wire.js';

export const ACCEPT = 'application/vnd.heroku+json; version=3';

/**
 * Most bytes one answer may have. A full 1000-item page of authorizations is about 1.5 MB; 16 MiB
 * is far above anything Heroku sends, and low enough that a broken or hostile server cannot
 * push the process into gigabytes.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Most items one page may hold: Heroku pages hold at most 1000 (Range max=1000). */
export const MAX_PAGE_ITEMS = 10_000;

export interface Transport {
  origin: string;
  apiKey: string;
  userAgent: string;
  timeoutMs: number;
  /** How requests travel (wire.ts: node:http by default, any fetch in tests). */
  wire: Wire;
  now: () => number;
  /** Called with every RateLimit-Remaining the API reports. */
  onRateLimit: (remaining: number) => void;
}

/** A 2xx answer whose body parsed as JSON, or a 304 to a conditional GET (no body, json undefined). */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or what `read` made of it. */
  json: unknown;
  receivedAt: number;
}

/** What a caller can add to one exchange. */
export interface ExchangeOptions {
  body?: unknown;
  range?: string;
  ifNoneMatch?: string;
  /** Called with the status and headers of a 2xx/304 answer as soon as they arrive, before its body is read. */
  onHead?: (status: number, headers: Headers) => void;
  /** Cancels the exchange (an answer nobody needs any more). */
  signal?: AbortSignal;
  /**
   * Reads a 2xx JSON body from its bytes instead of the plain parse (json-body.ts); `invalid`
   * when the bytes are not JSON. The list cache uses it to recognise a page it already holds.
   */
  read?: (bytes: Buffer, receivedAt: number) => Promise<{ ok: true; value: unknown } | { ok: false }>;
}

export interface Attempt {
  result: Result<RawResponse>;
  outcome: AttemptOutcome;
}

const final = (result: Result<RawResponse>): Attempt => ({ result, outcome: { kind: 'final' } });
const fail = (error: ReturnType<typeof badResponse>, outcome: AttemptOutcome): Attempt => ({ result: { ok: false, error }, outcome });

/** JSON media types Heroku uses: application/json and application/vnd.heroku+json. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(type);
}

/** Sends one request to the configured origin and reads the whole answer. */
export async function attempt(
  t: Transport,
  method: string,
  path: string,
  extra: ExchangeOptions = {},
): Promise<Attempt> {
  const url = new URL(path, t.origin);
  if (url.origin !== t.origin) return final(err('invalid_params', 'Refusing to send the API key anywhere but the configured Heroku API.'));
  const headers: Record<string, string> = {
    Accept: ACCEPT,
    Authorization: `Bearer ${t.apiKey}`,
    'User-Agent': t.userAgent,
    'Request-Id': randomUUID(),
  };
  if (extra.body !== undefined) headers['Content-Type'] = 'application/json';
  if (extra.range !== undefined) headers.Range = extra.range;
  if (extra.ifNoneMatch !== undefined) headers['If-None-Match'] = extra.ifNoneMatch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), t.timeoutMs);
  const cancel = () => controller.abort();
  if (extra.signal?.aborted) controller.abort();
  extra.signal?.addEventListener('abort', cancel, { once: true });
  try {
    let res: WireAnswer;
    try {
      res = await t.wire(url, { method, headers, body: extra.body === undefined ? undefined : JSON.stringify(extra.body), signal: controller.signal });
    } catch {
      return fail(networkError(controller.signal.aborted ? 'timeout' : 'offline'), controller.signal.aborted ? { kind: 'final' } : { kind: 'network' });
    }
    recordRateLimit(t, res.headers);
    if ((res.status === 304 && extra.ifNoneMatch !== undefined) || (res.status >= 200 && res.status < 300)) extra.onHead?.(res.status, res.headers);
    if (res.status === 304 && extra.ifNoneMatch !== undefined) {
      // Not Modified: the caller still holds the body it named; nothing to read or parse.
      await res.discard();
      return { result: ok({ status: 304, headers: res.headers, json: undefined, receivedAt: t.now() }), outcome: { kind: 'ok' } };
    }
    if (res.status >= 300 && res.status < 400) {
      await res.discard();
      return final({ ok: false, error: badResponse(`it redirected elsewhere (HTTP ${res.status}); the API key was not sent on`) });
    }
    let bytes: Buffer | 'too-large';
    try {
      bytes = await readCapped(res, controller);
    } catch {
      if (controller.signal.aborted) return fail(networkError('timeout'), { kind: 'final' });
      return fail(badResponse('the answer was cut off'), { kind: 'cut-off' });
    }
    if (bytes === 'too-large') return final({ ok: false, error: badResponse(`the answer is too large (over ${MAX_BODY_BYTES / 1024 / 1024} MiB)`) });
    // Expiry counts from arrival, not from when the parse got its turn.
    const receivedAt = t.now();
    // A big body (a list page: ~500 KB per 1,000 items) is parsed in a turn of its own (turns.ts).
    if (bytes.length > BIG_BODY_BYTES) await takeTurn();
    return await interpret(t, res, bytes, receivedAt, extra.read);
  } finally {
    clearTimeout(timer);
    extra.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * Reads the body chunk by chunk, counting bytes; past MAX_BODY_BYTES (or a Content-Length
 * promising more) it stops and drops the connection instead of buffering the rest.
 */
async function readCapped(res: WireAnswer, controller: AbortController): Promise<Buffer | 'too-large'> {
  const declared = Number(res.headers.get('Content-Length') ?? NaN);
  if (res.body === null) return Buffer.alloc(0);
  if (declared > MAX_BODY_BYTES) return tooLarge(res, controller);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return tooLarge(res, controller);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(res: WireAnswer, controller: AbortController): 'too-large' {
  void res.discard();
  controller.abort();
  return 'too-large';
}

/** Bodies at least this long wait for their own event-loop turn before they are parsed. */
const BIG_BODY_BYTES = 64 * 1024;

function recordRateLimit(t: Transport, headers: Headers): void {
  const raw = headers.get('RateLimit-Remaining');
  if (raw !== null && /^\s*\d+\s*$/.test(raw)) t.onRateLimit(Number(raw));
}

async function interpret(t: Transport, res: WireAnswer, bytes: Buffer, receivedAt: number, read: ExchangeOptions['read']): Promise<Attempt> {
  const contentType = res.headers.get('Content-Type');
  if (res.status < 200 || res.status >= 300) {
    let body: unknown = null;
    if (isJsonContentType(contentType)) {
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch {
        body = null;
      }
    }
    const parsed = herokuErrorSchema.safeParse(body);
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), receivedAt);
    return fail(mapHttpError(res.status, parsed.success ? parsed.data : null, [t.apiKey, t.apiKey.trim()]), { kind: 'status', status: res.status, retryAfterMs });
  }
  if (!isJsonContentType(contentType)) {
    const shown = (contentType ?? 'none').split(';')[0]!.trim().slice(0, 60);
    return final({ ok: false, error: badResponse(`it is not JSON (content type ${shown || 'none'})`) });
  }
  // A big body is parsed in steps with turns between them (json-body.ts parseSteps).
  const parsed = read ? await read(bytes, receivedAt) : bytes.length > BIG_BODY_BYTES ? await parseJsonBodyInTurns(bytes, takeTurn) : parseJsonBody(bytes);
  if (!parsed.ok) return fail(badResponse('the answer is not valid JSON (it may have been cut off)'), { kind: 'cut-off' });
  return { result: ok({ status: res.status, headers: res.headers, json: parsed.value, receivedAt }), outcome: { kind: 'ok' } };
}
