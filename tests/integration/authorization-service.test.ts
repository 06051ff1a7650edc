/**
 * The services end to end over loopback: the real core (handlers, AccountService,
 * AuthorizationService, real HTTP client) against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { createTestCore } from '../support/test-core.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { MemoryClipboard, RecordingLogger } from '../support/fakes.js';
import type { ArgsOf, Channel, ResponseOf } from '../../shared/contract.js';
import type { AppError, Result } from '../../shared/result.js';

describe('authorization services against the emulator', () => {
  let emu: Emulator;
  let core: Core;
  let secrets: MemorySecretStore;
  let clipboard: MemoryClipboard;
  let store: MemorySettingsStore;
  const logger = new RecordingLogger();
  const call = <C extends Channel>(channel: C, args?: ArgsOf<C>) =>
    dispatch(core.handlers, channel, args, logger) as Promise<Result<ResponseOf<C>>>;
  /** The value of a successful Result; fails the test with the error otherwise. */
  const value = async <T,>(p: Promise<Result<T>>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const failure = async <T,>(p: Promise<Result<T>>): Promise<AppError> => {
    const r = await p;
    if (r.ok) throw new Error('expected a failure');
    return r.error;
  };

  beforeAll(async () => {
    emu = await startEmulator({});
    secrets = new MemorySecretStore();
    clipboard = new MemoryClipboard();
    store = new MemorySettingsStore();
    core = createTestCore(emu.url, { secrets, store, clipboard, logger, importer: envKeyImporter({ HEROKU_API_KEY: emu.apiKey }) });
  });
  afterAll(async () => emu?.close());

  it('refuses a bad key without storing anything', async () => {
    const e = await failure(call('accounts:sign-in', { apiKey: 'HRKU-not-a-real-key-000000' }));
    expect(e.code).toBe('unauthorized');
    expect(store.read().accounts).toEqual([]);
    expect(await secrets.get(`account:${emu.account.id}`)).toBeNull();
    expect((await failure(call('authorizations:list'))).code).toBe('not_signed_in');
  });

  it('imports the key from HEROKU_API_KEY and lists the account’s authorizations', async () => {
    const account = await value(call('accounts:import', { source: 'env' }));
    expect(account.email).toBe(emu.account.email);
    expect(await secrets.get(`account:${emu.account.id}`)).toBe(emu.apiKey);
    const list = await value(call('authorizations:list'));
    const ids = list.items.map((a) => a.id).sort();
    expect(ids).toEqual(emu.account.authorizations.filter((a) => !a.revoked).map((a) => a.id).sort());
    // Soonest first, never-expiring last.
    const times = list.items.map((a) => (a.expiresAt ? Date.parse(a.expiresAt) : Infinity));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The renderer never gets a full token.
    expect(JSON.stringify(list)).not.toContain(emu.apiKey);
    // The key the app signed in with is marked (found through GET /oauth/authorizations/~).
    const signInKey = emu.account.authorizations.find((a) => a.token === emu.apiKey);
    expect(list.items.filter((a) => a.isCurrentKey).map((a) => a.id)).toEqual([signInKey?.id]);
  });

  it('creates a token, keeps it in the keychain, copies it, renames, rotates and revokes it', async () => {
    const created = await value(call('authorizations:create', { description: 'Deploy bot', scopes: ['write'], expiresIn: 3600 }));
    const { authorization, token, kept } = created;
    expect(kept).toBe(true);
    expect(authorization.held).toBe(true);
    expect(authorization.tokenLast4).toBe(token.slice(-4));
    expect(Date.parse(authorization.expiresAt ?? '') - Date.now()).toBeGreaterThan(3500_000);
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBe(token);

    const copied = await value(call('tokens:copy', { id: authorization.id }));
    expect(copied.clearsInSeconds).toBe(30);
    expect(clipboard.text).toBe(token);
    expect(JSON.stringify(copied)).not.toContain(token);

    const renamed = await value(call('authorizations:rename', { id: authorization.id, description: 'Deploy bot (prod)' }));
    expect(renamed.description).toBe('Deploy bot (prod)');

    const rotated = await value(call('authorizations:rotate', { id: authorization.id }));
    expect(rotated.token).not.toBe(token);
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBe(rotated.token);
    const old = await fetch(`${emu.url}/account`, {
      headers: { Accept: 'application/vnd.heroku+json; version=3', Authorization: `Bearer ${token}` },
    });
    expect(old.status).toBe(401);

    expect(await value(call('authorizations:revoke', { id: authorization.id }))).toEqual({ id: authorization.id });
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBeNull();
    expect(store.read().heldTokens[emu.account.id]).not.toContain(authorization.id);
    const after = await value(call('authorizations:list'));
    expect(after.items.some((a) => a.id === authorization.id)).toBe(false);
    expect((await failure(call('tokens:copy', { id: authorization.id }))).code).toBe('token_not_held');
  });

  it('explains how to get a token the app does not hold', async () => {
    const list = await value(call('authorizations:list'));
    const foreign = list.items.find((a) => !a.held);
    const e = await failure(call('tokens:reveal', { id: foreign?.id ?? 'missing' }));
    expect(e.code).toBe('token_not_held');
    expect(e.message).toMatch(/Rotate/);
  });

  it('rotating the key the app signs in with switches the app to the new key', async () => {
    const list = await value(call('authorizations:list'));
    const own = list.items.find((a) => a.isCurrentKey);
    expect(own).toBeDefined();
    const rotated = await value(call('authorizations:rotate', { id: own!.id }));
    expect(await secrets.get(`account:${emu.account.id}`)).toBe(rotated.token);
    // The app still works: it now signs its requests with the new key.
    const after = await value(call('authorizations:refresh'));
    expect(after.items.some((a) => a.id === own!.id)).toBe(true);
    const old = await fetch(`${emu.url}/account`, {
      headers: { Accept: 'application/vnd.heroku+json; version=3', Authorization: `Bearer ${emu.apiKey}` },
    });
    expect(old.status).toBe(401);
  });

  it('forgets a kept token when it was revoked elsewhere (CLI, Dashboard)', async () => {
    const { authorization } = await value(call('authorizations:create', { description: 'Revoked elsewhere', scopes: ['read'], expiresIn: null }));
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).not.toBeNull();
    const key = await secrets.get(`account:${emu.account.id}`);
    const del = await fetch(`${emu.url}/oauth/authorizations/${authorization.id}`, {
      method: 'DELETE',
      headers: { Accept: 'application/vnd.heroku+json; version=3', Authorization: `Bearer ${key}` },
    });
    expect(del.status).toBe(200);
    const list = await value(call('authorizations:refresh'));
    expect(list.items.some((a) => a.id === authorization.id)).toBe(false);
    expect(await secrets.get(`token:${emu.account.id}:${authorization.id}`)).toBeNull();
    expect(store.read().heldTokens[emu.account.id]).not.toContain(authorization.id);
  });

  it('emits authorizations:changed to subscribed transports', async () => {
    const seen: string[] = [];
    const off = core.bus.subscribe((name) => seen.push(name));
    await call('authorizations:refresh');
    off();
    expect(seen).toContain('authorizations:changed');
  });

  it('removes an account with its keychain entries', async () => {
    await value(call('accounts:remove', { accountId: emu.account.id }));
    expect(await secrets.get(`account:${emu.account.id}`)).toBeNull();
    expect(await value(call('accounts:list'))).toEqual([]);
  });
});
