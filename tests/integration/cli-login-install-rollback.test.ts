/**
 * A failed "Use for Heroku CLI" loses nothing: when install() fails halfway (the keychain entry
 * written, then login.json cannot be written), the app puts the previous login back from its
 * snapshot, and forgets that snapshot only when the restore worked. snapshot() refuses (writes
 * nothing) when the entry install would overwrite cannot be read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import type { Core } from '../../main/core.js';
import { err, ok, type Result } from '../../shared/result.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

/**
 * An in-memory CLI keychain. Its first write also breaks the CLI's data folder (a plain file where
 * the folder was), so the login.json write that follows fails; `healOnRestore` mends it on the next write.
 */
function sabotagingKeychain(dataDir: string, healOnRestore: boolean, failRead = false) {
  const entries = new Map<string, string>();
  let writes = 0;
  const aside = `${dataDir}.aside`;
  return {
    entries,
    reader: { label: 'test keychain', read: async (a: string): Promise<Result<string | null>> => (failRead ? err('keychain_unavailable', 'D-Bus said no') : ok(entries.get(a) ?? null)) },
    writer: {
      write: async (a: string, t: string): Promise<Result<void>> => {
        writes += 1;
        if (writes === 1) {
          fs.renameSync(dataDir, aside);
          fs.writeFileSync(dataDir, 'not a folder');
        } else if (writes === 2 && healOnRestore) {
          fs.rmSync(dataDir);
          fs.renameSync(aside, dataDir);
        }
        entries.set(a, t);
        return ok(undefined);
      },
      remove: async (a: string): Promise<Result<void>> => (entries.delete(a), ok(undefined)),
    },
  };
}

describe('a failed "Use for Heroku CLI" keeps the previous login', () => {
  let emu: Emulator;
  let home: string;
  let core: Core | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
  });
  afterEach(async () => {
    await core?.stop();
    core = undefined;
    fs.rmSync(home, { recursive: true, force: true });
  });
  afterAll(async () => emu?.close());

  const setup = async (healOnRestore: boolean, failRead = false) => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-rollback-'));
    const dataDir = path.join(home, 'data');
    fs.mkdirSync(dataDir);
    const loginJson = `${JSON.stringify({ account: emu.account.email })}\n`;
    fs.writeFileSync(path.join(dataDir, 'login.json'), loginJson);
    const keychain = sabotagingKeychain(dataDir, healOnRestore, failRead);
    keychain.entries.set(emu.account.email, 'HRKU-previous-cli-login');
    const secrets = new MemorySecretStore();
    core = createTestCore(emu.url, {
      cliLogin: herokuCliLoginStore({ env: { HEROKU_DATA_DIR: dataDir }, homeDir: home, platform: 'linux', keychain, ...cliHostsFor(emu.url) }),
      secrets,
    });
    must(await core.accounts.signIn(emu.apiKey));
    return { keychain, secrets, dataDir, loginJson };
  };

  it('the restore works: the CLI has its previous token again, and the snapshot is then forgotten', async () => {
    const { keychain, secrets, dataDir, loginJson } = await setup(true);
    const r = await core!.handlers['cli-login:use']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'cli_login_unavailable', message: expect.stringMatching(/login\.json.*previous Heroku CLI login was put back/s) } });
    expect(keychain.entries.get(emu.account.email)).toBe('HRKU-previous-cli-login');
    expect(fs.readFileSync(path.join(dataDir, 'login.json'), 'utf8')).toBe(loginJson);
    expect(await secrets.get('cli-login:previous')).toBeNull();
  });

  it('the restore fails too: the snapshot is kept for "Restore previous CLI login", and the error says so', async () => {
    const { secrets } = await setup(false);
    const r = await core!.handlers['cli-login:use']({});
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Restore previous CLI login/) } });
    expect(await secrets.get('cli-login:previous')).not.toBeNull();
    expect(must(await core!.handlers['cli-login:status'](undefined)).canRestore).toBe(true);
  });

  it('the entry install would overwrite cannot be read: nothing is written and no token is made', async () => {
    const { keychain, secrets, dataDir, loginJson } = await setup(true, true);
    const before = emu.account.authorizations.length;
    const r = await core!.handlers['cli-login:use']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(keychain.entries.get(emu.account.email)).toBe('HRKU-previous-cli-login');
    expect(fs.readFileSync(path.join(dataDir, 'login.json'), 'utf8')).toBe(loginJson);
    expect(emu.account.authorizations.length).toBe(before);
    expect(await secrets.get('cli-login:previous')).toBeNull();
  });
});
