/**
 * The first list after a start comes first: the real services and HTTP client against the
 * emulator, with the answer of the first list held back to see what else went out meanwhile.
 * - GET /oauth/authorizations/~ (which token is the app's own key) goes out beside the list, not
 *   one round trip after it;
 * - core.start() ends a lease that ended while the app was closed only after the first lists are
 *   in: nothing of it goes out while the list is pending, and the list is not fetched again
 *   because a revocation crossed it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core.js';
import { createHerokuClient } from '../../main/heroku/client.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';
import { flush } from '../support/sim-clock.js';

let emu: Emulator | null = null;
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
  await emu?.close();
  emu = null;
});

/** A core whose client holds back every list answer until `release()`; shares secrets and settings. */
function gatedCore(e: Emulator, secrets: MemorySecretStore, store: MemorySettingsStore) {
  let open = false;
  let lists = 0;
  const waiting: Array<() => void> = [];
  const gatedFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(String(input));
    if ((init?.method ?? 'GET') !== 'GET' || url.pathname !== '/oauth/authorizations') return res;
    lists++;
    if (!open) await new Promise<void>((r) => waiting.push(r));
    return res;
  };
  const core = createTestCore(e.url, {
    secrets,
    store,
    apiFactory: (apiKey) => createHerokuClient({ origin: e.url, apiKey, userAgent: 'test', fetch: gatedFetch }),
  });
  cores.push(core);
  return {
    core,
    held: () => waiting.length,
    /** List requests this core sent. */
    lists: () => lists,
    release: () => {
      open = true;
      waiting.splice(0).forEach((r) => r());
    },
  };
}

const served = (e: Emulator, method: string, path: string) => e.requests.filter((r) => r.method === method && r.path.split('?')[0] === path).length;

describe('the first list', () => {
  it('asks GET /oauth/authorizations/~ while the list is still on its way', async () => {
    emu = await startEmulator({});
    const e = emu;
    const secrets = new MemorySecretStore();
    const store = new MemorySettingsStore();
    const g = gatedCore(e, secrets, store);
    const signed = await g.core.handlers['accounts:sign-in']({ apiKey: e.apiKey });
    expect(signed.ok).toBe(true);
    const listed = g.core.authorizations.list();
    await vi.waitFor(() => expect(g.held()).toBe(1));
    // The list was served but its answer is held: the ~ lookup must not be waiting for it.
    await vi.waitFor(() => expect(served(e, 'GET', '/oauth/authorizations/~')).toBe(1), { timeout: 3000 });
    g.release();
    const r = await listed;
    expect(r.ok).toBe(true);
    // It still marks the app's own key.
    const own = r.ok ? r.value.items.filter((i) => i.isCurrentKey) : [];
    expect(own).toHaveLength(1);
    expect(served(e, 'GET', '/oauth/authorizations/~')).toBe(1);
  });

  it('core.start(): a lease that ended while the app was closed is ended after the first list, which is fetched once', async () => {
    emu = await startEmulator({ seed: 'empty' });
    const e = emu;
    const secrets = new MemorySecretStore();
    const store = new MemorySettingsStore();
    // A first run signs in and leases a token; the app quits; the lease ends meanwhile.
    const before = createTestCore(e.url, { secrets, store });
    cores.push(before);
    expect((await before.handlers['accounts:sign-in']({ apiKey: e.apiKey })).ok).toBe(true);
    const lease = await before.handlers['leases:create']({ scopes: ['read'], lifetimeSeconds: 300 });
    if (!lease.ok) throw new Error(lease.error.message);
    const leaseId = lease.value.authorization.id;
    store.update((s) => ({ ...s, leases: s.leases.map((l) => ({ ...l, endsAt: Date.now() - 1000 })) }));
    await before.stop();
    // The next start: its first list is held back.
    const g = gatedCore(e, secrets, store);
    g.core.start();
    await vi.waitFor(() => expect(g.held()).toBe(1));
    await flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(served(e, 'GET', `/oauth/authorizations/${leaseId}`)).toBe(0);
    expect(served(e, 'DELETE', `/oauth/authorizations/${leaseId}`)).toBe(0);
    g.release();
    await vi.waitFor(() => expect(served(e, 'DELETE', `/oauth/authorizations/${leaseId}`)).toBe(1), { timeout: 5000 });
    await g.core.scheduler.idle();
    // One list for the start (the revocation did not cross it, so it was not fetched again).
    expect(g.lists()).toBe(1);
  });
});
