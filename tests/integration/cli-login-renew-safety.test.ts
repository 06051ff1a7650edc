/**
 * Renew never offers to revoke a key someone still needs: not the HEROKU_API_KEY the CLI keeps
 * using (the new token only lands in ~/.netrc), and not the app's own sign-in key unless the app
 * has been switched to the new token first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import type { Core } from '../../main/core.js';
import type { Result } from '../../shared/result.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('Renew and the key being replaced', () => {
  let emu: Emulator;
  let home: string;
  let core: Core | undefined;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterEach(async () => {
    await core?.stop();
    core = undefined;
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });
  afterAll(async () => emu?.close());

  const coreWith = (env: Record<string, string>) => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-renew-'));
    return createTestCore(emu.url, {
      cliLogin: herokuCliLoginStore({ env: { HEROKU_NETRC_WRITE: 'true', ...env }, homeDir: home, platform: 'linux', ...cliHostsFor(emu.url) }),
      hostname: 'box',
    });
  };

  it('HEROKU_API_KEY: no revoke is offered, and the reason says the variable overrides the new token', async () => {
    const session = emu.account.authorizations.find((a) => a.description.startsWith('Heroku CLI login from') && !a.revoked)!;
    core = coreWith({ HEROKU_API_KEY: session.token });
    must(await core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    must(await core.handlers['authorizations:refresh'](undefined));
    const before = must(await core.handlers['cli-login:status'](undefined));
    expect(before).toMatchObject({ source: 'env', authorizationId: session.id });
    const renewed = must(await core.handlers['cli-login:renew'](undefined));
    expect(renewed.previous).toBeNull();
    expect(renewed.note).toMatch(/HEROKU_API_KEY.*overrides/);
    expect(session.revoked).toBe(false);
  });

  it("the CLI's key is the app's own sign-in key: the app moves to the new token before the old one is offered", async () => {
    core = coreWith({});
    fs.writeFileSync(path.join(home, '.netrc'), `machine ${new URL(emu.url).host}\n  login ${emu.account.email}\n  password ${emu.apiKey}\n`);
    must(await core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    must(await core.handlers['authorizations:refresh'](undefined));
    const before = must(await core.handlers['cli-login:status'](undefined));
    const own = emu.account.authorizations.find((a) => a.token === emu.apiKey)!;
    expect(before.authorizationId).toBe(own.id);
    const renewed = must(await core.handlers['cli-login:renew'](undefined));
    // Whether or not the old key is offered, revoking what is offered leaves the app signed in.
    if (renewed.previous) must(await core.handlers['authorizations:revoke']({ id: renewed.previous.id, accountId: renewed.previous.accountId }));
    expect(own.revoked).toBe(renewed.previous !== null);
    const after = await core.handlers['authorizations:refresh'](undefined);
    expect(after.ok).toBe(true);
    expect(renewed.note).toMatch(/app now signs in with the new token/);
  });
});
