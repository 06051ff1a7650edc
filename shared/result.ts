/** Error codes a user (or the UI) can act on. Every failure that crosses IPC carries one. */
export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'invalid_params',
  'rate_limited',
  'server_error',
  'offline',
  'timeout',
  'bad_response',
  'unknown_outcome',
  'keychain_locked',
  'keychain_unavailable',
  // The Heroku CLI's login (issue 13): its stores cannot be written, its key is refused, SSO.
  'cli_login_unavailable',
  'cli_login_expired',
  'federated_account',
  'not_signed_in',
  'token_not_held',
  'bad_request',
  'untrusted_sender',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** A sentence a person understands; never contains a token. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed Result with a code and a human message. */
export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** True when a value looks like an AppError (used at trust boundaries). */
export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (ERROR_CODES as readonly string[]).includes(v.code as string);
}
