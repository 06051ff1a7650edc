/**
 * Owner-only files for what the app writes itself (settings, logs): folders 0700, files 0600,
 * also when an older version or another tool left them world-readable. Account emails, token
 * names and the log's history are nobody else's business on a shared machine. POSIX modes only;
 * on Windows chmod can do no harm and the profile folder is private already.
 */
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a folder (and its parents) if needed and makes the folder itself owner-only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only; a missing file is fine (it is created 0600 by its writer). */
export function makePrivate(file: string): void {
  tighten(file, PRIVATE_FILE_MODE);
}

/** Best effort: a folder the user does not own (EPERM) is left as it is rather than failing the app. */
function tighten(target: string, mode: number): void {
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch {
    // Missing (created owner-only later) or not ours to change.
  }
}
