/** Local files that hold tokens: atomic replace keeping mode and other lines, refusals, reads. */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalConsumerFiles } from '../../../../main/adapters/local-consumer-files.js';
import { ConsumerFileError } from '../../../../main/ports.js';

let dir: string;
const files = new LocalConsumerFiles();
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'consumer-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof ConsumerFileError ? e.code : 'other';
  }
};

describe('LocalConsumerFiles', () => {
  it('replaces a file atomically, keeping its mode, and leaves no temp file', async () => {
    const f = path.join(dir, '.env');
    writeFileSync(f, 'A=1\nKEY=old\n', { mode: 0o640 });
    chmodSync(f, 0o640);
    const inode = statSync(f).ino;
    await files.write(f, 'A=1\nKEY=new\n');
    expect(readFileSync(f, 'utf8')).toBe('A=1\nKEY=new\n');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    // A new inode: the text was swapped in whole by rename, never written in place.
    expect(statSync(f).ino).not.toBe(inode);
    expect(readdirSync(dir)).toEqual(['.env']);
  });

  it('writes through a symlink to its real file and keeps the link (stow/yadm-managed dotfiles)', async () => {
    mkdirSync(path.join(dir, 'dotfiles'));
    const real = path.join(dir, 'dotfiles', 'env');
    writeFileSync(real, 'A=1\nKEY=old\n');
    chmodSync(real, 0o640);
    const link = path.join(dir, '.env');
    symlinkSync(path.join('dotfiles', 'env'), link);
    await files.write(link, 'A=1\nKEY=new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('dotfiles', 'env'));
    expect(readFileSync(real, 'utf8')).toBe('A=1\nKEY=new\n');
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(await files.read(link)).toBe('A=1\nKEY=new\n');
    // The temp file went beside the real file and is gone; nothing was left beside the link.
    expect(readdirSync(dir).sort()).toEqual(['.env', 'dotfiles']);
    expect(readdirSync(path.join(dir, 'dotfiles'))).toEqual(['env']);
  });

  it('never overrides a read-only file (even as root), and leaves it as it was', async () => {
    const f = path.join(dir, 'profile');
    writeFileSync(f, 'export KEY=old\n');
    chmodSync(f, 0o444);
    expect(await code(files.write(f, 'export KEY=new\n'))).toBe('not_writable');
    expect(readFileSync(f, 'utf8')).toBe('export KEY=old\n');
    expect(readdirSync(dir)).toEqual(['profile']);
  });

  it('says what is wrong: missing, a folder, too large', async () => {
    expect(await code(files.read(path.join(dir, 'nope')))).toBe('not_found');
    mkdirSync(path.join(dir, 'folder'));
    expect(await code(files.read(path.join(dir, 'folder')))).toBe('not_a_file');
    const big = path.join(dir, 'big');
    writeFileSync(big, 'x'.repeat(1024 * 1024 + 1));
    expect(await code(files.read(big))).toBe('too_large');
    expect(await code(files.write(path.join(dir, 'nope'), 'x'))).toBe('not_found');
  });
});
