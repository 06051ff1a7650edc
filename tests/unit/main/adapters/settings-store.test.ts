import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfSettingsStore } from '../../../../main/adapters/settings-store.js';
import { invalidParts, migrate, salvage, SCHEMA_VERSION } from '../../../../main/adapters/settings-schema.js';
import { DEFAULT_SETTINGS, defaultState } from '../../../../main/ports.js';
import type { AccountRecord, NotifiedRecord } from '../../../../main/ports.js';
import { RecordingLogger } from '../../../support/fakes.js';

let dir: string;
const file = () => path.join(dir, 'config.json');
const write = (content: string) => fs.writeFileSync(file(), content);
const onDisk = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as Record<string, unknown>;
const asideFiles = () => fs.readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
const NOW = Date.parse('2026-11-27T12:34:56.789Z');
const open = () => new ConfSettingsStore({ cwd: dir, now: () => NOW, logger: new RecordingLogger() });

const account: AccountRecord = {
  id: '01234567-89ab-cdef-0123-456789abcdef',
  email: 'a@example.com',
  name: 'A',
  source: 'sign-in',
  addedAt: '2026-11-27T10:00:00.000Z',
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-settings-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ConfSettingsStore: defaults and persistence', () => {
  it('starts from the defaults on first run, writes a versioned file, and has no notice', () => {
    const store = open();
    expect(store.read()).toEqual(defaultState());
    expect(store.recoveryNotice()).toBeNull();
    expect(store.path).toBe(file());
    expect(onDisk()).toMatchObject({ schemaVersion: SCHEMA_VERSION, settings: DEFAULT_SETTINGS, accounts: [] });
  });

  it('keeps changes across a restart', () => {
    const first = open();
    first.update((s) => ({
      ...s,
      settings: { ...s.settings, refreshIntervalMinutes: 15, launchAtLogin: true },
      accounts: [account],
      activeAccountId: account.id,
      heldTokens: { [account.id]: ['auth-1'] },
    }));
    // As the app does on quit (core.stop()).
    first.flush();
    const again = open();
    expect(again.read().settings.refreshIntervalMinutes).toBe(15);
    expect(again.read().settings.launchAtLogin).toBe(true);
    expect(again.read().accounts).toEqual([account]);
    expect(again.read().heldTokens).toEqual({ [account.id]: ['auth-1'] });
    expect(again.recoveryNotice()).toBeNull();
  });

  it('hands out a frozen state: mutating what read() returned throws and changes nothing', () => {
    const store = open();
    expect(() => store.read().settings.thresholdsSeconds.push(5)).toThrow(TypeError);
    expect(store.read().settings.thresholdsSeconds).toEqual(DEFAULT_SETTINGS.thresholdsSeconds);
  });

  it('refuses an invalid change without throwing, keeping the previous value on disk', () => {
    const logger = new RecordingLogger();
    const store = new ConfSettingsStore({ cwd: dir, logger });
    const after = store.update((s) => ({ ...s, settings: { ...s.settings, clipboardClearSeconds: -1 }, lastCheckAt: 42 }));
    expect(after.settings.clipboardClearSeconds).toBe(DEFAULT_SETTINGS.clipboardClearSeconds);
    expect(after.lastCheckAt).toBe(42);
    store.flush();
    expect(onDisk().lastCheckAt).toBe(42);
    expect((onDisk().settings as Record<string, unknown>).clipboardClearSeconds).toBe(DEFAULT_SETTINGS.clipboardClearSeconds);
    expect(logger.lines.join('\n')).toMatch(/refused invalid settings change/);
  });

  it('an update checks and copies the parts it changed; the parts it kept are the very same objects', () => {
    const store = open();
    store.update((s) => ({ ...s, seenAuthorizations: { [account.id]: ['auth-1', 'auth-2'] }, accounts: [account] }));
    const before = store.read();
    store.update((s) => ({ ...s, lastCheckAt: 42 }));
    const after = store.read();
    expect(after.seenAuthorizations).toBe(before.seenAuthorizations);
    expect(after.accounts).toBe(before.accounts);
    expect(after.lastCheckAt).toBe(42);
    store.flush();
    expect(onDisk().seenAuthorizations).toEqual({ [account.id]: ['auth-1', 'auth-2'] });
    expect(Object.isFrozen(after.seenAuthorizations[account.id])).toBe(true);
  });

  it('invalidParts checks each frozen notified record once: a list with one record added checks that one, and a bad one is still refused', () => {
    // Each record counts how often its fields are read (a getter on a frozen object still runs).
    let reads = 0;
    const record = (i: number) =>
      Object.freeze(
        Object.defineProperty({ thresholdSeconds: 3600, expiresAt: '2026-12-02T12:00:00.000Z' }, 'authorizationId', {
          enumerable: true,
          get: () => (reads++, `auth-${i}`),
        }),
      ) as NotifiedRecord;
    const records = Array.from({ length: 500 }, (_, i) => record(i));
    const base = defaultState();
    expect(invalidParts({ ...base, notified: [...records] })).toEqual([]);
    expect(reads).toBe(500);
    reads = 0;
    expect(invalidParts({ ...base, notified: [...records, record(500)] })).toEqual([]);
    expect(reads).toBe(1);
    const bad = Object.freeze({ authorizationId: '', thresholdSeconds: -1, expiresAt: 'x' });
    expect(invalidParts({ ...base, notified: [...records, bad] })).toEqual(['notified']);
    // A record that is not frozen could change after its check: it is checked every time.
    let openReads = 0;
    const open = Object.defineProperty({ thresholdSeconds: 60, expiresAt: 'x' }, 'authorizationId', { enumerable: true, get: () => (openReads++, 'auth-open') }) as NotifiedRecord;
    invalidParts({ ...base, notified: [open] });
    invalidParts({ ...base, notified: [open] });
    expect(openReads).toBe(2);
  });

  it('invalidParts skips a part that is the very object of a checked state, and still checks every other part', () => {
    const checked = defaultState();
    // Not valid, but the same object as in the checked state: not walked (it was checked when written).
    const bogus = { ...checked, notified: [{ nonsense: true }] } as unknown as typeof checked;
    expect(invalidParts(bogus)).toEqual(['notified']);
    expect(invalidParts(bogus, bogus)).toEqual([]);
    expect(invalidParts({ ...bogus, lastCheckAt: 'soon' } as unknown as typeof checked, bogus)).toEqual(['lastCheckAt']);
  });

  it('fills sections missing from an older but valid file with defaults, silently', () => {
    write(JSON.stringify({ schemaVersion: SCHEMA_VERSION, settings: { refreshIntervalMinutes: 10 } }));
    const store = open();
    expect(store.read().settings).toEqual({ ...DEFAULT_SETTINGS, refreshIntervalMinutes: 10 });
    expect(store.read().accounts).toEqual([]);
    expect(store.recoveryNotice()).toBeNull();
    expect(asideFiles()).toEqual([]);
  });
});

describe('ConfSettingsStore: migrations', () => {
  it('migrates a v0 file (thresholds in hours) to seconds and records the new version', () => {
    write(JSON.stringify({ settings: { notifyThresholdsHours: [168, 24, 1, 0.5], refreshIntervalMinutes: 7 }, accounts: [account] }));
    const store = open();
    expect(store.read().settings.thresholdsSeconds).toEqual([168 * 3600, 24 * 3600, 3600, 1800]);
    expect(store.read().settings.refreshIntervalMinutes).toBe(7);
    expect(store.read().accounts).toEqual([account]);
    expect(store.recoveryNotice()).toBeNull();
    const disk = onDisk();
    expect(disk.schemaVersion).toBe(SCHEMA_VERSION);
    expect(disk.settings).not.toHaveProperty('notifyThresholdsHours');
    expect(asideFiles()).toEqual([]);
  });

  it('migrate() leaves a current file alone and refuses one from a newer app', () => {
    const current = { schemaVersion: SCHEMA_VERSION, settings: { thresholdsSeconds: [60] } };
    expect(migrate(current)).toEqual({ ok: true, data: current, from: SCHEMA_VERSION });
    expect(migrate({ schemaVersion: SCHEMA_VERSION + 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/newer version/) });
    expect(migrate({ schemaVersion: 'one' })).toMatchObject({ ok: false });
    expect(migrate([])).toMatchObject({ ok: false });
  });

  it('a v0 file whose hours are not numbers is migrated, then recovered (not crashed on)', () => {
    write(JSON.stringify({ settings: { notifyThresholdsHours: ['soon'] } }));
    const store = open();
    expect(store.read().settings.thresholdsSeconds).toEqual(DEFAULT_SETTINGS.thresholdsSeconds);
    expect(store.recoveryNotice()).toMatch(/thresholdsSeconds/);
  });
});

describe('ConfSettingsStore: recovery from a corrupt file', () => {
  it('moves a file that is not JSON aside, loads defaults, and tells the user', () => {
    const broken = '{"settings": {"refreshIntervalMinutes": 5,,,';
    write(broken);
    const store = open();
    expect(store.read()).toEqual(defaultState());
    const aside = asideFiles();
    expect(aside).toEqual(['config.json.corrupt-2026-11-27T12-34-56-789Z']);
    expect(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe(broken);
    expect(store.recoveryNotice()).toMatch(/not valid JSON/);
    expect(store.recoveryNotice()).toContain('config.json.corrupt-2026-11-27T12-34-56-789Z');
    expect(onDisk()).toMatchObject({ schemaVersion: SCHEMA_VERSION, settings: DEFAULT_SETTINGS });
    expect(open().recoveryNotice()).toBeNull(); // the next start is clean
  });

  it.each([
    ['an empty file', '', /empty/],
    ['JSON that is not an object', '[1, 2, 3]', /JSON object/],
    ['JSON null', 'null', /JSON object/],
    ['a file from a newer app', JSON.stringify({ schemaVersion: 99 }), /newer version/],
  ])('moves %s aside and loads defaults', (_name, content, reason) => {
    write(content);
    const store = open();
    expect(store.read()).toEqual(defaultState());
    expect(store.recoveryNotice()).toMatch(reason);
    expect(asideFiles()).toHaveLength(1);
  });

  it('resets only the invalid parts of hand-broken JSON, keeps the rest, and keeps the original aside', () => {
    const original = JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      settings: { refreshIntervalMinutes: 0, clipboardClearSeconds: 45, launchAtLogin: 'yes', colour: 'red' },
      accounts: [account],
      activeAccountId: account.id,
      heldTokens: { [account.id]: 'not-a-list' },
      lastCheckAt: 1234,
    });
    write(original);
    const store = open();
    const s = store.read();
    expect(s.settings).toEqual({ ...DEFAULT_SETTINGS, clipboardClearSeconds: 45 });
    expect(s.accounts).toEqual([account]);
    expect(s.activeAccountId).toBe(account.id);
    expect(s.heldTokens).toEqual({});
    expect(s.lastCheckAt).toBe(1234);
    const notice = store.recoveryNotice() ?? '';
    expect(notice).toMatch(/refreshIntervalMinutes/);
    expect(notice).toMatch(/launchAtLogin/);
    expect(notice).toMatch(/colour/);
    expect(notice).toMatch(/tokens kept in the keychain/);
    expect(fs.readFileSync(path.join(dir, asideFiles()[0] ?? ''), 'utf8')).toBe(original);
  });

  it('never crashes on values of the wrong type anywhere', () => {
    for (const value of [1, 'x', true, null, [], {}, [{}], { a: 1 }]) {
      const data = Object.fromEntries(
        ['settings', 'accounts', 'activeAccountId', 'heldTokens', 'seenAuthorizations', 'notified', 'lastCheckAt'].map((k) => [k, value]),
      );
      expect(() => salvage(data)).not.toThrow();
      write(JSON.stringify(data));
      expect(() => open().read()).not.toThrow();
    }
  });

  it('points the active account back at a real one when it names a missing account', () => {
    expect(salvage({ accounts: [account], activeAccountId: 'gone' }).state.activeAccountId).toBe(account.id);
    expect(salvage({ accounts: [], activeAccountId: 'gone' }).state.activeAccountId).toBeNull();
  });

  it('runs on defaults, in memory, when the file cannot be opened at all', () => {
    fs.mkdirSync(file()); // a folder where the file should be
    const store = open();
    expect(store.read()).toEqual(defaultState());
    expect(store.recoveryNotice()).toMatch(/could not be read/);
    expect(store.update((s) => ({ ...s, lastCheckAt: 5 })).lastCheckAt).toBe(5);
  });
});
