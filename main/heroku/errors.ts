/**
 * Maps Heroku API failures to error codes the UI can act on, with messages people understand.
 * The body's `id` decides first (Heroku's documented error ids), the HTTP status second.
 * Messages never echo a token: Heroku's own text is only used after the request's key and any
 * token-shaped parts are masked.
 */
import type { AppError, ErrorCode } from '../../shared/result.js';
import type { HerokuErrorBody } from './schemas.js';

const MESSAGES = {
  unauthorized: 'Heroku did not accept this API key. It may have expired or been revoked; sign in again.',
  forbidden: 'This API key is not allowed to do that (its scope may be too narrow, or the account is restricted).',
  not_found: 'Heroku has no such authorization any more. It may have been revoked elsewhere.',
  invalid_params: 'Heroku rejected the request as invalid.',
  rate_limited: 'Heroku’s rate limit for this account is used up. Try again in a few minutes.',
  server_error: 'Heroku had a problem answering. Try again shortly.',
  offline: 'Could not reach Heroku. Check your connection; you may be offline.',
  timeout: 'Heroku did not answer in time. Check your connection and try again.',
} satisfies Partial<Record<ErrorCode, string>>;

/** Heroku's error ids (see the Platform API reference, "Error Responses") and what they mean here. */
const BY_ID: Record<string, ErrorCode> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  suspended: 'forbidden',
  delinquent: 'forbidden',
  two_factor: 'forbidden',
  verification_needed: 'forbidden',
  not_found: 'not_found',
  gone: 'not_found',
  invalid_params: 'invalid_params',
  bad_request: 'invalid_params',
  rate_limit: 'rate_limited',
  internal_server_error: 'server_error',
  service_unavailable: 'server_error',
  unavailable: 'server_error',
  maintenance: 'server_error',
};

/** Ids whose own Heroku message tells the user more than ours does. */
const SPECIFIC = new Set(['invalid_params', 'bad_request', 'suspended', 'delinquent', 'two_factor', 'verification_needed', 'forbidden']);

const TOKENISH = /HRKU-[A-Za-z0-9_-]+|\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|Bearer\s+\S+/g;

/**
 * Masks the given keys exactly (whatever their shape), then anything shaped like a token or a
 * bearer header (defence in depth for Heroku's text).
 */
export function maskTokens(text: string, keys: readonly string[] = []): string {
  let masked = text;
  for (const key of keys) if (key !== '') masked = masked.split(key).join('[redacted]');
  return masked.replace(TOKENISH, '[redacted]');
}

function byStatus(status: number): ErrorCode | null {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 400 || status === 422) return 'invalid_params';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return null;
}

/**
 * Maps an HTTP status and Heroku error body to an AppError (body id first, status second);
 * `keys` (the key the request used) are masked in any quoted Heroku text.
 */
export function mapHttpError(status: number, body: HerokuErrorBody | null, keys: readonly string[] = []): AppError {
  const code = (body ? BY_ID[body.id] : undefined) ?? byStatus(status);
  if (!code) {
    return { code: 'bad_response', message: `Heroku answered with an unexpected status (HTTP ${status}).` };
  }
  const base = MESSAGES[code as keyof typeof MESSAGES] ?? MESSAGES.server_error;
  if (body && SPECIFIC.has(body.id) && body.message.trim() !== '') {
    const theirs = maskTokens(body.message.trim(), keys).slice(0, 300);
    return { code, message: code === 'invalid_params' ? `Heroku rejected the request: ${theirs}` : `${base} Heroku says: ${theirs}` };
  }
  if (code === 'server_error') return { code, message: `Heroku had a problem (HTTP ${status}). Try again shortly.` };
  return { code, message: base };
}

/** Network-level failures, before any HTTP status was seen. */
export function networkError(kind: 'timeout' | 'offline'): AppError {
  return { code: kind, message: MESSAGES[kind] };
}

/** A response this app cannot use; `why` names what was wrong (never a value). */
export function badResponse(why: string): AppError {
  return { code: 'bad_response', message: `Heroku sent an answer this app cannot use: ${why}.` };
}

/** Kept for callers of the first cut: maps a thrown fetch failure to offline or timeout. */
export function mapNetworkError(e: unknown): AppError {
  const name = e instanceof Error ? e.name : '';
  return networkError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'offline');
}
