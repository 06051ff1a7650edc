/**
 * Paging against the emulator: Next-Range followed over several pages (through the real services
 * and with the client's defaults), and an endless Next-Range stopped with a clear error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { createTestCore } from '../support/test-core.js';
import { createHerokuClient, type HerokuClientOptions } from '../../main/heroku/client.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';

let emu: Emulator;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  emu = await startEmulator({ seed: 'empty', pageSize: 10 });
});
afterEach(() => {
  emu.faults.clear();
  expect(unhandled).toEqual([]);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await emu?.close();
});

/** A core on the emulator; with `client` options the real client is built with them, else core's own factory. */
async function signedInCore(apiKey: string, client?: Partial<HerokuClientOptions>): Promise<Core> {
  const core = createTestCore(emu.url, {
    ...(client && {
      apiFactory: (key: string) =>
        createHerokuClient({ origin: emu.url, apiKey: key, userAgent: 'heroku-token-tray/test', retry: { sleep: async () => undefined }, ...client }),
    }),
  });
  const r = await core.accounts.signIn(apiKey);
  if (!r.ok) throw new Error(r.error.message);
  return core;
}

const listCalls = (from: number) => emu.requests.slice(from).filter((r) => r.method === 'GET' && r.path === '/oauth/authorizations');

describe('pagination', () => {
  it('follows Next-Range over three pages of 1000 with core’s own client and its defaults', async () => {
    const { apiKey, account } = emu.addAccount({ authorizations: 2_345 });
    const core = await signedInCore(apiKey);
    const from = emu.requests.length;
    const r = await core.authorizations.refresh();
    if (!r.ok) throw new Error(r.error.message);
    const expected = emu.liveAuthorizations(account);
    expect(r.value.items).toHaveLength(expected.length);
    expect(new Set(r.value.items.map((a) => a.id))).toEqual(new Set(expected.map((a) => a.id)));
    expect(listCalls(from).map((c) => c.status)).toEqual([206, 206, 200]);
  });

  it('follows the server’s page size when the client leaves max to it (pageSize option)', async () => {
    const { apiKey, account } = emu.addAccount({ authorizations: 35 });
    const core = await signedInCore(apiKey, { firstRange: 'id ..' });
    const from = emu.requests.length;
    const r = await core.authorizations.refresh();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.items).toHaveLength(emu.liveAuthorizations(account).length);
    expect(listCalls(from).map((c) => c.status)).toEqual([206, 206, 206, 200]);
  });

  it('stops an endless Next-Range at the page cap with a clear error', async () => {
    const { apiKey } = emu.addAccount({ authorizations: 25 });
    const core = await signedInCore(apiKey, { firstRange: 'id ..; max=10', maxPages: 4 });
    // Without the fault the same list loads within the cap (3 pages).
    expect((await core.authorizations.refresh()).ok).toBe(true);
    emu.faults.add({ route: 'list', kind: 'endless-next-range' });
    const from = emu.requests.length;
    const r = await core.authorizations.refresh();
    expect(r.ok ? 'ok' : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/kept announcing more pages after 4 pages/);
    expect(listCalls(from)).toHaveLength(4);
    // The last good list stays on screen, marked stale.
    const cached = core.authorizations.cached(r.ok ? '' : (core.accounts.current()?.id ?? ''));
    expect(cached?.items.length).toBeGreaterThan(0);
    expect(cached?.lastError?.code).toBe('bad_response');
  });

  it('with the default cap, an endless chain that circles back ends as a clear error too', async () => {
    const { apiKey } = emu.addAccount({ authorizations: 5 });
    const core = await signedInCore(apiKey);
    emu.faults.add({ route: 'list', kind: 'endless-next-range' });
    const from = emu.requests.length;
    const r = await core.authorizations.refresh();
    expect(r.ok ? 'ok' : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/same next page twice, so the list would never end/);
    expect(listCalls(from).length).toBeLessThanOrEqual(25);
  });
});
