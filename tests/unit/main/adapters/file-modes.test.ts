/**
 * Crack 6: the app's own files are owner-only. config.json (conf/electron-store), the moved-aside
 * copy of a corrupt one, and the log file are 0600, and the folders the app creates or writes in
 * are 0700, also when an older version left them world-readable. Modes are read off disk, under
 * the usual umask 022 (which alone gives 0644 files and 0755 folders).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfSettingsStore } from '../../../../main/adapters/settings-store.js';
import { createFileLogger } from '../../../../main/adapters/file-logger.js';
import { RecordingLogger } from '../../../support/fakes.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;
let root: string;
let savedUmask = 0;
beforeAll(() => {
  savedUmask = process.umask(0o022);
});
afterAll(() => void process.umask(savedUmask));
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-modes-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const openStore = (cwd: string) => new ConfSettingsStore({ cwd, logger: new RecordingLogger(), now: () => Date.parse('2026-12-01T00:00:00Z') });

describe.runIf(process.platform !== 'win32')('owner-only files', () => {
  it('creates the settings folder 0700 and config.json 0600', () => {
    const dir = path.join(root, 'user-data', 'Heroku Token Tray');
    const store = openStore(dir);
    store.update((s) => ({ ...s, activeAccountId: null }));
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'config.json'))).toBe(0o600);
  });

  it('tightens a world-readable config.json and folder left by an older version', () => {
    const dir = path.join(root, 'old');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 1 }), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    openStore(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it('keeps the moved-aside copy of a corrupt file owner-only', () => {
    const dir = path.join(root, 'corrupt');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, '{ not json', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const store = openStore(dir);
    expect(store.recoveryNotice()).toMatch(/kept as/);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(mode(path.join(dir, aside[0]!))).toBe(0o600);
    expect(mode(file)).toBe(0o600);
  });

  it('creates the log folder 0700 and the log file 0600, rotated copy included', () => {
    const dir = path.join(root, 'logs', 'app');
    const log = createFileLogger({ file: path.join(dir, 'main.log'), maxBytes: 200 });
    for (let i = 0; i < 10; i++) log.info('a line long enough to rotate the file soon', { i });
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'main.log'))).toBe(0o600);
    expect(mode(path.join(dir, 'main.old.log'))).toBe(0o600);
  });

  it('tightens a world-readable log file and folder left by an older version', () => {
    const dir = path.join(root, 'old-logs');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'main.log');
    fs.writeFileSync(file, 'old line\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    createFileLogger({ file }).info('hello');
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/old line\n.*hello/);
  });
});
