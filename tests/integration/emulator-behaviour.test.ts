/**
 * The emulator behaves like Heroku over raw HTTP: Accept, bearer auth, validation, paging,
 * redaction and its clock. Faults, the rate limit and the control surfaces: emulator-faults.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { control, raw, type AuthorizationBody } from './support/emu-http.js';
import { UUID, useEmulator } from './support/emu-fixture.js';

const MIN = 60_000;
const fx = useEmulator();
const { create, created, statusWith } = fx;
const start = fx.start;

describe('Accept and bearer auth', () => {
  it('requires the v3 Accept header (406 not_acceptable) and accepts its spellings', async () => {
    for (const accept of [null, 'application/json', 'application/vnd.heroku+json', 'application/vnd.heroku+json; version=2']) {
      const r = await raw(fx.emu, '/account', { accept });
      expect(r.status).toBe(406);
      expect(r.json).toMatchObject({ id: 'not_acceptable' });
    }
    for (const accept of ['application/vnd.heroku+json; version=3', 'Application/VND.Heroku+JSON;version=3', 'text/plain, application/vnd.heroku+json; version=3']) {
      expect((await raw(fx.emu, '/account', { accept })).status).toBe(200);
    }
  });

  it('401 unauthorized for missing, unknown, revoked, expired and rotated-away tokens', async () => {
    expect((await raw(fx.emu, '/account', { token: null })).json).toEqual({ id: 'unauthorized', message: expect.any(String) });
    expect(await statusWith('HRKU-00000000-0000-0000-0000-000000000000')).toBe(401);

    const revoked = await created({ scope: ['read'], description: 'to revoke' });
    expect(await statusWith(revoked.access_token!.token)).toBe(200);
    expect((await raw(fx.emu, `/oauth/authorizations/${revoked.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await statusWith(revoked.access_token!.token)).toBe(401);
    expect(fx.emu.account.authorizations.find((a) => a.id === revoked.id)?.revoked).toBe(true);
    expect((await raw(fx.emu, `/oauth/authorizations/${revoked.id}`)).status).toBe(404);

    const expiring = await created({ scope: ['read'], expires_in: 60 });
    expect(await statusWith(expiring.access_token!.token)).toBe(200);
    fx.emu.clock.advance(61_000);
    expect(await statusWith(expiring.access_token!.token)).toBe(401);

    const rotated = await created({ scope: ['write'] });
    const regen = await raw(fx.emu, `/oauth/authorizations/${rotated.id}/actions/regenerate-tokens`, { method: 'POST' });
    const fresh = (regen.json as AuthorizationBody).access_token!.token;
    expect(fresh).toMatch(new RegExp(`^HRKU-${UUID}$`));
    expect(fresh).not.toBe(rotated.access_token!.token);
    expect(await statusWith(rotated.access_token!.token)).toBe(401);
    expect(await statusWith(fresh)).toBe(200);
  });

  it('the seeded bare-UUID legacy token and the seeded expired token', async () => {
    const legacy = fx.emu.account.authorizations.find((a) => new RegExp(`^${UUID}$`).test(a.token));
    expect(legacy).toBeDefined();
    expect(await statusWith(legacy!.token)).toBe(200);
    const expired = fx.emu.account.authorizations.find((a) => a.expiresAt !== null && a.expiresAt < fx.emu.clock.now());
    expect(await statusWith(expired!.token)).toBe(401);
  });

  it('~ is the authorization behind the calling token; deleting it signs that token out', async () => {
    const mine = await created({ scope: ['read'], description: 'self' });
    const me = await raw(fx.emu, '/oauth/authorizations/~', { token: mine.access_token!.token });
    expect((me.json as AuthorizationBody).id).toBe(mine.id);
    expect((await raw(fx.emu, '/oauth/authorizations/~', { method: 'DELETE', token: mine.access_token!.token })).status).toBe(200);
    expect(await statusWith(mine.access_token!.token)).toBe(401);
  });

  it('another account sees only its own authorizations', async () => {
    const other = fx.emu.addAccount({ email: 'other@example.com', authorizations: 3 });
    const list = await raw(fx.emu, '/oauth/authorizations', { token: other.apiKey });
    expect((list.json as AuthorizationBody[]).length).toBe(4);
    expect((await raw(fx.emu, '/account', { token: other.apiKey })).json).toMatchObject({ email: 'other@example.com' });
    const demoId = fx.emu.account.authorizations[1]!.id;
    expect((await raw(fx.emu, `/oauth/authorizations/${demoId}`, { token: other.apiKey })).status).toBe(404);
  });
});

describe('create validation', () => {
  it('422 invalid_params when scope is missing, empty or unknown, or expires_in is not a positive integer', async () => {
    for (const body of [{}, { description: 'x' }, { scope: [] }, { scope: ['admin'] }, { scope: ['read'], expires_in: 'soon' }, { scope: ['read'], expires_in: -5 }, { scope: ['read'], expires_in: 1.5 }, { scope: ['read'], description: 7 }]) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json).toMatchObject({ id: 'invalid_params' });
    }
    expect(fx.emu.liveAuthorizations()).toHaveLength(11);
  });

  it('expires_in as a numeric string (as the Heroku CLI sends it) or an integer; description optional', async () => {
    const fromString = await created({ scope: ['read', 'write'], expires_in: '3600' });
    expect(fromString.access_token!.expires_in).toBe(3600);
    expect(fromString.scope).toEqual(['read', 'write']);
    const fromInt = await created({ scope: ['global'], expires_in: 7200, description: 'int' });
    expect(fromInt.access_token!.expires_in).toBe(7200);
    const never = await created({ scope: ['identity'] });
    expect(never.access_token!.expires_in).toBeNull();
    expect(never.description).toBe('');
    expect(fx.emu.liveAuthorizations()).toHaveLength(14);
  });
});

describe('paging with Range', () => {
  const page = (range?: string) => raw(fx.emu, '/oauth/authorizations', { headers: range ? { Range: range } : {} });

  it('follows Next-Range over at least three pages: 206 then 200, ids ascending, nothing lost or repeated', async () => {
    fx.emu.addAuthorizations(450);
    const total = fx.emu.liveAuthorizations().length;
    const seen: string[] = [];
    const statuses: number[] = [];
    let range: string | undefined = 'id ..; max=200';
    while (range) {
      const r = await page(range);
      statuses.push(r.status);
      seen.push(...(r.json as AuthorizationBody[]).map((a) => a.id));
      const next = r.headers.get('next-range');
      if (r.status === 206) expect(next).toMatch(new RegExp(`^\\]${UUID}\\.\\.; max=200$`));
      else expect(next).toBeNull();
      expect(r.status === 206 ? next?.slice(1, 37) : undefined).toBe(r.status === 206 ? seen[seen.length - 1] : undefined);
      range = next ?? undefined;
    }
    expect(statuses).toEqual([206, 206, 200]);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort());
  });

  it('default page 200, max capped at 1000, a bad Range is 416, revoked ones skipped', async () => {
    fx.emu.addAuthorizations(1100);
    const first = await page();
    expect(first.status).toBe(206);
    expect((first.json as unknown[]).length).toBe(200);
    expect(first.headers.get('next-range')).toMatch(/; max=200$/);
    const big = await page('id ..; max=5000;');
    expect((big.json as unknown[]).length).toBe(1000);
    expect(big.headers.get('next-range')).toMatch(/; max=1000$/);
    expect((await page('name ..; max=10')).status).toBe(416);
    expect((await page('id ..; max=0')).status).toBe(416);
    const victim = (first.json as AuthorizationBody[])[3]!;
    await raw(fx.emu, `/oauth/authorizations/${victim.id}`, { method: 'DELETE' });
    const again = await page('id ..; max=10');
    expect((again.json as AuthorizationBody[]).map((a) => a.id)).not.toContain(victim.id);
    expect((again.json as unknown[]).length).toBe(10);
  });

  it('pageSize option sets the default page; the empty seed lists only the sign-in key', async () => {
    await start({ pageSize: 4 });
    const r = await page();
    expect(r.status).toBe(206);
    expect((r.json as unknown[]).length).toBe(4);
    await start({ seed: 'empty' });
    const e = await page();
    expect(e.status).toBe(200);
    expect((e.json as AuthorizationBody[]).map((a) => a.access_token!.token)).toEqual([fx.emu.apiKey]);
  });
});

describe('redaction and the clock', () => {
  it('redaction masks tokens in list and info, while create and regenerate return the full token once', async () => {
    await start({ redactTokens: true });
    const list = (await raw(fx.emu, '/oauth/authorizations')).json as AuthorizationBody[];
    for (const a of list) expect(a.access_token!.token).toMatch(/^(HRKU-)?\*{8}[0-9a-f]{4}$/);
    const key = list.find((a) => a.access_token!.token.endsWith(fx.emu.apiKey.slice(-4)) && a.description === 'Token Tray demo key');
    expect(key).toBeDefined();
    expect(JSON.stringify(list)).not.toContain(fx.emu.apiKey);
    const fresh = await created({ scope: ['read'] });
    expect(fresh.access_token!.token).toMatch(new RegExp(`^HRKU-${UUID}$`));
    const info = (await raw(fx.emu, `/oauth/authorizations/${fresh.id}`)).json as AuthorizationBody;
    expect(info.access_token!.token).toBe(`HRKU-********${fresh.access_token!.token.slice(-4)}`);
    const regen = (await raw(fx.emu, `/oauth/authorizations/${fresh.id}/actions/regenerate-tokens`, { method: 'POST' })).json as AuthorizationBody;
    expect(await statusWith(regen.access_token!.token)).toBe(200);
    expect((await control(fx.emu, 'redaction', { enabled: false })).json).toEqual({ enabled: false });
    const plain = (await raw(fx.emu, `/oauth/authorizations/${fresh.id}`)).json as AuthorizationBody;
    expect(plain.access_token!.token).toBe(regen.access_token!.token);
  });

  it('expires_in counts down on the emulator clock, moved in-process, by the control endpoint and at start', async () => {
    const soon = fx.emu.account.authorizations.find((a) => a.description.includes('expires soon'))!;
    const info = async () => ((await raw(fx.emu, `/oauth/authorizations/${soon.id}`)).json as AuthorizationBody).access_token!.expires_in!;
    const before = await info();
    expect(before).toBeGreaterThan(29 * 60 - 5);
    expect(before).toBeLessThanOrEqual(30 * 60);
    fx.emu.clock.advance(10 * MIN);
    expect(before - (await info())).toBeGreaterThanOrEqual(600);
    const moved = await control(fx.emu, 'clock', { advanceMs: 19 * MIN });
    expect(moved.status).toBe(200);
    expect(await info()).toBeLessThanOrEqual(60);
    await control(fx.emu, 'clock', { advanceMs: 2 * MIN });
    expect(await info()).toBe(0);
    expect(await statusWith(soon.token)).toBe(401);
    await control(fx.emu, 'clock', { setMs: soon.createdAt });
    expect(await statusWith(soon.token)).toBe(200);
    expect((await control(fx.emu, 'clock', { nonsense: 1 })).status).toBe(400);

    const at = Date.parse('2030-01-02T03:04:05Z');
    await start({ clockStart: at });
    expect(Math.abs(fx.emu.clock.now() - at)).toBeLessThan(60_000);
    const fresh = await created({ scope: ['read'] });
    expect(fresh.updated_at.slice(0, 10)).toBe('2030-01-02');
    expect((await raw(fx.emu, '/account')).headers.get('date')).toContain('2030');
  });
});
