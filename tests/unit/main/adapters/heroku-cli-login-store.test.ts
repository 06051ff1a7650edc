/** The CLI login store on real files in a temp HOME; the keychain here is an in-memory stand-in (the real one: tests/keychain/cli-login.test.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { herokuCliLoginStore } from '../../../../main/adapters/heroku-cli-login-store.js';
import { ok } from '../../../../shared/result.js';

const NETRC = 'machine github.com\n  login me\n  password ghp_x\n# keep me\nmachine api.heroku.com\n  login old@example.com\n  password HRKU-old\nmachine git.heroku.com\n  login old@example.com\n  password HRKU-old\n';

function memoryKeychain() {
  const entries = new Map<string, string>();
  return {
    entries,
    reader: { label: 'Heroku CLI login in the test keyring', read: async (a: string) => ok(entries.get(a) ?? null) },
    writer: {
      write: async (a: string, t: string) => (entries.set(a, t), ok(undefined)),
      remove: async (a: string) => (entries.delete(a), ok(undefined)),
    },
  };
}

describe('Heroku CLI login store', () => {
  let home: string;
  const netrc = () => path.join(home, '.netrc');
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-login-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('netrc: installs on both machines, keeps the rest and the mode, restores byte for byte', async () => {
    fs.writeFileSync(netrc(), NETRC, { mode: 0o640 });
    fs.chmodSync(netrc(), 0o640);
    const store = herokuCliLoginStore({ env: {}, homeDir: home, platform: 'linux', keychain: null });
    expect(await store.location()).toMatchObject({ store: 'netrc', envOverride: false });
    const snap = await store.snapshot('new@example.com');
    expect(snap.ok).toBe(true);
    expect(await store.install('new@example.com', 'HRKU-new')).toEqual(ok({ store: 'netrc' }));
    const text = fs.readFileSync(netrc(), 'utf8');
    expect(text).toBe(NETRC.replaceAll('old@example.com', 'new@example.com').replaceAll('HRKU-old', 'HRKU-new'));
    expect(fs.statSync(netrc()).mode & 0o777).toBe(0o640);
    expect(await store.current()).toEqual(ok({ source: 'netrc', login: 'new@example.com', key: 'HRKU-new' }));
    expect(await store.restore(snap.ok ? snap.value : '')).toEqual(ok(undefined));
    expect(fs.readFileSync(netrc(), 'utf8')).toBe(NETRC);
    expect(fs.readdirSync(home)).toEqual(['.netrc']); // no temp file left behind
  });

  it('netrc: a file that did not exist is created 0600 and removed again on restore', async () => {
    const store = herokuCliLoginStore({ env: {}, homeDir: home, platform: 'linux', keychain: null });
    const snap = await store.snapshot('a@example.com');
    await store.install('a@example.com', 'HRKU-a');
    expect(fs.statSync(netrc()).mode & 0o777).toBe(0o600);
    await store.restore(snap.ok ? snap.value : '');
    expect(fs.existsSync(netrc())).toBe(false);
  });

  it('keychain: writes the entry and login.json like the CLI, restore puts both back', async () => {
    const kc = memoryKeychain();
    const data = path.join(home, '.local', 'share', 'heroku');
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(path.join(data, 'login.json'), '{"account":"old@example.com"}\n');
    kc.entries.set('old@example.com', 'HRKU-old');
    const store = herokuCliLoginStore({ env: { HOME: home }, homeDir: home, platform: 'linux', keychain: kc });
    expect((await store.location()).store).toBe('keychain');
    expect(await store.current()).toEqual(ok({ source: 'keychain', login: 'old@example.com', key: 'HRKU-old' }));
    const snap = await store.snapshot('new@example.com');
    expect(await store.install('new@example.com', 'HRKU-new')).toEqual(ok({ store: 'keychain' }));
    expect(fs.readFileSync(path.join(data, 'login.json'), 'utf8')).toBe('{"account":"new@example.com"}\n');
    expect(fs.existsSync(netrc())).toBe(false);
    expect(await store.current()).toEqual(ok({ source: 'keychain', login: 'new@example.com', key: 'HRKU-new' }));
    await store.restore(snap.ok ? snap.value : '');
    expect([...kc.entries]).toEqual([['old@example.com', 'HRKU-old']]);
    expect(fs.readFileSync(path.join(data, 'login.json'), 'utf8')).toBe('{"account":"old@example.com"}\n');
  });

  it('HEROKU_NETRC_WRITE=true selects netrc, as for the CLI; HEROKU_API_KEY overrides and says so', async () => {
    const store = herokuCliLoginStore({ env: { HEROKU_NETRC_WRITE: 'true', HEROKU_API_KEY: 'HRKU-env' }, homeDir: home, platform: 'linux', keychain: memoryKeychain() });
    expect(await store.location()).toMatchObject({ store: 'netrc', envOverride: true });
    expect(await store.current()).toEqual(ok({ source: 'env', login: null, key: 'HRKU-env' }));
  });

  it('refuses an encrypted netrc and a garbled snapshot, changing nothing', async () => {
    fs.writeFileSync(`${netrc()}.gpg`, 'x');
    const store = herokuCliLoginStore({ env: {}, homeDir: home, platform: 'linux', keychain: null });
    expect(await store.snapshot('a@b.c')).toMatchObject({ ok: false, error: { code: 'cli_login_unavailable' } });
    expect(await store.restore('{"v":2}')).toMatchObject({ ok: false, error: { code: 'cli_login_unavailable' } });
    expect(await store.install('a@b.c', 'bad token')).toMatchObject({ ok: false });
    expect(fs.readdirSync(home)).toEqual(['.netrc.gpg']);
  });
});
