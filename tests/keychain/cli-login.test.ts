/**
 * "Give the CLI a long-lived token" on the keychain path, with the REAL Heroku CLI and the real
 * Secret Service: the app writes the CLI's entry (service heroku-cli, account = email, label
 * "Heroku CLI") and login.json exactly as `heroku login` does; `heroku auth:whoami` / `auth:token`
 * use the new token; `secret-tool` reads it back; Restore puts the old entry and login.json back
 * byte for byte; the previous login sat only in the app's own keychain entry meanwhile.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import type { CliLoginView } from '../../shared/domain/cli-login.js';
import { HEROKU_BIN, herokuCliEnv } from '../support/heroku-cli.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { must, startHarness, type Harness } from './support/harness.js';
import { appEntries, clearHerokuCliEntry, hasSecretService, removeEntriesOf, secretToolSearch, SKIP_REASON, storeLikeHerokuCli } from './support/secret-service.js';

const available = await hasSecretService();
if (!available) console.log(`Keychain CLI login tests: ${SKIP_REASON}`);
const run = promisify(execFile);

describe.skipIf(!available)(`the Heroku CLI login in the keychain (${SKIP_REASON} when absent)`, () => {
  let emu: Emulator;
  let h: Harness;
  let home: string;
  let dataDir: string;
  let loginJson: string;
  let oldToken: string;
  const heroku = async (...args: string[]) => (await run(HEROKU_BIN, args, { env: herokuCliEnv(emu.url, home), cwd: home, timeout: 120_000 })).stdout.trim();

  beforeAll(async () => {
    emu = await startEmulator({});
    const probe = startHarness({ apiOrigin: emu.url });
    home = path.join(probe.dataDir, 'home');
    dataDir = path.join(home, '.local', 'share', 'heroku');
    fs.mkdirSync(dataDir, { recursive: true });
    // The CLI's own login, as `heroku login` leaves it: the session token in its entry, login.json.
    oldToken = emu.account.authorizations.find((a) => a.description.startsWith('Heroku CLI login from'))!.token;
    loginJson = `${JSON.stringify({ account: emu.account.email })}\n`;
    fs.writeFileSync(path.join(dataDir, 'login.json'), loginJson, { mode: 0o600 });
    await storeLikeHerokuCli(emu.account.email, oldToken);
    const env = { HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share') };
    h = startHarness({ apiOrigin: emu.url, dataDir: probe.dataDir, cliLogin: herokuCliLoginStore({ env, homeDir: home, ...cliHostsFor(emu.url) }) });
    must(await h.call('accounts:sign-in', { apiKey: emu.apiKey }));
    must(await h.call('authorizations:refresh'));
  });
  afterAll(async () => {
    await clearHerokuCliEntry(emu?.account.email ?? '');
    await h?.core.stop();
    if (emu) await removeEntriesOf([emu.account.id]);
    await run('secret-tool', ['clear', 'service', 'heroku-token-tray', 'username', 'cli-login:previous']).catch(() => undefined);
    await emu?.close();
    if (h) fs.rmSync(h.dataDir, { recursive: true, force: true });
  });

  it('shows the CLI login from the keychain entry', async () => {
    expect(await heroku('auth:token')).toBe(oldToken);
    const s = must(await h.call<CliLoginView>('cli-login:status'));
    expect(s).toMatchObject({ store: 'keychain', source: 'keychain', login: emu.account.email, state: 'ok', canRestore: false });
  }, 180_000);

  it('gives the CLI a long-lived token through its keychain entry; heroku and secret-tool read it back', async () => {
    const before = await secretToolSearch({ service: 'heroku-cli' });
    const s = must(await h.call<CliLoginView>('cli-login:use', {}));
    const created = emu.account.authorizations.at(-1)!;
    expect(created.description).toBe('Heroku CLI on keychain-test (global, 1 year)');
    expect(s).toMatchObject({ store: 'keychain', authorizationId: created.id, match: 'held', canRestore: true });
    expect(await secretToolSearch({ service: 'heroku-cli' })).toEqual([{ ...before[0], secret: created.token }]);
    const { stdout } = await run('secret-tool', ['lookup', 'service', 'heroku-cli', 'account', emu.account.email]);
    expect(stdout.trim()).toBe(created.token);
    expect(await heroku('auth:whoami')).toBe(emu.account.email);
    expect(await heroku('auth:token')).toBe(created.token);
    expect(fs.existsSync(path.join(home, '.netrc'))).toBe(false);
    // The previous login is kept in the app's own entry only, never in a file.
    expect((await appEntries()).get('cli-login:previous')).toContain(oldToken);
    h.store.flush();
    for (const f of fs.readdirSync(h.dataDir, { recursive: true }) as string[]) {
      const file = path.join(h.dataDir, f);
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file, 'utf8')).not.toContain(oldToken);
    }
  }, 240_000);

  it('Restore previous CLI login puts the old entry and login.json back byte for byte', async () => {
    must(await h.call('cli-login:restore'));
    expect(await secretToolSearch({ service: 'heroku-cli' })).toEqual([
      { label: 'Heroku CLI', secret: oldToken, attributes: { service: 'heroku-cli', account: emu.account.email } },
    ]);
    expect(fs.readFileSync(path.join(dataDir, 'login.json'), 'utf8')).toBe(loginJson);
    expect(await heroku('auth:token')).toBe(oldToken);
    expect((await appEntries()).has('cli-login:previous')).toBe(false);
  }, 180_000);
});
