/**
 * A first list is a chain of pages (each names the next), so the refresh makes each page's views
 * while Heroku prepares the next page (ViewsAhead). Real client, services and emulator: the views
 * of pages 1–2 are made while page 3 is still held back by the server, and the snapshot is
 * exactly the one a core that makes no view ahead shows, own key and held token included.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../main/adapters/system-clock.js';
import { createHerokuClient, type HerokuApi } from '../../main/heroku/client.js';
import { ViewsAhead } from '../../shared/domain/view-cache.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';

let emu: Emulator | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await emu?.close();
  emu = null;
});

const T0 = Date.parse('2026-12-02T12:00:00Z');

/** The item count of every page handed to ViewsAhead.addSteps, in order (the real method still runs). */
function pagesMadeAhead(): number[] {
  const made: number[] = [];
  const addSteps = ViewsAhead.prototype.addSteps;
  vi.spyOn(ViewsAhead.prototype, 'addSteps').mockImplementation(function (this: ViewsAhead<never>, ...args: Parameters<typeof addSteps>) {
    made.push(args[0].length);
    return addSteps.apply(this, args);
  });
  return made;
}
/** Time stands still for both cores: both count expiries from the same receipt time. */
const clock = { now: () => T0, setTimeout: systemClock.setTimeout };

describe('views made ahead of a first list', () => {
  it('are made while the last page is on its way, and the snapshot is the one made without them', async () => {
    emu = await startEmulator({ seed: 'empty' });
    emu.addAuthorizations(2499);
    const origin = emu.url;
    // Page 3 (the second Next-Range) waits for `release`.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let thirdAsked = false;
    let lists = 0;
    const gated: typeof fetch = async (input, init) => {
      const range = new Headers(init?.headers).get('Range');
      if (String(input).endsWith('/oauth/authorizations') && range && ++lists === 3) {
        thirdAsked = true;
        await released;
      }
      return fetch(input, init);
    };
    const made = pagesMadeAhead();

    const ahead = createTestCore(origin, { clock, apiFactory: (apiKey) => createHerokuClient({ origin, apiKey, userAgent: 'test', now: clock.now, fetch: gated }) });
    // The reference core's client never tells the service about pages: every view is made at the end.
    const plain = createTestCore(origin, {
      clock,
      apiFactory: (apiKey) => {
        const api = createHerokuClient({ origin, apiKey, userAgent: 'test', now: clock.now });
        return { ...api, listAuthorizations: () => api.listAuthorizations() } satisfies HerokuApi;
      },
    });
    for (const core of [ahead, plain]) expect((await core.accounts.signIn(emu.apiKey)).ok).toBe(true);
    // A token the app holds (its view says so): made through one core, held by it only.
    const created = await ahead.authorizations.create({ description: 'made here', scopes: ['read'], expiresIn: 3600 });
    expect(created.ok).toBe(true);
    ahead.authorizations.forget(emu.account.id);

    const refreshing = ahead.authorizations.refresh();
    await vi.waitFor(() => expect(thirdAsked).toBe(true));
    // Pages 1 and 2 (1,000 each) have their views made before page 3 is even answered.
    await vi.waitFor(() => expect(made.reduce((a, b) => a + b, 0)).toBe(2000));
    release();
    const got = await refreshing;
    expect(made).toEqual([1000, 1000, 501]);

    const want = await plain.authorizations.refresh();
    if (!got.ok || !want.ok) throw new Error('a refresh failed');
    expect(got.value.items).toHaveLength(2501);
    // Same views, same order; only the held flag of the token made through `ahead` differs.
    const heldId = created.ok ? created.value.authorization.id : '';
    expect(got.value.items.map((v) => (v.id === heldId ? { ...v, held: false } : v))).toEqual(want.value.items);
    expect(got.value.items.find((v) => v.id === heldId)?.held).toBe(true);
    expect(got.value.items.filter((v) => v.isCurrentKey)).toHaveLength(1);
    expect(got.value.items.find((v) => v.isCurrentKey)?.id).toBe(want.value.items.find((v) => v.isCurrentKey)?.id);
  });

  it('are taken by position when two pages come at once (one page made after the other, never interleaved)', async () => {
    emu = await startEmulator({ seed: 'empty' });
    emu.addAuthorizations(2999);
    const origin = emu.url;
    // Pages 2 and 3 come together: page 2's body is held back until page 3 has answered.
    let releaseBodies!: () => void;
    const bodies = new Promise<void>((r) => (releaseBodies = r));
    let lists = 0;
    const gated: typeof fetch = async (input, init) => {
      const range = new Headers(init?.headers).get('Range');
      const res = await fetch(input, init);
      if (!String(input).endsWith('/oauth/authorizations') || !range) return res;
      const n = ++lists;
      if (n === 3) releaseBodies();
      if (n !== 2) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      const held = new ReadableStream<Uint8Array>({
        async start(c) {
          await bodies;
          c.enqueue(bytes);
          c.close();
        },
      });
      return new Response(held, { status: res.status, headers: res.headers });
    };
    // take() finds an entry made ahead only when the walk could not take it by position.
    const taken: boolean[] = [];
    const take = ViewsAhead.prototype.take;
    vi.spyOn(ViewsAhead.prototype, 'take').mockImplementation(function (this: ViewsAhead<never>, ...args: Parameters<typeof take>) {
      const m = take.apply(this, args);
      taken.push(m !== null);
      return m;
    });
    const made = pagesMadeAhead();
    const core = createTestCore(origin, { clock, apiFactory: (apiKey) => createHerokuClient({ origin, apiKey, userAgent: 'test', now: clock.now, fetch: gated }) });
    expect((await core.accounts.signIn(emu.apiKey)).ok).toBe(true);

    const got = await core.authorizations.refresh();
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.items).toHaveLength(3000);
    expect(lists).toBe(3);
    expect(made).toEqual([1000, 1000, 1000]);
    // Every view made ahead was taken in line: none was looked up by id (the walk's map is the one made ahead).
    expect(taken.filter(Boolean)).toEqual([]);
  });
});
