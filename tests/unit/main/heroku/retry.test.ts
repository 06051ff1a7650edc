/** Retry policy: GETs retried with bounded jittered backoff; changes are never sent twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient, type HerokuApi } from '../../../../main/heroku/client.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../../../main/heroku/retry.js';
import { authorization, cutOff, json, raw, reset, silent, startStub, type Reply, type StubServer } from '../../../support/heroku-stub-server.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

/** A generous timeout so a busy machine never turns an answer into a timeout; `silent` needs a short one. */
function client(timeoutMs = 5_000): { api: HerokuApi; sleeps: number[] } {
  const sleeps: number[] = [];
  const api = createHerokuClient({
    origin: stub.url,
    apiKey: 'HRKU-unit-test-key-0000',
    userAgent: 'heroku-token-tray/test',
    timeoutMs,
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });
  return { api, sleeps };
}

const list = json(200, [authorization()]);
const busy = (status: number, id: string, headers: Record<string, string> = {}) => json(status, { id, message: 'try later' }, headers);

describe('GET retries', () => {
  it.each<[string, Reply]>([
    ['429', busy(429, 'rate_limit')],
    ['502', raw(502, '<html>bad gateway</html>', 'text/html')],
    ['503', busy(503, 'service_unavailable')],
    ['504', raw(504, '', null)],
    ['reset', reset],
    ['cut-off body', cutOff],
  ])('retries after %s and succeeds', async (_name, fault) => {
    stub.script(fault, fault, list);
    const { api, sleeps } = client();
    const r = await api.listAuthorizations();
    expect(r.ok).toBe(true);
    expect(stub.seen).toHaveLength(3);
    // Full jitter with random()=0.5: half of 500 ms, then half of 1000 ms.
    expect(sleeps).toEqual([250, 500]);
  });

  it('stops after maxAttempts and reports the last error', async () => {
    stub.script(busy(503, 'service_unavailable'));
    const { api, sleeps } = client();
    const r = await api.listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('server_error');
    expect(stub.seen).toHaveLength(DEFAULT_RETRY.maxAttempts);
    expect(sleeps).toHaveLength(DEFAULT_RETRY.maxAttempts - 1);
  });

  it('waits what Retry-After asks when it is short', async () => {
    stub.script(busy(429, 'rate_limit', { 'Retry-After': '2' }), json(200, { id: 'acc', email: 'a@example.com' }));
    const { api, sleeps } = client();
    expect((await api.getAccount()).ok).toBe(true);
    expect(sleeps).toEqual([2000]);
  });

  it('reads a Retry-After date against the injected clock, not the machine clock', async () => {
    // The simulated "now" is 2030; the machine's Date.now() is years before the date, which would ask for a long wait.
    const now = Date.parse('2030-01-01T00:00:00Z');
    stub.script(busy(429, 'rate_limit', { 'Retry-After': 'Tue, 01 Jan 2030 00:00:03 GMT' }), json(200, { id: 'acc', email: 'a@example.com' }));
    const sleeps: number[] = [];
    const api = createHerokuClient({
      origin: stub.url,
      apiKey: 'HRKU-unit-test-key-0000',
      userAgent: 'heroku-token-tray/test',
      timeoutMs: 5_000,
      now: () => now,
      retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    });
    expect((await api.getAccount()).ok).toBe(true);
    expect(sleeps).toEqual([3000]);
  });

  it('does not sit out a long Retry-After: reports rate_limited at once', async () => {
    stub.script(busy(429, 'rate_limit', { 'Retry-After': '3600' }), list);
    const { api, sleeps } = client();
    const r = await api.listAuthorizations();
    expect(r.ok ? null : r.error.code).toBe('rate_limited');
    expect(stub.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each<[string, Reply, string]>([
    ['401', busy(401, 'unauthorized'), 'unauthorized'],
    ['404', busy(404, 'not_found'), 'not_found'],
    ['500', busy(500, 'internal_server_error'), 'server_error'],
    ['timeout', silent, 'timeout'],
  ])('does not retry %s', async (_name, fault, code) => {
    stub.script(fault, list);
    const { api } = client(fault === silent ? 150 : undefined);
    const r = await api.getAuthorization('x');
    expect(r.ok ? null : r.error.code).toBe(code);
    expect(stub.seen).toHaveLength(1);
  });
});

describe('changes are sent exactly once', () => {
  const calls: Array<[string, (api: HerokuApi) => Promise<{ ok: boolean }>]> = [
    ['create', (api) => api.createAuthorization({ description: 'd', scope: ['global'] })],
    ['update', (api) => api.updateAuthorization('id1', { description: 'x' })],
    ['rotate', (api) => api.regenerateAuthorization('id1')],
    ['revoke', (api) => api.deleteAuthorization('id1')],
  ];
  const faults: Array<[string, Reply]> = [
    ['429', busy(429, 'rate_limit')],
    ['503', busy(503, 'service_unavailable')],
    ['502', raw(502, 'bad gateway', 'text/plain')],
    ['reset', reset],
    ['cut-off', cutOff],
    ['timeout', silent],
  ];
  for (const [name, call] of calls) {
    it.each(faults)(`${name} after %s: one request, an error, no retry`, async (_f, fault) => {
      stub.script(fault, json(201, authorization()));
      const { api, sleeps } = client(fault === silent ? 150 : undefined);
      const r = await call(api);
      expect(r.ok).toBe(false);
      expect(stub.seen).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });
  }
});

describe('backoff arithmetic', () => {
  const policy = { ...DEFAULT_RETRY, random: () => 0.999 };
  it('grows exponentially up to maxDelayMs and stops at maxAttempts', () => {
    const many = { ...policy, maxAttempts: 10, maxTotalDelayMs: 1e9 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(many, n, null, 0))).toEqual([499, 999, 1998, 3996, 7992, 7992]);
    expect(backoffDelay(policy, 3, null, 0)).toBeNull();
  });
  it('caps the total wait', () => {
    expect(backoffDelay(policy, 1, 5000, 12_000)).toBeNull();
    expect(backoffDelay(policy, 1, 5000, 1000)).toBe(5000);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
