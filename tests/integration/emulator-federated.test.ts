/**
 * The emulator's SSO (federated) account: GET /account says `federated` and names the identity
 * provider (valid against Heroku's schema), and creating an authorization is refused the way
 * Heroku refuses it: 403 `forbidden`, which the real CLI prints as "Error ID: forbidden".
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { HEROKU_BIN, herokuCliEnv } from '../support/heroku-cli.js';
import { raw } from './support/emu-http.js';
import { herokuSchema } from './support/heroku-schema.js';

const schema = herokuSchema();

describe('federated (SSO) account in the emulator', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'federated' });
  });
  afterAll(async () => emu?.close());

  it('GET /account says federated and names the identity provider', async () => {
    const r = await raw(emu, '/account');
    expect(r.status).toBe(200);
    expect(schema.account(r.json)).toBeNull();
    expect(r.json).toMatchObject({ federated: true, identity_provider: { name: 'acme-sso', owner: { name: 'acme', type: 'team' } } });
  });

  it('the SSO login lasts 8 hours at most', () => {
    const key = emu.account.authorizations[0]!;
    expect(key.lifetimeMs).toBe(8 * 3600_000);
  });

  it('refuses to create an authorization: 403 forbidden, and the real CLI says so', async () => {
    const before = emu.liveAuthorizations().length;
    const r = await raw(emu, '/oauth/authorizations', { method: 'POST', body: { scope: ['global'] } });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ id: 'forbidden', message: 'This account is a federated account. Federated accounts cannot issue OAuth authorizations.' });
    const home = mkdtempSync(path.join(os.tmpdir(), 'heroku-cli-sso-'));
    try {
      const run = promisify(execFile)(HEROKU_BIN, ['authorizations:create'], { env: herokuCliEnv(emu.url, home, { HEROKU_API_KEY: emu.apiKey }), cwd: home, timeout: 120_000 });
      await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/federated account[\s\S]*forbidden/) });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    expect(emu.liveAuthorizations().length).toBe(before);
  }, 180_000);

  it('addAccount({ federated: true }) adds an SSO account beside a normal one', async () => {
    const { apiKey } = emu.addAccount({ federated: true });
    const r = await raw({ url: emu.url, apiKey }, '/account');
    expect(r.json).toMatchObject({ federated: true });
  });
});
