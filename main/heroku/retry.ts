/**
 * Retry policy for reads. Only GETs ever come here: a create, update, rotate or revoke is never
 * repeated by the client (house rule 5), whatever happened to it. Backoff is exponential with
 * full jitter, bounded in attempts and in total waiting; Retry-After is honoured when it fits.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff step (ms); step n waits up to base * 2^(n-1). */
  baseDelayMs: number;
  /** Longest single wait (ms). */
  maxDelayMs: number;
  /** Longest total waiting across all retries of one request (ms). */
  maxTotalDelayMs: number;
  /** Waits ms (injectable so tests run instantly). */
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter (injectable for deterministic tests). */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalDelayMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Statuses worth another try for a read: rate limit and the gateway/unavailable family. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfterMs: number | null }
  | { kind: 'network' }
  | { kind: 'cut-off' }
  | { kind: 'final' };

/** True when a failed read may be tried again (timeouts are not: the user already waited). */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network' || outcome.kind === 'cut-off') return true;
  return outcome.kind === 'status' && RETRY_STATUSES.has(outcome.status);
}

/**
 * The wait before retry number `retry` (1-based), or null when the budget does not allow one.
 * A Retry-After longer than maxDelayMs ends the retries: waiting that long belongs to the user.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | null, waitedMs: number): number | null {
  if (retry >= policy.maxAttempts) return null;
  let delay: number;
  if (retryAfterMs !== null) {
    if (retryAfterMs > policy.maxDelayMs) return null;
    delay = retryAfterMs;
  } else {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    delay = Math.floor(policy.random() * ceiling);
  }
  if (waitedMs + delay > policy.maxTotalDelayMs) return null;
  return delay;
}

/** Parses Retry-After (delta seconds or an HTTP date) into ms from now; null when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
