/**
 * Contract: every emulator route's answers (success and error) and the app client's create and
 * update request bodies, validated against Heroku's own schema (tests/fixtures/heroku-schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient } from '../../main/heroku/client.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { herokuSchema, type Check } from './support/heroku-schema.js';
import { raw, type AuthorizationBody, type RawReply } from './support/emu-http.js';

const schema = herokuSchema();

interface Recorded {
  method: string;
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  contentType: string | null;
}

/** Asserts a value passes a schema check, showing ajv's errors when it does not. */
function valid(check: Check, data: unknown): void {
  expect(check(data), JSON.stringify(data).slice(0, 400)).toBeNull();
}

/** Asserts a Heroku-style error answer. */
function herokuError(r: RawReply, status: number, id: string): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/json');
  valid(schema.error, r.json);
  expect((r.json as { id: string }).id).toBe(id);
  expect(r.headers.get('request-id')).toBeTruthy();
  expect(r.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  expect(r.headers.get('date')).toBeTruthy();
}

describe('emulator contract against the Heroku Platform API schema', () => {
  let emu: Emulator;
  const calls: Recorded[] = [];

  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the schema checks can fail (the validator is live)', () => {
    expect(schema.authorization({ id: 'x' })).not.toBeNull();
    expect(schema.account({})).not.toBeNull();
    expect(schema.createRequest({ description: 'no scope' })).not.toBeNull();
    expect(schema.createRequest({ scope: ['read'], expires_in: '3600' })).not.toBeNull();
    expect(schema.error({ message: 'no id' })).not.toBeNull();
    const one = emu.account.authorizations[0]!;
    const withMillis = { created_at: new Date(one.createdAt).toISOString() };
    expect(schema.authorization(withMillis)).toMatch(/created_at/);
  });

  it('the app client: every request body and every answer matches the schema', async () => {
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = await res.clone().text();
      const url = new URL(String(input instanceof Request ? input.url : input));
      calls.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        requestBody: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        status: res.status,
        responseBody: text === '' ? undefined : JSON.parse(text),
        contentType: res.headers.get('content-type'),
      });
      return res;
    };
    const client = createHerokuClient({ origin: emu.url, apiKey: emu.apiKey, userAgent: 'heroku-token-tray/0.0.0-test', fetch: recording });
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value;
    };
    must(await client.getAccount());
    must(await client.listAuthorizations());
    const created = must(await client.createAuthorization({ description: 'Contract: expiring', scope: ['read', 'write'], expires_in: 3600 })).value;
    must(await client.createAuthorization({ description: 'Contract: never expires', scope: ['global'], expires_in: null }));
    must(await client.createAuthorization({ description: 'Contract: no expires_in', scope: ['identity'] }));
    must(await client.getAuthorization(created.id));
    must(await client.updateAuthorization(created.id, { description: 'Contract: renamed' }));
    must(await client.regenerateAuthorization(created.id));
    must(await client.deleteAuthorization(created.id));

    const routes = new Set(calls.map((c) => `${c.method} ${c.path.replace(created.id, '{id}')}`));
    expect([...routes].sort()).toEqual(
      [
        'DELETE /oauth/authorizations/{id}',
        'GET /account',
        'GET /oauth/authorizations',
        'GET /oauth/authorizations/{id}',
        'PATCH /oauth/authorizations/{id}',
        'POST /oauth/authorizations',
        'POST /oauth/authorizations/{id}/actions/regenerate-tokens',
      ].sort(),
    );
    for (const c of calls) {
      expect(c.status, `${c.method} ${c.path}`).toBeLessThan(300);
      expect(c.contentType).toBe('application/json');
      if (c.path === '/account') valid(schema.account, c.responseBody);
      else if (c.method === 'GET' && c.path === '/oauth/authorizations') valid(schema.authorizationList, c.responseBody);
      else valid(schema.authorization, c.responseBody);
    }
  });

  it('the app client: create and update request bodies match the schema links', () => {
    const creates = calls.filter((c) => c.method === 'POST' && c.path === '/oauth/authorizations');
    const updates = calls.filter((c) => c.method === 'PATCH');
    expect(creates).toHaveLength(3);
    expect(updates).toHaveLength(1);
    for (const c of creates) valid(schema.createRequest, c.requestBody);
    // The Update link says `client` is required; Heroku's own CLI (authorizations:update -d)
    // sends only `description` and Heroku accepts it (see heroku-cli-interop.test.ts). The body
    // must match the link in every other respect, and lack nothing but `client`.
    for (const c of updates) {
      valid(schema.updateRequestAsEnforced, c.requestBody);
      const strict = schema.updateRequest(c.requestBody);
      if (strict !== null) expect(strict).toMatch(/missingProperty":"client"/);
    }
  });

  it('GET /account and GET /account/rate-limits', async () => {
    const account = await raw(emu, '/account');
    expect(account.status).toBe(200);
    valid(schema.account, account.json);
    const limits = await raw(emu, '/account/rate-limits');
    expect(limits.status).toBe(200);
    expect(limits.headers.get('content-type')).toBe('application/json');
    valid(schema.rateLimit, limits.json);
  });

  it('every seeded authorization (client-owned, CLI session, legacy, expired) matches, plain and redacted', async () => {
    for (const redact of [false, true]) {
      emu.setRedaction(redact);
      const list = await raw(emu, '/oauth/authorizations');
      expect(list.status).toBe(200);
      valid(schema.authorizationList, list.json);
      const items = list.json as AuthorizationBody[];
      expect(items.some((a) => a.client !== null)).toBe(true);
      for (const a of items) valid(schema.authorization, (await raw(emu, `/oauth/authorizations/${a.id}`)).json);
      valid(schema.authorization, (await raw(emu, '/oauth/authorizations/~')).json);
    }
    emu.setRedaction(false);
  });

  it('create, update, regenerate and delete answers match (raw HTTP, including ~)', async () => {
    const c = await raw(emu, '/oauth/authorizations', { method: 'POST', body: { scope: ['read'], description: 'raw', expires_in: 60 } });
    expect(c.status).toBe(201);
    valid(schema.authorization, c.json);
    const id = (c.json as AuthorizationBody).id;
    const token = (c.json as AuthorizationBody).access_token!.token;
    for (const [method, path, body] of [
      ['PATCH', `/oauth/authorizations/${id}`, { description: 'raw renamed' }],
      ['POST', `/oauth/authorizations/${id}/actions/regenerate-tokens`, undefined],
      ['GET', `/oauth/authorizations/${id}`, undefined],
      ['DELETE', `/oauth/authorizations/${id}`, undefined],
    ] as const) {
      const r = await raw(emu, path, { method, body });
      expect(r.status, `${method} ${path}`).toBe(200);
      valid(schema.authorization, r.json);
    }
    const other = await raw(emu, '/oauth/authorizations', { method: 'POST', body: { scope: ['read'] } });
    const otherToken = (other.json as AuthorizationBody).access_token!.token;
    expect(token).not.toBe(otherToken);
    valid(schema.authorization, (await raw(emu, '/oauth/authorizations/~/actions/regenerate-tokens', { method: 'POST', token: otherToken })).json);
  });

  it('error answers on every route are Heroku error bodies with the headers', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/account'],
      ['GET', '/account/rate-limits'],
      ['GET', '/oauth/authorizations'],
      ['POST', '/oauth/authorizations', { scope: ['read'] }],
      ['GET', '/oauth/authorizations/~'],
      ['PATCH', '/oauth/authorizations/~', { description: 'x' }],
      ['DELETE', '/oauth/authorizations/~'],
      ['POST', '/oauth/authorizations/~/actions/regenerate-tokens'],
    ];
    for (const [method, path, body] of routes) {
      herokuError(await raw(emu, path, { method, body, token: 'HRKU-00000000-0000-0000-0000-000000000000' }), 401, 'unauthorized');
      herokuError(await raw(emu, path, { method, body, token: null }), 401, 'unauthorized');
      herokuError(await raw(emu, path, { method, body, accept: 'application/json' }), 406, 'not_acceptable');
    }
    const missing = '/oauth/authorizations/01234567-89ab-cdef-0123-456789abcdef';
    for (const [method, path] of [['GET', missing], ['PATCH', missing], ['DELETE', missing], ['POST', `${missing}/actions/regenerate-tokens`]]) {
      herokuError(await raw(emu, path!, { method, body: method === 'PATCH' ? { description: 'x' } : undefined }), 404, 'not_found');
    }
    herokuError(await raw(emu, '/nope'), 404, 'not_found');
    herokuError(await raw(emu, '/oauth/authorizations', { method: 'POST', body: { description: 'no scope' } }), 422, 'invalid_params');
    herokuError(await raw(emu, '/oauth/authorizations', { method: 'POST', body: '{not json' }), 400, 'bad_request');
    herokuError(await raw(emu, '/oauth/authorizations', { headers: { Range: 'bogus' } }), 416, 'requested_range_not_satisfiable');
    emu.faults.add({ route: 'list', kind: 'status', status: 503, times: 1 });
    herokuError(await raw(emu, '/oauth/authorizations'), 503, 'service_unavailable');
    emu.setRateLimitRemaining(0);
    herokuError(await raw(emu, '/oauth/authorizations'), 429, 'rate_limit');
    emu.setRateLimitRemaining(4500);
  });
});
