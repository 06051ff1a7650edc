/**
 * The API origin the app talks to, on its own: main/index.ts reads it at launch without loading
 * the Heroku client (which runs in the core's thread, main/core-worker.ts).
 */
import { err, ok, type Result } from '../../shared/result.js';

export const DEFAULT_API_ORIGIN = 'https://api.heroku.com';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Normalises and checks an API origin (https, or http only on loopback for the emulator). */
export function parseApiOrigin(raw: string | undefined): Result<string> {
  const value = raw && raw.trim() !== '' ? raw.trim() : DEFAULT_API_ORIGIN;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err('invalid_params', 'HEROKU_API_URL is not a URL.');
  }
  if (url.username !== '' || url.password !== '') {
    return err('invalid_params', 'HEROKU_API_URL must not contain a user name or password.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    return err('invalid_params', 'The Heroku API URL must use https (http is allowed only on 127.0.0.1 or localhost).');
  }
  return ok(url.origin);
}
