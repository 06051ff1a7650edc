/** Error mapping: body id first, then status; broken answers are bad_response; no token leaks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient } from '../../../../main/heroku/client.js';
import { mapHttpError, maskTokens } from '../../../../main/heroku/errors.js';
import { authorization, cutOff, json, raw, reset, silent, startStub, type Reply, type StubServer } from '../../../support/heroku-stub-server.js';

const KEY = 'HRKU-secret-key-must-not-leak-1234';
let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const api = (timeoutMs = 5_000) =>
  createHerokuClient({ origin: stub.url, apiKey: KEY, userAgent: 'ua', timeoutMs, retry: { maxAttempts: 1, sleep: async () => undefined } });

describe('mapHttpError', () => {
  it.each([
    [401, 'unauthorized', 'unauthorized'],
    [403, 'forbidden', 'forbidden'],
    [404, 'not_found', 'not_found'],
    [422, 'invalid_params', 'invalid_params'],
    [429, 'rate_limit', 'rate_limited'],
    [500, 'internal_server_error', 'server_error'],
    [503, 'service_unavailable', 'server_error'],
    // The body id wins over the status.
    [400, 'rate_limit', 'rate_limited'],
    [403, 'suspended', 'forbidden'],
    [422, 'unauthorized', 'unauthorized'],
    [404, 'gone', 'not_found'],
  ])('HTTP %i with id %s -> %s', (status, id, code) => {
    expect(mapHttpError(status, { id, message: 'x' }).code).toBe(code);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [410, 'not_found'],
    [422, 'invalid_params'],
    [429, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [418, 'bad_response'],
    [406, 'bad_response'],
  ])('HTTP %i without a body -> %s', (status, code) => {
    expect(mapHttpError(status, null).code).toBe(code);
  });

  it('falls back on the status for an id it does not know', () => {
    expect(mapHttpError(403, { id: 'some_new_id', message: 'm' }).code).toBe('forbidden');
  });

  it('quotes Heroku’s reason for invalid params, with tokens masked', () => {
    const e = mapHttpError(422, { id: 'invalid_params', message: 'Scope is invalid for HRKU-abcdef123456 and Bearer xyz' });
    expect(e.message).toContain('Scope is invalid');
    expect(e.message).not.toContain('abcdef123456');
    expect(e.message).not.toContain('xyz');
  });

  it('every message is a sentence', () => {
    for (const status of [401, 403, 404, 422, 429, 500, 503, 418]) {
      expect(mapHttpError(status, null).message).toMatch(/^[A-Z].{15,}\.$/);
    }
  });

  it('maskTokens masks HRKU and bare-uuid tokens', () => {
    expect(maskTokens('a HRKU-0123abcd-x b 01234567-89ab-4cde-8f01-23456789abcd c')).toBe('a [redacted] b [redacted] c');
  });
});

describe('broken answers end as bad_response, never as a crash', () => {
  it.each<[string, Reply]>([
    ['non-JSON 200', raw(200, '<html>hello</html>', 'application/json')],
    ['wrong content type', raw(200, JSON.stringify([authorization()]), 'text/html')],
    ['no content type', raw(200, JSON.stringify([authorization()]), null)],
    ['truncated JSON, cleanly ended', raw(200, '[{"id":"abc","scope":["glo', 'application/json')],
    ['cut-off connection', cutOff],
    ['empty 200', raw(200, '', 'application/json')],
    ['object instead of a list', json(200, { id: 'x' })],
  ])('%s', async (_name, reply) => {
    stub.script(reply);
    const r = await api().listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('bad_response');
  });

  it('maps a non-JSON error page from a proxy by its status', async () => {
    stub.script(raw(503, '<html>Service Unavailable</html>', 'text/html'));
    const r = await api().listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('server_error');
  });

  it('reports a reset as offline', async () => {
    stub.script(reset);
    const r = await api().listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('offline');
  });
});

describe('the key never appears in an error', () => {
  const echo: Reply = (req, res) => {
    res.writeHead(422, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: 'invalid_params', message: `bad: ${req.headers.authorization}` }));
  };
  it.each<[string, Reply]>([
    ['echoing error', echo],
    ['reset', reset],
    ['timeout', silent],
    ['cut-off', cutOff],
    ['non-json', raw(200, KEY, 'text/plain')],
    ['schema', json(200, [{ ...authorization(), id: 5, access_token: { token: KEY, expires_in: -1 } }])],
  ])('%s', async (_name, reply) => {
    stub.script(reply);
    const t = reply === silent ? 150 : undefined;
    for (const r of [await api(t).listAuthorizations(), await api(t).createAuthorization({ description: KEY, scope: ['global'] })]) {
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain(KEY.slice(5));
    }
  });
});
