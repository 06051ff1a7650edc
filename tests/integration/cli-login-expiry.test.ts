/**
 * On simulated time, the real services against the emulator (its clock in step):
 * - the Heroku CLI's login gets "heroku commands stop working in 1 day" with Renew at the 1-day
 *   threshold; Renew puts the CLI on a new token, and the old one is revoked once confirmed;
 * - a lease whose end passed while the app was closed is revoked at the next start (one DELETE),
 *   and one that ends while the computer sleeps is revoked on wake; nothing else is revoked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import type { Core } from '../../main/core.js';
import type { Result } from '../../shared/result.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { flush, SimClock } from '../support/sim-clock.js';
import { createTestCore } from '../support/test-core.js';
import { RecordingNotifier } from '../support/expiry-harness.js';

const START = Date.parse('2026-11-27T12:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('the CLI login and leases on simulated time', () => {
  let emu: Emulator;
  let clock: SimClock;
  let home: string;
  const cores: Core[] = [];
  const secrets = new MemorySecretStore();
  const store = new MemorySettingsStore();
  const notifier = new RecordingNotifier();
  const netrc = () => fs.readFileSync(path.join(home, '.netrc'), 'utf8');
  const deletes = () => emu.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop());

  const startCore = () => {
    const core = createTestCore(emu.url, {
      clock,
      secrets,
      store,
      notifier,
      cliLogin: herokuCliLoginStore({ env: { HEROKU_NETRC_WRITE: 'true' }, homeDir: home, platform: 'linux', keychain: null, ...cliHostsFor(emu.url) }),
    });
    cores.push(core);
    core.start();
    return core;
  };
  const settle = async (core: Core) => {
    await flush();
    await core.scheduler.idle();
    await flush();
  };

  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockStart: START });
    clock = new SimClock(START);
    clock.onWallChange = (wall) => emu.clock.set(wall);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-expiry-'));
  });
  afterAll(async () => {
    for (const c of cores) await c.stop();
    await emu?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('warns "heroku commands stop working in 1 day" with Renew; Renew moves the CLI to a new token, the old one revoked', async () => {
    const core = startCore();
    must(await core.accounts.signIn(emu.apiKey));
    await settle(core);
    const given = must(await core.handlers['cli-login:use']({ expiresIn: 3 * DAY / 1000 }));
    const oldId = given.authorizationId!;
    const oldToken = emu.account.authorizations.find((a) => a.id === oldId)!.token;
    expect(netrc()).toContain(oldToken);
    await clock.advanceAsync(2 * DAY - 5 * MIN, () => settle(core));
    const forCli = () => notifier.shown.filter((n) => n.key.startsWith('cli-login:'));
    expect(forCli()).toEqual([]);
    await clock.advanceAsync(6 * MIN, () => settle(core));
    expect(forCli()).toEqual([
      expect.objectContaining({
        key: `cli-login:${oldId}:86400`,
        title: 'heroku commands stop working in 1 day',
        actions: [{ id: 'renew', label: 'Renew' }],
        target: { accountId: given.accountId, authorizationId: oldId },
      }),
    ]);
    const renewed = must(await core.handlers['cli-login:renew'](undefined));
    const fresh = emu.account.authorizations.at(-1)!;
    expect(renewed.status.authorizationId).toBe(fresh.id);
    expect(netrc()).toContain(fresh.token);
    expect(netrc()).not.toContain(oldToken);
    expect(renewed.previous).toEqual({ accountId: given.accountId, id: oldId });
    must(await core.handlers['authorizations:revoke']({ id: oldId, accountId: given.accountId! }));
    expect(emu.account.authorizations.find((a) => a.id === oldId)?.revoked).toBe(true);
    expect(fresh.revoked).toBe(false);
  });

  it('a lease that ended while the app was closed is revoked at the next start; one that ends during sleep, on wake', async () => {
    let core = cores.at(-1)!;
    const a = must(await core.handlers['leases:create']({ scopes: ['read'], lifetimeSeconds: 300 }));
    const b = must(await core.handlers['leases:create']({ scopes: ['write'], lifetimeSeconds: 3600 }));
    const others = emu.liveAuthorizations().filter((x) => x.id !== a.authorization.id && x.id !== b.authorization.id);
    const before = deletes().length;
    // The app quits; ten minutes pass; it starts again on the same settings and keychain.
    await core.stop();
    clock.cancelAll();
    clock.jump(10 * MIN);
    core = startCore();
    await settle(core);
    await flush();
    await vi.waitFor(() => expect(deletes().slice(before)).toEqual([a.authorization.id]), { timeout: 5000 });
    expect(must(await core.handlers['leases:list'](undefined)).map((l) => l.id)).toEqual([b.authorization.id]);
    // The computer sleeps past the second lease's end; on wake (the capped timer) it is revoked.
    clock.sleep(2 * 60 * MIN);
    await clock.advanceAsync(61_000, () => settle(core));
    // After a restart each lease is read (GET) before its DELETE: two round trips to wait for.
    await vi.waitFor(() => expect(deletes().slice(before)).toEqual([a.authorization.id, b.authorization.id]), { timeout: 5000 });
    expect(must(await core.handlers['leases:list'](undefined))).toEqual([]);
    expect(others.every((x) => !x.revoked)).toBe(true);
  });
});
