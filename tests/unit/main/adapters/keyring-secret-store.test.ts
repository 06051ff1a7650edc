/** Backend choice and error mapping with a fake keyring; the real one is in tests/keychain. */
import { describe, expect, it } from 'vitest';
import type { EntryOptions } from '@napi-rs/keyring';
import { KeyringSecretStore, toSecretStoreError, type KeyringEntryFactory } from '../../../../main/adapters/keyring-secret-store.js';
import { SecretStoreError } from '../../../../main/ports.js';
import { RecordingLogger } from '../../../support/fakes.js';

type StoreName = 'secret-service' | 'keyutils' | 'native';

/** A fake keyring: which stores exist, what they hold, and an error to throw on every call. */
function fakeKeyring(available: StoreName[], failWith: string | null = null) {
  const data = new Map<string, string>();
  const writes: string[] = [];
  const created: Array<{ service: string; user: string; store: StoreName }> = [];
  const factory: KeyringEntryFactory = (service, user, options?: EntryOptions) => {
    const store: StoreName = options?.linux?.store ?? 'native';
    if (!available.includes(store)) throw new Error(`Platform failure: ${store} is not available`);
    created.push({ service, user, store });
    const k = `${store}/${service}/${user}`;
    const guard = () => {
      if (failWith) throw new Error(failWith);
    };
    return {
      getPassword: async () => (guard(), data.get(k) ?? null),
      setPassword: async (v: string) => void (guard(), writes.push(`set ${k}`), data.set(k, v)),
      deleteCredential: async () => (guard(), writes.push(`delete ${k}`), data.delete(k)),
    };
  };
  return { factory, data, created, writes };
}

describe('KeyringSecretStore', () => {
  it('pins Linux entries to the Secret Service and reports ok', async () => {
    const kr = fakeKeyring(['secret-service', 'keyutils']);
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: kr.factory });
    await store.set('account:a', 'HRKU-x');
    expect(await store.get('account:a')).toBe('HRKU-x');
    expect(await store.delete('account:a')).toBe(true);
    expect(await store.get('account:a')).toBeNull();
    expect(await store.status()).toEqual({ state: 'ok', message: null });
    expect(new Set(kr.created.map((c) => c.store))).toEqual(new Set(['secret-service']));
    expect(kr.created.every((c) => c.service === 'heroku-token-tray')).toBe(true);
    expect(kr.data.size).toBe(0);
  });

  it.each([
    [false, 'ok'],
    [true, 'locked'],
  ] as const)('asks the Secret Service whether it is locked (%s: %s) and writes nothing', async (locked, state) => {
    const kr = fakeKeyring(['secret-service']);
    let asked = 0;
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: kr.factory, collectionLocked: async () => (asked++, locked) });
    await store.set('account:a', 'HRKU-x');
    kr.writes.length = 0;
    for (let i = 0; i < 3; i++) expect((await store.status()).state).toBe(state);
    expect(asked).toBe(3);
    expect(kr.writes).toEqual([]);
    expect([...kr.data.values()]).toEqual(['HRKU-x']);
  });

  it('without an answer on the lock state, reads (never writes) to find out what it can', async () => {
    const kr = fakeKeyring(['secret-service']);
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: kr.factory, collectionLocked: async () => null });
    expect(await store.status()).toEqual({ state: 'ok', message: null });
    expect(kr.writes).toEqual([]);
  });

  it('falls back to the kernel keyring only openly: status says volatile', async () => {
    const kr = fakeKeyring(['keyutils']);
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: kr.factory });
    expect(await store.status()).toEqual({ state: 'volatile', message: expect.stringMatching(/not kept across restarts/) });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(await store.backendKind()).toBe('keyutils');
  });

  it("with linuxFallback 'none', no Secret Service means unavailable, and nothing is written anywhere", async () => {
    const kr = fakeKeyring(['keyutils']);
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: kr.factory, linuxFallback: 'none' });
    expect(await store.status()).toMatchObject({ state: 'unavailable', message: expect.stringMatching(/no Secret Service/) });
    const e = await store.set('k', 'v').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SecretStoreError);
    expect((e as SecretStoreError).state).toBe('unavailable');
    expect(kr.data.size).toBe(0);
  });

  it('keeps the UI message short and logs the native reason once, though it asks again on every call', async () => {
    const logger = new RecordingLogger();
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: fakeKeyring([]).factory, linuxFallback: 'none', logger });
    for (let i = 0; i < 3; i++) await expect(store.get('k')).rejects.toMatchObject({ message: expect.not.stringMatching(/Platform failure/) });
    expect(logger.lines.filter((l) => l.includes('no Secret Service'))).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/secret-service is not available/);
  });

  it('is unavailable when neither store works', async () => {
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: fakeKeyring([]).factory });
    expect((await store.status()).state).toBe('unavailable');
    await expect(store.get('k')).rejects.toMatchObject({ state: 'unavailable' });
  });

  it('uses the platform default store elsewhere', async () => {
    const kr = fakeKeyring(['native']);
    const store = new KeyringSecretStore({ platform: 'darwin', entryFactory: kr.factory });
    await store.set('k', 'v');
    expect(kr.created[0]?.store).toBe('native');
  });

  it.each([
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
    ['zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['The user name or passphrase you entered is not correct. User canceled the operation.', 'locked'],
    ['Platform failure: DBus error: The name is not activatable', 'unavailable'],
  ])('maps "%s" to %s', async (native, state) => {
    const store = new KeyringSecretStore({ platform: 'linux', entryFactory: fakeKeyring(['secret-service'], native).factory, collectionLocked: async () => null });
    await expect(store.set('k', 'v')).rejects.toMatchObject({ state });
    expect((await store.status()).state).toBe(state);
  });

  it('never puts a token from a native message into its own message', () => {
    const e = toSecretStoreError(new Error('failed for HRKU-0123456789abcdef0123'));
    expect(e.message).not.toContain('0123456789abcdef');
  });
});
