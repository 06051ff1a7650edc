/**
 * Interop: the real Heroku CLI (the `heroku` dev dependency) against the emulator. Each command
 * must succeed and its effect must show in the emulator's state. Fully offline: temp HOME,
 * telemetry, analytics and update checks off, the delinquency side-call pointed at the emulator.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEROKU_BIN as HEROKU, herokuCliEnv } from '../support/heroku-cli.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { raw, type AuthorizationBody } from './support/emu-http.js';

const run = promisify(execFile);

describe('the real Heroku CLI against the emulator', () => {
  let emu: Emulator;
  let home: string;
  let env: NodeJS.ProcessEnv;

  /** Runs `heroku <args>`; rejects (with its stderr) when it exits non-zero. */
  const heroku = async (...args: string[]) => {
    const before = emu.requests.length;
    const { stdout } = await run(HEROKU, args, { env, cwd: home, timeout: 120_000 });
    cliRequests.push(...emu.requests.slice(before));
    return stdout;
  };
  const cliRequests: Emulator['requests'] = [];
  const lastBody = (method: string, pathPrefix: string) =>
    [...emu.requests].reverse().find((r) => r.method === method && r.path.startsWith(pathPrefix) && r.status < 300)?.body;

  beforeAll(async () => {
    emu = await startEmulator({});
    home = mkdtempSync(path.join(os.tmpdir(), 'heroku-cli-home-'));
    env = herokuCliEnv(emu.url, home, { HEROKU_API_KEY: emu.apiKey });
  });
  afterAll(async () => {
    await emu?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('runs authorizations, create, info, update, rotate, revoke, whoami and token', async () => {
    // authorizations --json: every live authorization, as the emulator holds them.
    const listed = JSON.parse(await heroku('authorizations', '--json')) as AuthorizationBody[];
    expect(listed.map((a) => a.id).sort()).toEqual(emu.liveAuthorizations().map((a) => a.id).sort());

    // authorizations:create -d -s -e: the CLI sends expires_in as a string; the emulator takes it.
    const created = JSON.parse(await heroku('authorizations:create', '-d', 'Interop: CI deploy', '-s', 'read,write', '-e', '3600', '--json')) as AuthorizationBody;
    expect(lastBody('POST', '/oauth/authorizations')).toEqual({ description: 'Interop: CI deploy', expires_in: '3600', scope: ['read', 'write'] });
    const held = emu.account.authorizations.find((a) => a.id === created.id)!;
    expect(held).toMatchObject({ description: 'Interop: CI deploy', scope: ['read', 'write'], revoked: false, token: created.access_token!.token });
    expect(Math.round((held.expiresAt! - held.createdAt) / 1000)).toBe(3600);

    // authorizations:info
    const info = JSON.parse(await heroku('authorizations:info', created.id, '--json')) as AuthorizationBody;
    expect(info).toMatchObject({ id: created.id, description: 'Interop: CI deploy', scope: ['read', 'write'] });

    // authorizations:update -d: the CLI's body carries no `client` (see the contract test).
    const updated = await heroku('authorizations:update', created.id, '-d', 'Interop: renamed');
    expect(updated).toContain('Interop: renamed');
    expect(held.description).toBe('Interop: renamed');
    expect(lastBody('PATCH', '/oauth/authorizations/')).toEqual({ description: 'Interop: renamed' });

    // authorizations:rotate: a new token; the old one no longer authenticates.
    const oldToken = held.token;
    const rotated = await heroku('authorizations:rotate', created.id);
    expect(held.token).not.toBe(oldToken);
    expect(held.token).toMatch(/^HRKU-/);
    expect(rotated).toContain(held.token);
    expect((await raw(emu, '/account', { token: oldToken })).status).toBe(401);
    expect((await raw(emu, '/account', { token: held.token })).status).toBe(200);

    // authorizations:revoke
    await heroku('authorizations:revoke', created.id);
    expect(held.revoked).toBe(true);
    expect((await raw(emu, '/account', { token: held.token })).status).toBe(401);

    // auth:whoami and auth:token
    expect((await heroku('auth:whoami')).trim()).toBe(emu.account.email);
    expect((await heroku('auth:token')).trim()).toBe(emu.apiKey);
    const tokenLookup = [...emu.requests].reverse().find((r) => r.path === '/oauth/authorizations' && r.method === 'GET');
    expect(tokenLookup?.status).toBe(200);

    // Nothing the CLI asked for went unanswered or was refused.
    expect(cliRequests.filter((r) => !r.path.startsWith('/__')).length).toBeGreaterThanOrEqual(8);
    const refused = cliRequests.filter((r) => !r.path.startsWith('/__') && (r.status === 0 || r.status >= 400));
    expect(refused).toEqual([]);
  }, 300_000);
});
