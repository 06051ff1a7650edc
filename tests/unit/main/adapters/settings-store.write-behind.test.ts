/**
 * The settings file is written behind the state (settings-store.ts): an update is seen by read()
 * at once and reaches the file in a later turn, off the main thread; updates in between are one
 * write; an older write never lands after a newer one; flush() writes at once; a failed write loses
 * nothing in memory and is written by the next change. The real conf store on a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfSettingsStore } from '../../../../main/adapters/settings-store.js';
import { createTestCore } from '../../../support/test-core.js';
import { RecordingLogger } from '../../../support/fakes.js';

let dir: string;
const file = () => path.join(dir, 'config.json');
const onDisk = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as { lastCheckAt: number | null };
const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-write-behind-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ConfSettingsStore writes behind', () => {
  it('an update is read back at once, and reaches the file in a later turn, not in the update', async () => {
    const store = new ConfSettingsStore({ cwd: dir });
    const sync = vi.spyOn(fs, 'writeFileSync');
    store.update((s) => ({ ...s, lastCheckAt: 1 }));
    expect(store.read().lastCheckAt).toBe(1);
    // Nothing was written on this thread's turn: the file is as it was.
    expect(sync).not.toHaveBeenCalled();
    expect(onDisk().lastCheckAt).toBeNull();
    await vi.waitFor(() => expect(onDisk().lastCheckAt).toBe(1));
    expect(sync).not.toHaveBeenCalled();
    expect(leftovers()).toEqual([]);
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('coalesces: 200 updates in one turn are one or two writes, and the file ends with the last', async () => {
    const store = new ConfSettingsStore({ cwd: dir });
    const writes = vi.spyOn(fs.promises, 'writeFile');
    for (let i = 1; i <= 200; i++) store.update((s) => ({ ...s, lastCheckAt: i }));
    await vi.waitFor(() => expect(onDisk().lastCheckAt).toBe(200));
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('never lets an older write land after a newer one: updates during a write, then a flush during the next', async () => {
    const store = new ConfSettingsStore({ cwd: dir });
    const seen: number[] = [];
    const watcher = setInterval(() => {
      try {
        seen.push(onDisk().lastCheckAt ?? 0);
      } catch {
        seen.push(-1); // never half a file: the rename is atomic
      }
    }, 0);
    try {
      for (let i = 1; i <= 30; i++) {
        store.update((s) => ({ ...s, lastCheckAt: i }));
        if (i % 7 === 0) store.flush();
        await new Promise((r) => setImmediate(r));
      }
      await vi.waitFor(() => expect(onDisk().lastCheckAt).toBe(30));
      // Let any write still under way finish: it must not bring back an older value.
      await new Promise((r) => setTimeout(r, 50));
      expect(onDisk().lastCheckAt).toBe(30);
    } finally {
      clearInterval(watcher);
    }
    expect(seen).not.toContain(-1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeGreaterThanOrEqual(seen[k - 1]!);
    expect(leftovers()).toEqual([]);
  });

  it('a write held up past a flush of a newer change is dropped, not renamed over it', async () => {
    const store = new ConfSettingsStore({ cwd: dir });
    const real = fs.promises.writeFile.bind(fs.promises);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    vi.spyOn(fs.promises, 'writeFile').mockImplementation(async (...args: Parameters<typeof real>) => {
      started = true;
      await gate;
      return real(...args);
    });
    store.update((s) => ({ ...s, lastCheckAt: 1 }));
    await vi.waitFor(() => expect(started).toBe(true));
    store.update((s) => ({ ...s, lastCheckAt: 2 }));
    store.flush();
    expect(onDisk().lastCheckAt).toBe(2);
    // What the file says after every rename from here on: it must never go back to 1.
    const renameSync = fs.renameSync.bind(fs);
    const rename = fs.promises.rename.bind(fs.promises);
    const after: Array<number | null> = [];
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      renameSync(from, to);
      after.push(onDisk().lastCheckAt);
    });
    vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      await rename(from, to);
      after.push(onDisk().lastCheckAt);
    });
    release();
    await vi.waitFor(() => expect(leftovers()).toEqual([]));
    await new Promise((r) => setTimeout(r, 20));
    expect(onDisk().lastCheckAt).toBe(2);
    expect(after).not.toContain(1);
  });

  it('a flush while a write is being renamed (off the thread) wins, whichever rename the disk does first', async () => {
    for (const order of ['flush first', 'write first'] as const) {
      fs.rmSync(file(), { force: true });
      const store = new ConfSettingsStore({ cwd: dir });
      const rename = fs.promises.rename.bind(fs.promises);
      let raced = false;
      const spy = vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
        if (raced) return rename(from, to);
        raced = true;
        // A newer change flushed (the app quitting) while this rename is under way.
        store.update((s) => ({ ...s, lastCheckAt: 2 }));
        if (order === 'flush first') {
          store.flush();
          return rename(from, to);
        }
        await rename(from, to);
        store.flush();
      });
      store.update((s) => ({ ...s, lastCheckAt: 1 }));
      await vi.waitFor(() => expect(raced).toBe(true));
      await vi.waitFor(() => expect(leftovers()).toEqual([]));
      await new Promise((r) => setTimeout(r, 20));
      expect(onDisk().lastCheckAt, order).toBe(2);
      expect(new ConfSettingsStore({ cwd: dir }).read().lastCheckAt, order).toBe(2);
      spy.mockRestore();
    }
  });

  it('serialises a long ledger a slice per turn: the file is exactly conf\'s text, and changes meanwhile land after it', async () => {
    let turns = 0;
    const store = new ConfSettingsStore({ cwd: dir, turn: () => (turns++, new Promise<void>((r) => setImmediate(r))) });
    const notified = Array.from({ length: 9000 }, (_, i) => ({ authorizationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, thresholdSeconds: 3600, expiresAt: '2026-12-04T00:00:00.000Z' }));
    const stringify = vi.spyOn(JSON, 'stringify');
    store.update((s) => ({ ...s, notified }));
    // A change while the first write's steps run: written after it, never lost.
    await vi.waitFor(() => expect(turns).toBeGreaterThan(0));
    store.update((s) => ({ ...s, lastCheckAt: 9 }));
    await vi.waitFor(() => expect(onDisk().lastCheckAt).toBe(9));
    // 9,000 records in slices of 2,000: five steps (four turns between them) per write.
    expect(turns).toBeGreaterThanOrEqual(8);
    // No stringify of the whole ledger at once: every call saw at most one slice of it.
    // (A slice is stringified nested in arrays, to be laid out at its depth: counted inside them.)
    const records = (v: unknown): number =>
      Array.isArray(v) ? (v.length === 1 && Array.isArray(v[0]) ? records(v[0]) : v.length) : typeof v === 'object' && v !== null && 'notified' in v ? records(v.notified) : 0;
    const longest = Math.max(...stringify.mock.calls.map(([v]) => records(v)));
    expect(longest).toBeLessThanOrEqual(2000);
    stringify.mockRestore();
    const text = fs.readFileSync(file(), 'utf8');
    expect(text).toBe(JSON.stringify({ schemaVersion: JSON.parse(text).schemaVersion, ...store.read() }, undefined, '\t'));
    expect((JSON.parse(text) as { notified: unknown[] }).notified).toHaveLength(9000);
  });

  it('flush() writes at once; a second store on the same folder then reads the change', () => {
    const store = new ConfSettingsStore({ cwd: dir });
    store.update((s) => ({ ...s, lastCheckAt: 7 }));
    store.flush();
    expect(onDisk().lastCheckAt).toBe(7);
    expect(new ConfSettingsStore({ cwd: dir }).read().lastCheckAt).toBe(7);
  });

  it('a write that fails is logged, the state stays in memory, and the next change writes it', async () => {
    const logger = new RecordingLogger();
    const store = new ConfSettingsStore({ cwd: dir, logger });
    vi.spyOn(fs.promises, 'writeFile').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    store.update((s) => ({ ...s, lastCheckAt: 5 }));
    await vi.waitFor(() => expect(logger.lines.join('\n')).toMatch(/could not write the settings file/));
    expect(store.read().lastCheckAt).toBe(5);
    expect(onDisk().lastCheckAt).toBeNull();
    store.update((s) => ({ ...s, lastCheckAt: 6 }));
    await vi.waitFor(() => expect(onDisk().lastCheckAt).toBe(6));
    expect(leftovers()).toEqual([]);
  });

  it('core.stop() (the app quitting) leaves the last change in the file', async () => {
    const store = new ConfSettingsStore({ cwd: dir });
    const core = createTestCore('http://127.0.0.1:9', { store });
    store.update((s) => ({ ...s, lastCheckAt: 99 }));
    expect(onDisk().lastCheckAt).toBeNull();
    await core.stop();
    expect(onDisk().lastCheckAt).toBe(99);
  });
});
