/** The client against a scripted loopback server: headers, timeout, rate limit, origin guard. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient, parseApiOrigin, DEFAULT_API_ORIGIN, type HerokuClientOptions } from '../../../../main/heroku/client.js';
import { authorization, json, raw, silent, startStub, type StubServer } from '../../../support/heroku-stub-server.js';

const KEY = 'HRKU-unit-test-key-0000';
let stub: StubServer;
let other: StubServer;
beforeAll(async () => {
  stub = await startStub();
  other = await startStub();
});
afterAll(async () => {
  await stub.close();
  await other.close();
});

const client = (extra: Partial<HerokuClientOptions> = {}) =>
  createHerokuClient({ origin: stub.url, apiKey: KEY, userAgent: 'heroku-token-tray/1.2.3', retry: { sleep: async () => undefined }, ...extra });

describe('headers', () => {
  it('sends Accept, User-Agent, bearer auth and a fresh uuid Request-Id on every request', async () => {
    stub.script(json(200, { id: 'acc', email: 'a@example.com' }));
    const api = client();
    expect((await api.getAccount()).ok).toBe(true);
    expect((await api.getAccount()).ok).toBe(true);
    const [a, b] = stub.seen;
    expect(a!.headers.accept).toBe('application/vnd.heroku+json; version=3');
    expect(a!.headers['user-agent']).toBe('heroku-token-tray/1.2.3');
    expect(a!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(a!.headers['request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b!.headers['request-id']).not.toBe(a!.headers['request-id']);
  });

  it('asks for big pages on lists and sends JSON bodies on create', async () => {
    stub.script(json(200, [authorization()]), json(201, authorization()));
    const api = client();
    await api.listAuthorizations();
    await api.createAuthorization({ description: 'd', scope: ['read'], expires_in: 60 });
    expect(stub.seen[0]!.headers.range).toBe('id ..; max=1000');
    expect(stub.seen[1]!.method).toBe('POST');
    expect(stub.seen[1]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(stub.seen[1]!.body)).toEqual({ description: 'd', scope: ['read'], expires_in: 60 });
  });

  it('refuses an invalid create body without sending anything', async () => {
    stub.script(json(201, authorization()));
    const r = await client().createAuthorization({ description: 'd', scope: [], expires_in: -5 });
    expect(r.ok ? null : r.error.code).toBe('invalid_params');
    expect(stub.seen).toHaveLength(0);
  });
});

describe('timeout', () => {
  it('gives up after timeoutMs with code timeout', async () => {
    stub.script(silent);
    const r = await client({ timeoutMs: 100 }).getAccount();
    expect(r.ok ? null : r.error.code).toBe('timeout');
  });

  it('also times out a body that starts and then stalls', async () => {
    stub.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[');
    });
    const r = await client({ timeoutMs: 150 }).listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('timeout');
  });
});

describe('rate limit', () => {
  it('is null before the first answer, then records RateLimit-Remaining, also from errors', async () => {
    const api = client();
    expect(api.rateLimitRemaining()).toBeNull();
    stub.script(json(200, { id: 'acc', email: 'a@example.com' }, { 'RateLimit-Remaining': '4321' }));
    await api.getAccount();
    expect(api.rateLimitRemaining()).toBe(4321);
    stub.script(json(404, { id: 'not_found', message: 'gone' }, { 'RateLimit-Remaining': '17' }));
    await api.getAuthorization('x');
    expect(api.rateLimitRemaining()).toBe(17);
  });

  it('ignores a garbled RateLimit-Remaining', async () => {
    const api = client();
    stub.script(json(200, { id: 'acc', email: 'a@example.com' }, { 'RateLimit-Remaining': '12' }));
    await api.getAccount();
    stub.script(json(200, { id: 'acc', email: 'a@example.com' }, { 'RateLimit-Remaining': 'lots' }));
    await api.getAccount();
    expect(api.rateLimitRemaining()).toBe(12);
  });
});

describe('origin guard', () => {
  it.each([
    [undefined, DEFAULT_API_ORIGIN],
    ['', DEFAULT_API_ORIGIN],
    ['https://api.heroku.com/', 'https://api.heroku.com'],
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['http://localhost:8080/x', 'http://localhost:8080'],
    ['http://[::1]:9', 'http://[::1]:9'],
  ])('accepts %s as %s', (input, origin) => {
    expect(parseApiOrigin(input)).toEqual({ ok: true, value: origin });
  });

  it.each(['http://api.heroku.com', 'http://example.com:80', 'ftp://127.0.0.1', 'not a url', 'https://user:pw@api.heroku.com', 'http://127.0.0.1.evil.com'])(
    'rejects %s',
    (input) => {
      const r = parseApiOrigin(input);
      expect(r.ok ? null : r.error.code).toBe('invalid_params');
    },
  );

  it('never sends the key when the configured origin is not acceptable', async () => {
    let calls = 0;
    const api = createHerokuClient({
      origin: 'http://example.com',
      apiKey: KEY,
      userAgent: 'x',
      fetch: async () => {
        calls++;
        return new Response('{}');
      },
    });
    const r = await api.listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('invalid_params');
    expect(calls).toBe(0);
  });

  it('does not follow a redirect, so the key never reaches the other host', async () => {
    other.script(json(200, { id: 'acc', email: 'a@example.com' }));
    stub.script(raw(302, '', null, { Location: `${other.url}/account` }));
    const r = await client().getAccount();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/redirect/);
    expect(other.seen).toHaveLength(0);
  });

  it('keeps ids inside the path (no way to point a request elsewhere)', async () => {
    stub.script(json(200, authorization()));
    await client().getAuthorization('../../account?x=1');
    expect(stub.seen[0]!.url).toBe('/oauth/authorizations/..%2F..%2Faccount%3Fx%3D1');
  });
});

describe('what a list keeps of an item', () => {
  it('lets go of what Heroku sends and nothing reads (user, grant, session, refresh_token, the token id); keeps the rest', async () => {
    const sent = authorization({ grant: { code: 'g', expires_in: 300 }, session: { id: 's' }, refresh_token: { id: 'r', token: 'x', expires_in: null }, app: { id: 'future' } });
    stub.script(json(200, [sent]));
    const r = await client().listAuthorizations();
    if (!r.ok) throw new Error(r.error.message);
    const [item] = r.value.value as Array<Record<string, unknown>>;
    for (const key of ['user', 'grant', 'session', 'refresh_token']) expect(item![key]).toBeUndefined();
    expect(item!.access_token).toEqual({ token: 'HRKU-test-only-not-a-real-token', expires_in: 3600 });
    // What the app reads, and what the schema does not know (the API grows), is as it was sent.
    expect(item).toMatchObject({ id: sent.id, description: 'test token', scope: ['global'], created_at: sent.created_at, updated_at: sent.updated_at, app: { id: 'future' } });
  });
});

