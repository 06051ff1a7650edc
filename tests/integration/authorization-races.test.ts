/**
 * Regressions from review: a refresh crossing a mutation, actions aimed at another account than
 * the active one, tokens rotated elsewhere, and a rotate the keychain could not keep. The real
 * services and HTTP client against the emulator; only the answer of one list is held back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { createHerokuClient } from '../../main/heroku/client.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { SecretStoreError } from '../../main/ports.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';

const HEADERS = { Accept: 'application/vnd.heroku+json; version=3' };

interface Setup {
  emu: Emulator;
  core: Core;
  secrets: MemorySecretStore;
  store: MemorySettingsStore;
  /** Holds back the answer of the next list until the returned function is called. */
  holdNextList(): () => void;
}

let current: Setup | null = null;
afterEach(async () => {
  await current?.emu.close();
  current = null;
});

async function setup(secrets = new MemorySecretStore()): Promise<Setup> {
  const emu = await startEmulator({});
  let gate: Promise<void> | null = null;
  const gatedFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(String(input));
    if (gate && (init?.method ?? 'GET') === 'GET' && url.pathname === '/oauth/authorizations') {
      const g = gate;
      gate = null;
      await g;
    }
    return res;
  };
  const store = new MemorySettingsStore();
  const core = createTestCore(emu.url, {
    secrets,
    store,
    apiFactory: (apiKey) => createHerokuClient({ origin: emu.url, apiKey, userAgent: 'test', fetch: gatedFetch }),
  });
  const signed = await core.handlers['accounts:sign-in']({ apiKey: emu.apiKey });
  if (!signed.ok) throw new Error(signed.error.message);
  await core.authorizations.refresh();
  current = {
    emu,
    core,
    secrets,
    store,
    holdNextList: () => {
      let release = () => {};
      gate = new Promise<void>((r) => (release = r));
      return release;
    },
  };
  return current;
}

describe('authorization service under races', () => {
  it('a list answered before a create does not delete, hide or alert about the new token', async () => {
    const { core, emu, secrets, holdNextList } = await setup();
    const lists = () => emu.requests.filter((r) => r.method === 'GET' && r.path.split('?')[0] === '/oauth/authorizations').length;
    const before = lists();
    const release = holdNextList();
    const refreshing = core.authorizations.refresh();
    // The list request has been answered by the emulator but not yet delivered.
    await expect.poll(lists).toBe(before + 1);
    const created = await core.handlers['authorizations:create']({ description: 'made during a refresh', scopes: ['read'], expiresIn: 3600 });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.authorization.id;
    release();
    const snap = await refreshing;
    expect(snap.ok).toBe(true);
    if (snap.ok) expect(snap.value.items.some((a) => a.id === id)).toBe(true);
    expect(await secrets.get(`token:${emu.account.id}:${id}`)).toBe(created.value.token);
    const copy = await core.handlers['tokens:copy']({ id });
    expect(copy.ok).toBe(true);
  });

  it('acts on the row’s account even when another account is active', async () => {
    const { core, emu } = await setup();
    const first = core.authorizations.cached(emu.account.id);
    const victim = first?.items.find((a) => !a.isCurrentKey);
    expect(victim).toBeDefined();
    const second = emu.addAccount({ email: 'second@example.com', authorizations: 2 });
    const signed = await core.handlers['accounts:sign-in']({ apiKey: second.apiKey });
    expect(signed.ok && signed.value.active).toBe(true);
    const revoked = await core.handlers['authorizations:revoke']({ id: victim!.id, accountId: emu.account.id });
    expect(revoked).toEqual({ ok: true, value: { id: victim!.id } });
    expect(emu.liveAuthorizations(emu.account).some((a) => a.id === victim!.id)).toBe(false);
  });

  it('a token rotated elsewhere gets its new expiry, not the old one', async () => {
    const { core, emu } = await setup();
    const before = core.authorizations.cached(emu.account.id)!;
    const soon = before.items.find((a) => a.expiresAt && Date.parse(a.expiresAt) > Date.now() && Date.parse(a.expiresAt) - Date.now() < 3600_000);
    expect(soon).toBeDefined();
    const r = await fetch(`${emu.url}/oauth/authorizations/${soon!.id}/actions/regenerate-tokens`, {
      method: 'POST',
      headers: { ...HEADERS, Authorization: `Bearer ${emu.apiKey}` },
    });
    expect(r.status).toBe(200);
    const expiresIn = ((await r.json()) as { access_token: { expires_in: number } }).access_token.expires_in;
    const after = await core.authorizations.refresh();
    if (!after.ok) throw new Error(after.error.message);
    const rotated = after.value.items.find((a) => a.id === soon!.id)!;
    expect(Date.parse(rotated.expiresAt!)).toBeGreaterThan(Date.now() + (expiresIn - 60) * 1000);
  });

  it('after a rotate the keychain could not keep, Copy does not hand out the dead old token', async () => {
    class FlakyStore extends MemorySecretStore {
      failWrites = false;
      override async set(key: string, value: string): Promise<void> {
        if (this.failWrites) throw new SecretStoreError('locked', 'The keychain is locked.');
        return super.set(key, value);
      }
    }
    const secrets = new FlakyStore();
    const { core } = await setup(secrets);
    const created = await core.handlers['authorizations:create']({ description: 'to rotate', scopes: ['read'], expiresIn: null });
    if (!created.ok) throw new Error(created.error.message);
    secrets.failWrites = true;
    const rotated = await core.handlers['authorizations:rotate']({ id: created.value.authorization.id });
    expect(rotated.ok && rotated.value.kept).toBe(false);
    const copy = await core.handlers['tokens:copy']({ id: created.value.authorization.id });
    expect(copy.ok).toBe(false);
    if (!copy.ok) expect(copy.error.code).toBe('token_not_held');
  });
});
