/** Maps Heroku API failures to error codes the UI can act on, with messages people understand. */
import type { AppError } from '../../shared/result.js';

const BY_ID: Record<string, AppError> = {
  unauthorized: { code: 'unauthorized', message: 'Heroku did not accept this API key. It may have expired or been revoked; sign in again.' },
  forbidden: { code: 'forbidden', message: 'This API key is not allowed to do that (its scope is too narrow).' },
  not_found: { code: 'not_found', message: 'Heroku has no such authorization any more. It may have been revoked elsewhere.' },
  invalid_params: { code: 'invalid_params', message: 'Heroku rejected the request as invalid.' },
  rate_limit: { code: 'rate_limited', message: 'Heroku’s rate limit for this account is used up. Try again in a few minutes.' },
};

/** Maps an HTTP status and Heroku error body to an AppError (body id first, status second). */
export function mapHttpError(status: number, body: { id: string; message: string } | null): AppError {
  const byId = body ? BY_ID[body.id] : undefined;
  if (byId) {
    return body && body.id === 'invalid_params' && body.message
      ? { code: 'invalid_params', message: `Heroku rejected the request: ${body.message}` }
      : byId;
  }
  if (status === 401) return BY_ID.unauthorized!;
  if (status === 403) return BY_ID.forbidden!;
  if (status === 404) return BY_ID.not_found!;
  if (status === 422) return BY_ID.invalid_params!;
  if (status === 429) return BY_ID.rate_limit!;
  if (status >= 500) return { code: 'server_error', message: `Heroku had a problem (HTTP ${status}). Try again shortly.` };
  return { code: 'bad_response', message: `Heroku answered with an unexpected status (HTTP ${status}).` };
}

/** Maps a fetch failure (DNS, reset, timeout) to offline or timeout. */
export function mapNetworkError(e: unknown): AppError {
  const name = e instanceof Error ? e.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { code: 'timeout', message: 'Heroku did not answer in time. Check your connection and try again.' };
  }
  return { code: 'offline', message: 'Could not reach Heroku. You appear to be offline.' };
}
