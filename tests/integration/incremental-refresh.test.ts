/**
 * Incremental refresh through the real core against the emulator: a list that answers 304
 * throughout keeps its snapshot (nothing parsed, no view built, fetchedAt moves on); a changed page
 * after a 304 is picked up; every item's expires_in is read again (a moved expiry shows); an item
 * whose updated_at changed is checked and built again, and a wrong type in it is a bad_response.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core.js';
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import type { Emulator } from '../heroku-emulator/server.js';
import { twoPageCore } from '../support/two-page-core.js';

let emu: Emulator;
let core: Core;
let refresh: () => Promise<AuthorizationsSnapshot>;
/** Rewrites list pages that carry a body (set per test), after the emulator answered. */
let tamper: ((items: Array<Record<string, unknown>>) => void) | null = null;

beforeEach(async () => {
  tamper = null;
  const t = await twoPageCore(() => {
    const f = tamper;
    return f ? (text) => {
      const items = JSON.parse(text) as Array<Record<string, unknown>>;
      f(items);
      return JSON.stringify(items);
    } : null;
  });
  ({ emu, core, refresh } = t);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await emu.close();
});

const listStatuses = (from: number) => emu.requests.slice(from).filter((r) => r.path === '/oauth/authorizations').map((r) => r.status);
const freeze = () => emu.account.authorizations.forEach((a) => (a.expiresAt = null));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How many views of `b` are the very objects of `a`. */
const sameViews = (a: AuthorizationsSnapshot, b: AuthorizationsSnapshot) => {
  const before = new Set(a.items);
  return b.items.filter((v) => before.has(v)).length;
};

describe('incremental refresh', () => {
  it('304 throughout: nothing parsed, no view built, the same snapshot items, fetchedAt updated', async () => {
    freeze();
    const first = await refresh();
    await sleep(5);
    const from = emu.requests.length;
    const parse = vi.spyOn(JSON, 'parse');
    const again = await refresh();
    expect(listStatuses(from)).toEqual([304, 304]);
    expect(parse).not.toHaveBeenCalled();
    expect(again.items).toBe(first.items);
    expect(again.items).toHaveLength(1500);
    expect(Date.parse(again.fetchedAt!)).toBeGreaterThan(Date.parse(first.fetchedAt!));
    expect(again.lastError).toBeNull();
    expect(core.authorizations.cached(again.accountId)).toBe(again);
  });

  it('a page that changed after a 304 is picked up; only the changed item gets a new view', async () => {
    freeze();
    const first = await refresh();
    await refresh();
    const target = emu.liveAuthorizations().sort((a, b) => (a.id < b.id ? -1 : 1))[1200]!;
    target.description = 'Renamed on the Dashboard';
    target.updatedAt += 60_000;
    const from = emu.requests.length;
    const changed = await refresh();
    expect(listStatuses(from)).toEqual([304, 200]);
    expect(changed.items.find((v) => v.id === target.id)?.description).toBe('Renamed on the Dashboard');
    expect(sameViews(first, changed)).toBe(1499);
  });

  it('re-reads expires_in on every item: rounding keeps the views, a moved expiry shows on every row', async () => {
    const first = await refresh();
    emu.clock.advance(1000); // every body changes (expires_in), nothing really moved
    const ticked = await refresh();
    expect(sameViews(first, ticked)).toBe(1500);
    expect(ticked.items).toBe(first.items);
    const HOUR = 3600_000;
    for (const a of emu.liveAuthorizations()) if (a.expiresAt !== null) a.expiresAt += HOUR;
    const moved = await refresh();
    const before = new Map(first.items.map((v) => [v.id, v.expiresAt]));
    let movedRows = 0;
    for (const v of moved.items) {
      const was = before.get(v.id);
      if (was === null || v.expiresAt === null) {
        expect(v.expiresAt).toBe(was);
        continue;
      }
      const shift = Date.parse(v.expiresAt) - Date.parse(was!);
      expect(shift).toBeGreaterThan(HOUR - 3000);
      expect(shift).toBeLessThan(HOUR + 3000);
      movedRows++;
    }
    expect(movedRows).toBeGreaterThan(1000);
  });

  it('an item whose updated_at changed is checked in full: a wrong type after a cached page is a bad_response', async () => {
    const first = await refresh();
    emu.clock.advance(1000);
    tamper = (items) => Object.assign(items[7]!, { updated_at: '2030-01-01T00:00:00Z', created_at: 42 });
    const r = await core.authorizations.refresh();
    expect(r.ok ? 'ok' : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/page 1: item 8: created_at /);
    // The last good list stays on screen, marked stale.
    const stale = core.authorizations.cached(first.accountId)!;
    expect(stale.items).toBe(first.items);
    expect(stale.lastError?.code).toBe('bad_response');
    // The same change with sound types is taken and its view built again.
    tamper = (items) => Object.assign(items[7]!, { updated_at: '2030-01-01T00:00:00Z', description: 'changed' });
    const ok = await refresh();
    const id = ok.items.find((v) => v.description === 'changed')?.id;
    expect(id).toBeDefined();
    expect(ok.items.find((v) => v.id === id)?.updatedAt).toBe('2030-01-01T00:00:00Z');
  });
});
