/** Response checks (zod schemas), through the client against a scripted server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient, type HerokuClientOptions } from '../../../../main/heroku/client.js';
import { authorization, json, startStub, type StubServer } from '../../../support/heroku-stub-server.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const api = (extra: Partial<HerokuClientOptions> = {}) =>
  createHerokuClient({ origin: stub.url, apiKey: 'HRKU-unit-test-key-0000', userAgent: 'ua', retry: { sleep: async () => undefined }, ...extra });

const token = (expires_in: unknown) => ({ id: 't', token: 'HRKU-test-only-value', expires_in });

describe('response checks', () => {
  it('lets unknown fields pass and normalises nulls', async () => {
    stub.script(json(200, [authorization({ brand_new_field: { x: 1 }, description: null, access_token: { ...token(null), token: null } })]));
    const r = await api().listAuthorizations();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.value[0]!.description).toBeUndefined();
    expect(r.value.value[0]!.access_token?.expires_in).toBeNull();
    expect((r.value.value[0] as Record<string, unknown>).brand_new_field).toEqual({ x: 1 });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['missing id', { id: undefined }, /item 2: id /],
    ['numeric id', { id: 42 }, /item 2: id /],
    ['negative expires_in', { access_token: token(-5) }, /expires_in/],
    ['fractional expires_in', { access_token: token(1.5) }, /expires_in/],
    ['string expires_in', { access_token: token('3600') }, /expires_in/],
    ['unparseable created_at', { created_at: 'yesterday' }, /created_at/],
    ['scope not a list', { scope: 'global' }, /scope/],
    ['client without id', { client: { name: 'x' } }, /client\.id/],
  ])('%s is a clear bad_response naming the field', async (_name, patch, field) => {
    const bad = { ...authorization(), ...patch };
    if (patch.id === undefined && 'id' in patch) delete bad.id;
    stub.script(json(200, [authorization({ id: 'fine' }), bad]));
    const r = await api().listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(field);
  });

  it('checks single answers too (create returning garbage is bad_response)', async () => {
    stub.script(json(201, { ok: true }));
    const r = await api().createAuthorization({ description: 'd', scope: ['global'] });
    expect(r.ok ? null : r.error.code).toBe('bad_response');
  });
});
