/**
 * The CLI's stores cannot be read (EACCES, a file where a folder should be): locating the CLI
 * login never rejects (no unhandled rejection from the list-changed hook), and the status says
 * the login could not be read instead of failing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import type { CliLoginStore } from '../../main/ports.js';
import { ok, type Result } from '../../shared/result.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

const eacces = () => Object.assign(new Error("EACCES: permission denied, open '/home/u/.netrc'"), { code: 'EACCES' });

/** A store whose reads throw, as fs does on EACCES. */
const throwingStore: CliLoginStore = {
  location: async () => ({ store: 'netrc', label: '~/.netrc', envOverride: false }),
  current: async () => {
    throw eacces();
  },
  snapshot: async () => ok('{}'),
  install: async () => ok({ store: 'netrc' as const }),
  restore: async () => ok(undefined),
};

describe('the CLI login cannot be read', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
  });
  afterAll(async () => emu?.close());

  it('a store that throws: locate() resolves with an error, status says "could not be read"', async () => {
    const core = createTestCore(emu.url, { cliLogin: throwingStore });
    must(await core.accounts.signIn(emu.apiKey));
    must(await core.handlers['authorizations:refresh'](undefined)); // fires locate() in the background
    await expect(core.cli.cliLogin.locate()).resolves.toMatchObject({ ok: false, error: { code: 'cli_login_unavailable' } });
    const s = must(await core.handlers['cli-login:status'](undefined));
    expect(s).toMatchObject({ state: 'unknown', message: expect.stringContaining('EACCES') });
    await core.stop();
  });

  it("the real store, the CLI's data folder is a file: status is 'unknown', nothing rejects", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-read-'));
    const dataDir = path.join(home, 'data');
    fs.writeFileSync(dataDir, 'not a folder');
    const keychain = { reader: { label: 'test', read: async () => ok(null) }, writer: { write: async () => ok(undefined), remove: async () => ok(undefined) } };
    const core = createTestCore(emu.url, {
      cliLogin: herokuCliLoginStore({ env: { HEROKU_DATA_DIR: dataDir }, homeDir: home, platform: 'linux', keychain, ...cliHostsFor(emu.url) }),
    });
    must(await core.accounts.signIn(emu.apiKey));
    must(await core.handlers['authorizations:refresh'](undefined));
    await expect(core.cli.cliLogin.locate()).resolves.toBeDefined();
    expect(must(await core.handlers['cli-login:status'](undefined))).toMatchObject({ state: 'unknown', message: expect.stringContaining('ENOTDIR') });
    await core.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });
});
