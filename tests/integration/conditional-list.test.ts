/**
 * The client's conditional, incremental list against the emulator: 304 pages are taken as held,
 * a changed page is read again, expires_in is re-read on every item of a changed page, and a
 * changed item is checked in full (a wrong type is a bad_response, never a value).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHerokuClient, type HerokuApi } from '../../main/heroku/client.js';
import { startEmulator, type Emulator, type ETagStyle } from '../heroku-emulator/server.js';

let emu: Emulator;
/** Rewrites the JSON body of list pages that carry one (set per test). */
let tamper: ((items: Array<Record<string, unknown>>) => void) | null = null;
/** The If-None-Match header of every request sent (null: none). */
const conditions: Array<string | null> = [];

const tampering: typeof fetch = async (input, init) => {
  conditions.push(new Headers(init?.headers).get('If-None-Match'));
  const res = await fetch(input, init);
  if (!tamper || res.status === 304 || !String(input).includes('/oauth/authorizations')) return res;
  const items = (await res.json()) as Array<Record<string, unknown>>;
  tamper(items);
  return new Response(JSON.stringify(items), { status: res.status, headers: res.headers });
};

async function start(tokens: number, etags: ETagStyle = 'strong'): Promise<HerokuApi> {
  emu = await startEmulator({ seed: 'empty', etags });
  emu.addAuthorizations(tokens - 1);
  return createHerokuClient({ origin: emu.url, apiKey: emu.apiKey, userAgent: 'ua', firstRange: 'id ..; max=400', fetch: tampering });
}
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const listStatuses = (from: number) => emu.requests.slice(from).filter((r) => r.path === '/oauth/authorizations').map((r) => r.status);
/** No live expires_in: the bodies stay byte for byte the same while nothing changes. */
const freeze = () => emu.account.authorizations.forEach((a) => (a.expiresAt = null));
const page2Item = () => emu.liveAuthorizations().sort((a, b) => (a.id < b.id ? -1 : 1))[500]!;

beforeEach(() => {
  tamper = null;
  conditions.length = 0;
});
afterEach(async () => {
  await emu.close();
});

describe('conditional list', () => {
  it('every page unchanged: every page 304, the very same list, checkedAt moves on', async () => {
    const api = await start(1000);
    freeze();
    const first = must(await api.listAuthorizations());
    expect(first.value).toHaveLength(1000);
    const from = emu.requests.length;
    await new Promise((r) => setTimeout(r, 5));
    const again = must(await api.listAuthorizations());
    expect(listStatuses(from)).toEqual([304, 304, 304]);
    expect(again.notModified).toBe(true);
    expect(again.value).toBe(first.value);
    expect(again.receivedAt).toBe(first.receivedAt);
    expect(again.checkedAt).toBeGreaterThan(first.receivedAt);
  });

  it('a page that changed after a 304 is read again and its change shows; the others stay 304', async () => {
    const api = await start(1000);
    freeze();
    must(await api.listAuthorizations());
    must(await api.listAuthorizations());
    const target = page2Item();
    target.description = 'renamed elsewhere';
    target.updatedAt += 1000;
    const from = emu.requests.length;
    const r = must(await api.listAuthorizations());
    expect(listStatuses(from)).toEqual([304, 206, 304]);
    expect(r.notModified).toBe(false);
    expect(r.value.find((a) => a.id === target.id)?.description).toBe('renamed elsewhere');
    expect(r.value).toHaveLength(1000);
  });

  it('re-reads expires_in on every item of a changed page: every moved expiry shows', async () => {
    const api = await start(1000);
    must(await api.listAuthorizations());
    const live = emu.liveAuthorizations();
    live.forEach((a, i) => (a.expiresAt = a.expiresAt === null ? (i % 2 ? null : Date.now() + 5 * 3600_000) : a.expiresAt + (i + 1) * 60_000));
    const r = must(await api.listAuthorizations());
    const byId = new Map(live.map((a) => [a.id, a]));
    for (const a of r.value) {
      const want = byId.get(a.id)!.expiresAt;
      const e = a.access_token?.expires_in ?? null;
      if (want === null) expect(e).toBeNull();
      // Counted from the list's arrival, rounded down: never later than the truth, at most 2 s early.
      else {
        const early = want - (r.receivedAt + e! * 1000);
        expect(early).toBeGreaterThanOrEqual(-50);
        expect(early).toBeLessThan(2050);
      }
    }
  });

  it('checks a changed item in full: a wrong type after a cached page is a bad_response', async () => {
    const api = await start(50);
    must(await api.listAuthorizations());
    emu.clock.advance(1000); // the page changes (expires_in), so it is read again
    tamper = (items) => Object.assign(items[3]!, { updated_at: '2030-01-01T00:00:00Z', scope: 'global' });
    const r = await api.listAuthorizations();
    expect(r.ok ? 'ok' : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/page 1: item 4: scope /);
  });

  it('an item whose id and updated_at did not change keeps its checked copy, but its expires_in is always checked', async () => {
    const api = await start(50);
    const first = must(await api.listAuthorizations());
    emu.clock.advance(1000);
    tamper = (items) => Object.assign(items[3]!, { scope: 'global' });
    const kept = must(await api.listAuthorizations());
    expect(kept.value[3]!.scope).toEqual(first.value[3]!.scope);
    emu.clock.advance(1000);
    tamper = (items) => Object.assign(items[5]!.access_token as object, { expires_in: '3600' });
    const bad = await api.listAuthorizations();
    expect(bad.ok ? '' : bad.error.message).toMatch(/page 1: item 6: access_token\.expires_in /);
  });

  it('takes weak tags too, and sends no If-None-Match to a server without tags', async () => {
    let api = await start(10, 'weak');
    freeze();
    must(await api.listAuthorizations());
    let from = emu.requests.length;
    conditions.length = 0;
    expect(must(await api.listAuthorizations()).notModified).toBe(true);
    expect(conditions[0]).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(listStatuses(from)).toEqual([304]);
    await emu.close();
    api = await start(10, 'off');
    freeze();
    must(await api.listAuthorizations());
    from = emu.requests.length;
    conditions.length = 0;
    expect(must(await api.listAuthorizations()).notModified).toBe(false);
    expect(listStatuses(from)).toEqual([200]);
    expect(conditions).toEqual([null]);
  });
});
