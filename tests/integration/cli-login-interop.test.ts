/**
 * "Give the CLI a long-lived token", Renew and Restore through the app's real handlers, checked
 * with the REAL Heroku CLI against the emulator, on the netrc path (HEROKU_NETRC_WRITE=true, so
 * the CLI and the app both use ~/.netrc; the keychain path: tests/keychain/cli-login.test.ts).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import type { Core } from '../../main/core.js';
import type { CliLoginView } from '../../shared/domain/cli-login.js';
import type { Result } from '../../shared/result.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { HEROKU_BIN, herokuCliEnv } from '../support/heroku-cli.js';
import { createTestCore } from '../support/test-core.js';

const run = promisify(execFile);
const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('the Heroku CLI login, netrc path, with the real CLI', () => {
  let emu: Emulator;
  let home: string;
  let core: Core;
  let original: string;
  let host: string;
  const netrc = () => path.join(home, '.netrc');
  const heroku = async (...args: string[]) =>
    (await run(HEROKU_BIN, args, { env: herokuCliEnv(emu.url, home, { HEROKU_NETRC_WRITE: 'true' }), cwd: home, timeout: 120_000 })).stdout.trim();

  beforeAll(async () => {
    emu = await startEmulator({});
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-login-netrc-'));
    host = new URL(emu.url).host;
    const cliSession = emu.account.authorizations.find((a) => a.description.startsWith('Heroku CLI login from'))!;
    original = [
      '# work machines',
      'machine github.com',
      '  login octocat',
      '  password ghp_untouched',
      `machine ${host}`,
      `  login ${emu.account.email}`,
      `  password ${cliSession.token}`,
      '',
      'machine example.org login me password other # trailing comment',
      '',
    ].join('\n');
    fs.writeFileSync(netrc(), original);
    fs.chmodSync(netrc(), 0o640);
    core = createTestCore(emu.url, {
      cliLogin: herokuCliLoginStore({ env: { HEROKU_NETRC_WRITE: 'true' }, homeDir: home, platform: 'linux', ...cliHostsFor(emu.url) }),
      hostname: 'build-box',
    });
    must(await core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    must(await core.handlers['authorizations:refresh'](undefined));
  });
  afterAll(async () => {
    await core?.stop();
    await emu?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('shows the CLI login row, matched even when Heroku masks the list', async () => {
    emu.setRedaction(true);
    must(await core.handlers['authorizations:refresh'](undefined));
    const s = must(await core.handlers['cli-login:status'](undefined));
    const session = emu.account.authorizations.find((a) => a.description.startsWith('Heroku CLI login from'))!;
    expect(s).toMatchObject({ store: 'netrc', state: 'ok', source: 'netrc', login: emu.account.email, authorizationId: session.id, match: 'masked', canRestore: false });
    expect(s.expiresAt).not.toBeNull();
    emu.setRedaction(false);
  });

  it('gives the CLI a long-lived token: heroku auth:whoami and auth:token use it; the rest of ~/.netrc is untouched', async () => {
    const s = must(await core.handlers['cli-login:use']({}));
    const created = emu.account.authorizations.at(-1)!;
    expect(created).toMatchObject({ description: 'Heroku CLI on build-box (global, 1 year)', scope: ['global'], revoked: false });
    expect(Math.round((created.expiresAt! - created.createdAt) / 86_400_000)).toBe(365);
    expect(s).toMatchObject({ state: 'ok', authorizationId: created.id, match: 'held', canRestore: true });
    expect(await heroku('auth:whoami')).toBe(emu.account.email);
    expect(await heroku('auth:token')).toBe(created.token);
    const text = fs.readFileSync(netrc(), 'utf8');
    expect(text).toContain('machine github.com\n  login octocat\n  password ghp_untouched\n');
    expect(text).toContain('machine example.org login me password other # trailing comment\n');
    expect(text).toContain('# work machines\n');
    expect(fs.statSync(netrc()).mode & 0o777).toBe(0o640);
  }, 240_000);

  it('Renew: a new token for the CLI; the old one is offered for revocation and revoked after confirmation', async () => {
    const before = must(await core.handlers['cli-login:status'](undefined));
    const renewed = must(await core.handlers['cli-login:renew'](undefined));
    expect(renewed.previous).toEqual({ accountId: before.accountId, id: before.authorizationId });
    const newest = emu.account.authorizations.at(-1)!;
    expect(renewed.status.authorizationId).toBe(newest.id);
    expect(await heroku('auth:token')).toBe(newest.token);
    must(await core.handlers['authorizations:revoke']({ id: renewed.previous!.id, accountId: renewed.previous!.accountId }));
    expect(emu.account.authorizations.find((a) => a.id === before.authorizationId)?.revoked).toBe(true);
    expect(await heroku('auth:whoami')).toBe(emu.account.email);
  }, 240_000);

  it('Restore previous CLI login brings ~/.netrc back byte for byte, and the CLI on its old token', async () => {
    const s = must(await core.handlers['cli-login:restore'](undefined));
    expect(fs.readFileSync(netrc(), 'utf8')).toBe(original);
    expect(fs.statSync(netrc()).mode & 0o777).toBe(0o640);
    expect(s.canRestore).toBe(false);
    const session = emu.account.authorizations.find((a) => a.description.startsWith('Heroku CLI login from'))!;
    expect(await heroku('auth:token')).toBe(session.token);
    expect(await core.handlers['cli-login:restore'](undefined)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  }, 240_000);

  it('a key the CLI holds that Heroku refuses shows "Heroku CLI login expired" (expired in the list, or refused when asked)', async () => {
    const session = emu.account.authorizations.find((a) => a.description.startsWith('Heroku CLI login from'))!;
    session.expiresAt = emu.clock.now() - 1000;
    must(await core.handlers['authorizations:refresh'](undefined));
    expect(must(await core.handlers['cli-login:status'](undefined))).toMatchObject({ state: 'expired', message: 'Heroku CLI login expired', authorizationId: session.id });
    // Revoked elsewhere: no longer listed, so the app asks Heroku with the CLI's key, and gets 401.
    session.revoked = true;
    must(await core.handlers['authorizations:refresh'](undefined));
    const before = emu.requests.length;
    const s = must(await core.handlers['cli-login:status'](undefined));
    expect(s).toMatchObject({ state: 'expired', message: 'Heroku CLI login expired', source: 'netrc', authorizationId: null });
    expect(emu.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toContain('GET /oauth/authorizations/~ 401');
  });

  it('HEROKU_API_KEY in the environment is reported as overriding file and keychain', async () => {
    const envCore = createTestCore(emu.url, {
      cliLogin: herokuCliLoginStore({ env: { HEROKU_API_KEY: emu.apiKey }, homeDir: home, platform: 'linux', keychain: null, ...cliHostsFor(emu.url) }),
    });
    must(await envCore.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    const s: CliLoginView = must(await envCore.handlers['cli-login:status'](undefined));
    expect(s).toMatchObject({ envOverride: true, source: 'env', state: 'ok' });
    await envCore.stop();
  });
});
