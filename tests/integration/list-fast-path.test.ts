/**
 * The list cache's byte comparison (authorization-list.ts reader, json-body.ts readMovedSlots),
 * through the real core against the emulator over HTTP: a refresh where only expires_in moved
 * parses nothing and still shows every moved expiry; any other change, a changed value of a wrong
 * type or shape, a pretty-printed server, all go through the full parse and check.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core.js';
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import type { Emulator } from '../heroku-emulator/server.js';
import { twoPageCore } from '../support/two-page-core.js';

let emu: Emulator;
let core: Core;
let refresh: () => Promise<AuthorizationsSnapshot>;
/** Rewrites the text of list pages that carry a body (set per test). */
let rewrite: ((text: string) => string) | null = null;

beforeEach(async () => {
  rewrite = null;
  ({ emu, core, refresh } = await twoPageCore(() => rewrite));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await emu.close();
});

const HOUR = 3600_000;
const listStatuses = (from: number) => emu.requests.slice(from).filter((r) => r.path === '/oauth/authorizations').map((r) => r.status);
/** Every row's expiry moved by about `by` ms (expires_in is whole seconds, pages arrive apart). */
function expectMovedBy(before: AuthorizationsSnapshot, after: AuthorizationsSnapshot, by: number): number {
  const was = new Map(before.items.map((v) => [v.id, v.expiresAt]));
  let moved = 0;
  for (const v of after.items) {
    const old = was.get(v.id);
    if (old === null || v.expiresAt === null) {
      expect(v.expiresAt).toBe(old);
      continue;
    }
    expect(Math.abs(Date.parse(v.expiresAt) - Date.parse(old!) - by)).toBeLessThan(3000);
    moved++;
  }
  return moved;
}

describe('a page that differs only in expires_in', () => {
  it('is read without any JSON.parse, and every moved expiry shows', async () => {
    const first = await refresh();
    for (const a of emu.liveAuthorizations()) if (a.expiresAt !== null) a.expiresAt += HOUR;
    const from = emu.requests.length;
    const parse = vi.spyOn(JSON, 'parse');
    const moved = await refresh();
    expect(listStatuses(from)).toEqual([206, 200]);
    expect(parse).not.toHaveBeenCalled();
    expect(moved.items).toHaveLength(1500);
    expect(expectMovedBy(first, moved, HOUR)).toBeGreaterThan(1000);
    // And again from the page just read (its bytes are the ones held now).
    for (const a of emu.liveAuthorizations()) if (a.expiresAt !== null) a.expiresAt += HOUR;
    const again = await refresh();
    expect(parse).not.toHaveBeenCalled();
    expect(expectMovedBy(first, again, 2 * HOUR)).toBeGreaterThan(1000);
  });

  it('works the same on a server that pretty-prints its JSON', async () => {
    rewrite = (text) => JSON.stringify(JSON.parse(text), null, 2);
    const first = await refresh();
    for (const a of emu.liveAuthorizations()) if (a.expiresAt !== null) a.expiresAt += HOUR;
    const parse = vi.spyOn(JSON, 'parse');
    const moved = await refresh();
    // The rewriter itself parses each page once; the app parses none.
    expect(parse).toHaveBeenCalledTimes(2);
    expect(expectMovedBy(first, moved, HOUR)).toBeGreaterThan(1000);
  });

  it('a held page that cannot be laid out (an access_token with expires_in twice) is parsed in full, and its moved expiries show', async () => {
    // A first list is parsed whole, with no layout; the held bytes are scanned only when the next
    // page is compared with them. Two expires_in in one access_token: JSON.parse keeps the last,
    // so the bytes cannot be compared slot for slot, and each next page goes the full way.
    rewrite = (text) => text.replace(/\{"expires_in":(\d+|null)/g, '{"expires_in":7,"expires_in":$1');
    const first = await refresh();
    expect(first.items).toHaveLength(1500);
    for (const a of emu.liveAuthorizations()) if (a.expiresAt !== null) a.expiresAt += HOUR;
    const parse = vi.spyOn(JSON, 'parse');
    const moved = await refresh();
    // Each of the two pages parsed (the rewriter parses nothing).
    expect(parse.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(expectMovedBy(first, moved, HOUR)).toBeGreaterThan(1000);
    parse.mockClear();
    for (const a of emu.liveAuthorizations()) if (a.expiresAt !== null) a.expiresAt += HOUR;
    const again = await refresh();
    expect(parse.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(expectMovedBy(first, again, 2 * HOUR)).toBeGreaterThan(1000);
  });

  it('an item that changed anything else is parsed and checked: the change shows', async () => {
    await refresh();
    const target = emu.liveAuthorizations().sort((a, b) => (a.id < b.id ? -1 : 1))[1200]!;
    target.description = 'Renamed on the Dashboard';
    target.updatedAt += 60_000;
    const parse = vi.spyOn(JSON, 'parse');
    const changed = await refresh();
    expect(parse).toHaveBeenCalled();
    expect(changed.items.find((v) => v.id === target.id)?.description).toBe('Renamed on the Dashboard');
  });

  it('a new expires_in of the wrong type or shape is a bad_response, and the last good list stays', async () => {
    const first = await refresh();
    const id = first.items.find((v) => v.expiresAt !== null)!.id;
    const cases: Array<[string, RegExp]> = [
      ['"soon"', /access_token\.expires_in is missing or has the wrong type/],
      ['-5', /access_token\.expires_in is missing or has the wrong type/],
      ['1.5', /access_token\.expires_in is missing or has the wrong type/],
      ['99999999999999', /access_token\.expires_in is missing or has the wrong type/],
    ];
    let hits = 0;
    for (const [value, message] of cases) {
      hits = 0;
      emu.clock.advance(1000); // a new body (no 304)
      rewrite = (text) => {
        const at = text.indexOf(`"id":"${id}"`);
        const start = text.lastIndexOf('{"access_token":{"expires_in":', at);
        if (at < 0) return text;
        hits++;
        return text.slice(0, start) + text.slice(start).replace(/"expires_in":(\d+|null)/, `"expires_in":${value}`);
      };
      const r = await core.authorizations.refresh();
      expect(hits).toBe(1);
      expect(r.ok ? 'ok' : r.error.code).toBe('bad_response');
      expect(r.ok ? '' : r.error.message).toMatch(message);
      expect(core.authorizations.cached(first.accountId)?.items).toBe(first.items);
    }
    rewrite = null;
    emu.clock.advance(1000);
    const again = await refresh();
    expect(again.lastError).toBeNull();
  });
});
