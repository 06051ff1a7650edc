/**
 * Import from the Heroku CLI's own keychain entry, written with `secret-tool store` exactly as the
 * CLI's LinuxHandler writes it (attribute `account`, label "Heroku CLI"), found through the email
 * in the CLI's login.json. The real CLI reads the same entry back (proof the format is the CLI's),
 * @napi-rs/keyring cannot (why secret-tool is used), and the CLI's entry and files stay untouched.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, ImportCandidate } from '../../shared/contract.js';
import { HEROKU_BIN as HEROKU, herokuCliEnv } from '../support/heroku-cli.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { must, startHarness, type Harness } from './support/harness.js';
import {
  appEntries,
  clearHerokuCliEntry,
  hasSecretService,
  isPrivateSession,
  lockKeyring,
  removeEntriesOf,
  secretToolSearch,
  SKIP_REASON,
  storeLikeHerokuCli,
  unlockKeyring,
} from './support/secret-service.js';

const available = await hasSecretService();
if (!available) console.log(`Keychain import tests: ${SKIP_REASON}`);

const EMAIL = 'empty@example.com';

describe.skipIf(!available)(`import from the Heroku CLI keychain entry (${SKIP_REASON} when absent)`, () => {
  let emu: Emulator;
  let h: Harness;
  let home: string;
  let dataDir: string;
  let loginJson: string;

  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
    const probe = startHarness({ apiOrigin: emu.url });
    home = path.join(probe.dataDir, 'home');
    dataDir = path.join(home, '.local', 'share', 'heroku');
    fs.mkdirSync(dataDir, { recursive: true });
    loginJson = `${JSON.stringify({ account: EMAIL })}\n`;
    fs.writeFileSync(path.join(dataDir, 'login.json'), loginJson, { mode: 0o600 });
    await storeLikeHerokuCli(EMAIL, emu.apiKey);
    h = startHarness({ apiOrigin: emu.url, dataDir: probe.dataDir, env: { HOME: home } });
  });
  afterAll(async () => {
    await clearHerokuCliEntry(EMAIL);
    if (emu) await removeEntriesOf([emu.account.id]);
    await emu?.close();
    if (h) fs.rmSync(h.dataDir, { recursive: true, force: true });
  });

  it('the entry is the one the real Heroku CLI reads: `heroku auth:whoami` finds it', async () => {
    const { stdout } = await promisify(execFile)(HEROKU, ['auth:whoami'], {
      cwd: home,
      timeout: 60_000,
      env: herokuCliEnv(emu.url, home),
    });
    expect(stdout.trim()).toBe(EMAIL);
  });

  it('@napi-rs/keyring cannot see it (it matches `username`, the CLI wrote `account`)', async () => {
    const entry = new AsyncEntry('heroku-cli', EMAIL, { linux: { store: 'secret-service' } });
    expect(await entry.getPassword()).toBeNull();
  });

  it('offers the source, named, with the login from login.json and without the key', async () => {
    const list = must(await h.call<ImportCandidate[]>('accounts:import-candidates'));
    const cli = list.find((c) => c.source === 'heroku-cli-keychain');
    expect(cli).toEqual({
      source: 'heroku-cli-keychain',
      label: 'Heroku CLI login in the system keyring (Secret Service)',
      login: EMAIL,
      available: true,
      reason: null,
    });
    expect(JSON.stringify(list)).not.toContain(emu.apiKey);
  });

  it('imports: the key is copied into our own entry; the CLI entry and login.json are untouched', async () => {
    const account = must(await h.call<AccountView>('accounts:import', { source: 'heroku-cli-keychain' }));
    expect(account).toMatchObject({ email: EMAIL, source: 'heroku-cli-keychain', active: true });
    expect((await appEntries()).get(`account:${account.id}`)).toBe(emu.apiKey);
    const cli = await secretToolSearch({ service: 'heroku-cli' });
    expect(cli).toEqual([{ label: 'Heroku CLI', secret: emu.apiKey, attributes: { service: 'heroku-cli', account: EMAIL } }]);
    expect(fs.readFileSync(path.join(dataDir, 'login.json'), 'utf8')).toBe(loginJson);
    expect(fs.readdirSync(dataDir)).toEqual(['login.json']);
  });

  it('a login.json naming an account without an entry gives a clear not_found', async () => {
    fs.writeFileSync(path.join(dataDir, 'login.json'), JSON.stringify({ account: 'nobody@example.com' }));
    const r = await h.call('accounts:import', { source: 'heroku-cli-keychain' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('nobody@example.com') } });
    fs.writeFileSync(path.join(dataDir, 'login.json'), loginJson);
  });

  it.skipIf(!isPrivateSession())('a locked keyring gives keychain_locked, not "no entry"', async () => {
    await lockKeyring();
    try {
      const r = await h.call('accounts:import', { source: 'heroku-cli-keychain' });
      expect(r).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    } finally {
      await unlockKeyring();
    }
    expect(must(await h.call<AccountView>('accounts:import', { source: 'heroku-cli-keychain' })).email).toBe(EMAIL);
  });
});
