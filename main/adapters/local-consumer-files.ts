/**
 * Local files that hold tokens (.env, shell profiles): read, atomic replace, watch. A write goes
 * to a temp file beside the original (same directory, so the rename is atomic), with the
 * original's mode, flushed, then renamed over it: a crash leaves either the old or the new file,
 * never half of one. A file without any write bit is read-only by the user's choice and is never
 * replaced (even when running as root, where the OS would allow it). A symlinked file (a stow- or
 * yadm-managed profile) is written through: stat, temp file and rename go against its real path,
 * so the link stays a link and the file it points to gets the new text.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ConsumerFileError, type ConsumerFiles } from '../ports.js';

/** Bigger than any .env or profile; a file this large is not one. */
const MAX_BYTES = 1024 * 1024;
const DEBOUNCE_MS = 150;

function fileError(e: unknown, file: string, writing: boolean): ConsumerFileError {
  if (e instanceof ConsumerFileError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ConsumerFileError('not_found', `${file} does not exist (any more).`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return writing
      ? new ConsumerFileError('not_writable', `${file} cannot be written: permission denied.`)
      : new ConsumerFileError('not_readable', `${file} cannot be read: permission denied.`);
  }
  return new ConsumerFileError(writing ? 'not_writable' : 'not_readable', `${file} could not be ${writing ? 'written' : 'read'} (${code ?? 'error'}).`);
}

async function regularFile(file: string): Promise<fs.Stats> {
  const st = await stat(file);
  if (!st.isFile()) throw new ConsumerFileError('not_a_file', `${file} is not a regular file.`);
  if (st.size > MAX_BYTES) throw new ConsumerFileError('too_large', `${file} is larger than 1 MB; it is not read.`);
  return st;
}

/** The real file system. */
export class LocalConsumerFiles implements ConsumerFiles {
  async read(file: string): Promise<string> {
    try {
      const real = await realpath(file);
      await regularFile(real);
      return await readFile(real, 'utf8');
    } catch (e) {
      throw fileError(e, file, false);
    }
  }

  async write(file: string, text: string): Promise<void> {
    let tmp: string | null = null;
    try {
      // Renaming over a symlink would replace the link and leave its target with the old text.
      const real = await realpath(file);
      const st = await regularFile(real);
      if ((st.mode & 0o222) === 0) throw new ConsumerFileError('not_writable', `${file} is read-only; the app does not override that.`);
      tmp = path.join(path.dirname(real), `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await open(tmp, 'wx', st.mode & 0o7777);
      try {
        await handle.writeFile(text, 'utf8');
        // open() applies the umask; set the original's mode exactly.
        await handle.chmod(st.mode & 0o7777);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, real);
      tmp = null;
    } catch (e) {
      throw fileError(e, file, true);
    } finally {
      if (tmp) await unlink(tmp).catch(() => undefined);
    }
  }

  watch(file: string, onChange: () => void): () => void {
    // Watch the directory: an atomic replace (ours or an editor's) swaps the inode under a file watch.
    let timer: NodeJS.Timeout | null = null;
    let watcher: fs.FSWatcher | null = null;
    try {
      watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (name !== null && name !== path.basename(file)) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(onChange, DEBOUNCE_MS);
      });
      watcher.on('error', () => undefined);
    } catch {
      // The folder is gone or not watchable: the next scan reports the file instead.
    }
    return () => {
      if (timer) clearTimeout(timer);
      watcher?.close();
    };
  }
}
