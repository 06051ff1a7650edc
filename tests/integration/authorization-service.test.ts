/**
 * The services end to end over loopback: the real core (handlers, AccountService,
 * AuthorizationService, real HTTP client) against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { MemoryClipboard, RecordingLogger } from '../support/fakes.js';
import type { Channel } from '../../shared/contract.js';

describe('authorization services against the emulator', () => {
  let emu: Emulator;
  let core: Core;
  let secrets: MemorySecretStore;
  let clipboard: MemoryClipboard;
  let store: MemorySettingsStore;
  const logger = new RecordingLogger();
  const call = (channel: Channel, args?: unknown) => dispatch(core.handlers, channel, args, logger) as Promise<{ ok: boolean; value?: any; error?: any }>;

  beforeAll(async () => {
    emu = await startEmulator({});
    secrets = new MemorySecretStore();
    clipboard = new MemoryClipboard();
    store = new MemorySettingsStore();
    core = createCore({
      secrets,
      store,
      clipboard,
      clock: systemClock,
      logger,
      apiOrigin: emu.url,
      version: 'test',
      platform: 'linux',
      importer: envKeyImporter({ HEROKU_API_KEY: emu.apiKey }),
    });
  });
  afterAll(async () => emu?.close());

  it('refuses a bad key without storing anything', async () => {
    const r = await call('accounts:sign-in', { apiKey: 'HRKU-not-a-real-key-000000' });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('unauthorized');
    expect(store.read().accounts).toEqual([]);
    expect(await secrets.get(`account:${emu.account.id}`)).toBeNull();
    expect((await call('authorizations:list')).error.code).toBe('not_signed_in');
  });

  it('imports the key from HEROKU_API_KEY and lists the account’s authorizations', async () => {
    const r = await call('accounts:import', { source: 'env' });
    expect(r.ok).toBe(true);
    expect(r.value.email).toBe(emu.account.email);
    expect(await secrets.get(`account:${emu.account.id}`)).toBe(emu.apiKey);
    const list = await call('authorizations:list');
    expect(list.ok).toBe(true);
    const ids = list.value.items.map((a: { id: string }) => a.id).sort();
    expect(ids).toEqual(emu.account.authorizations.filter((a) => !a.revoked).map((a) => a.id).sort());
    // Soonest first, never-expiring last.
    const times = list.value.items.map((a: { expiresAt: string | null }) => (a.expiresAt ? Date.parse(a.expiresAt) : Infinity));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The renderer never gets a full token.
    expect(JSON.stringify(list.value)).not.toContain(emu.apiKey);
  });

  it('creates a token, keeps it in the keychain, copies it, renames, rotates and revokes it', async () => {
    const created = await call('authorizations:create', { description: 'Deploy bot', scopes: ['write'], expiresIn: 3600 });
    expect(created.ok).toBe(true);
    const { authorization, token, kept } = created.value;
    expect(kept).toBe(true);
    expect(authorization.held).toBe(true);
    expect(authorization.tokenLast4).toBe(token.slice(-4));
    expect(Date.parse(authorization.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBe(token);

    const copied = await call('tokens:copy', { id: authorization.id });
    expect(copied.ok).toBe(true);
    expect(clipboard.text).toBe(token);
    expect(JSON.stringify(copied)).not.toContain(token);

    const renamed = await call('authorizations:rename', { id: authorization.id, description: 'Deploy bot (prod)' });
    expect(renamed.value.description).toBe('Deploy bot (prod)');

    const rotated = await call('authorizations:rotate', { id: authorization.id });
    expect(rotated.ok).toBe(true);
    expect(rotated.value.token).not.toBe(token);
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBe(rotated.value.token);
    const old = await fetch(`${emu.url}/account`, {
      headers: { Accept: 'application/vnd.heroku+json; version=3', Authorization: `Bearer ${token}` },
    });
    expect(old.status).toBe(401);

    const revoked = await call('authorizations:revoke', { id: authorization.id });
    expect(revoked.ok).toBe(true);
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBeNull();
    expect(store.read().heldTokens[emu.account.id]).not.toContain(authorization.id);
    const after = await call('authorizations:list');
    expect(after.value.items.some((a: { id: string }) => a.id === authorization.id)).toBe(false);
    expect((await call('tokens:copy', { id: authorization.id })).error.code).toBe('token_not_held');
  });

  it('explains how to get a token the app does not hold', async () => {
    const list = await call('authorizations:list');
    const foreign = list.value.items.find((a: { held: boolean }) => !a.held);
    const r = await call('tokens:reveal', { id: foreign.id });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('token_not_held');
    expect(r.error.message).toMatch(/Rotate/);
  });

  it('emits authorizations:changed to subscribed transports', async () => {
    const seen: string[] = [];
    const off = core.bus.subscribe((name) => seen.push(name));
    await call('authorizations:refresh');
    off();
    expect(seen).toContain('authorizations:changed');
  });

  it('removes an account with its keychain entries', async () => {
    const r = await call('accounts:remove', { accountId: emu.account.id });
    expect(r.ok).toBe(true);
    expect(await secrets.get(`account:${emu.account.id}`)).toBeNull();
    expect((await call('accounts:list')).value).toEqual([]);
  });
});
