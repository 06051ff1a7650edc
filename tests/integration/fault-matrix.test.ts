/**
 * Every fault the emulator can inject, on list, create, rotate and revoke, driven through the real
 * services (createCore) and the real client over loopback: the expected error code, no crash, no
 * unhandled rejection, a change sent exactly once, and never a duplicate authorization.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { createTestCore } from '../support/test-core.js';
import { createHerokuClient } from '../../main/heroku/client.js';
import { createConsoleLogger } from '../../main/adapters/console-logger.js';
import { startEmulator, type Emulator, type FaultSpec } from '../heroku-emulator/server.js';

/** Short enough to keep the suite quick, long enough for loopback. */
const TIMEOUT_MS = 1_000;
const LATENCY_MS = 2_000;

type Route = 'list' | 'create' | 'rotate' | 'revoke';
type Expected = 'ok' | string;
type FaultCase = { name: string; fault: Omit<FaultSpec, 'route'>; expect: Record<Route, Expected>; performed: boolean };

const same = (code: string): Record<Route, Expected> => ({ list: code, create: code, rotate: code, revoke: code });
/** A read fails with `read`; a change whose outcome nobody knows says so. */
const unknown = (read: string): Record<Route, Expected> => ({ list: read, create: 'unknown_outcome', rotate: 'unknown_outcome', revoke: 'unknown_outcome' });
const status = (s: number, errorId: string) => ({ kind: 'status' as const, status: s, errorId, message: `injected ${errorId}` });

const CASES: FaultCase[] = [
  { name: '401 unauthorized', fault: status(401, 'unauthorized'), expect: same('unauthorized'), performed: false },
  { name: '403 forbidden', fault: status(403, 'forbidden'), expect: same('forbidden'), performed: false },
  // A revoke that Heroku answers 404 is already gone, which is what the user wanted.
  { name: '404 not_found', fault: status(404, 'not_found'), expect: { ...same('not_found'), revoke: 'ok' }, performed: false },
  { name: '422 invalid_params', fault: status(422, 'invalid_params'), expect: same('invalid_params'), performed: false },
  { name: '429 rate_limit', fault: status(429, 'rate_limit'), expect: same('rate_limited'), performed: false },
  { name: '500 internal_server_error', fault: status(500, 'internal_server_error'), expect: unknown('server_error'), performed: false },
  { name: '503 service_unavailable', fault: status(503, 'service_unavailable'), expect: unknown('server_error'), performed: false },
  { name: 'latency beyond the timeout', fault: { kind: 'latency', latencyMs: LATENCY_MS }, expect: unknown('timeout'), performed: true },
  { name: 'reset', fault: { kind: 'reset' }, expect: unknown('offline'), performed: false },
  { name: 'reset-after-commit', fault: { kind: 'reset-after-commit' }, expect: unknown('offline'), performed: true },
  { name: 'truncated', fault: { kind: 'truncated' }, expect: unknown('bad_response'), performed: true },
  { name: 'non-json', fault: { kind: 'non-json' }, expect: unknown('bad_response'), performed: true },
  { name: 'wrong-content-type', fault: { kind: 'wrong-content-type' }, expect: unknown('bad_response'), performed: true },
  // Only lists page; a change ignores this fault and succeeds.
  { name: 'endless-next-range', fault: { kind: 'endless-next-range' }, expect: { list: 'bad_response', create: 'ok', rotate: 'ok', revoke: 'ok' }, performed: true },
  { name: '429 storm', fault: { kind: 'rate-limit-storm', times: 10 }, expect: same('rate_limited'), performed: false },
  // A short storm: a read gets through on a retry; a change is never retried.
  { name: 'short 429 storm', fault: { kind: 'rate-limit-storm', times: 2 }, expect: { list: 'ok', create: 'rate_limited', rotate: 'rate_limited', revoke: 'rate_limited' }, performed: false },
];

const EMU_ROUTE = { list: 'list', create: 'create', rotate: 'regenerate', revoke: 'delete' } as const;
const METHOD = { list: 'GET', create: 'POST', rotate: 'POST', revoke: 'DELETE' } as const;

let emu: Emulator;
let core: Core;
const logLines: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
let seq = 0;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  emu = await startEmulator({ seed: 'demo' });
  core = createTestCore(emu.url, {
    logger: createConsoleLogger('debug', (line) => void logLines.push(line)),
    // The real client, with a short timeout and instant backoff so the matrix runs quickly.
    apiFactory: (apiKey) =>
      createHerokuClient({ origin: emu.url, apiKey, userAgent: 'heroku-token-tray/test', timeoutMs: TIMEOUT_MS, retry: { sleep: async () => undefined } }),
  });
  const signedIn = await core.accounts.signIn(emu.apiKey);
  if (!signedIn.ok) throw new Error(signedIn.error.message);
});

afterEach(() => {
  emu.faults.clear();
  expect(unhandled).toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await emu?.close();
});

const live = (description: string) => emu.liveAuthorizations().filter((a) => a.description === description);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** A fresh authorization (made without faults) for rotate and revoke to work on. */
async function target(description: string): Promise<string> {
  const made = await core.authorizations.create({ description, scopes: ['read'], expiresIn: 3600 });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.authorization.id;
}

async function run(route: Route, description: string, id: string): Promise<{ ok: boolean; code: string; text: string }> {
  const r =
    route === 'list'
      ? await core.authorizations.refresh()
      : route === 'create'
        ? await core.authorizations.create({ description, scopes: ['read'], expiresIn: 3600 })
        : route === 'rotate'
          ? await core.authorizations.rotate(id)
          : await core.authorizations.revoke(id);
  return { ok: r.ok, code: r.ok ? 'ok' : r.error.code, text: JSON.stringify(r.ok ? {} : r.error) };
}

describe.each<Route>(['list', 'create', 'rotate', 'revoke'])('%s', (route) => {
  it.each(CASES)('$name', async (c) => {
    const description = `fault-matrix ${route} ${c.name} #${++seq}`;
    const id = route === 'rotate' || route === 'revoke' ? await target(description) : '';
    const tokenBefore = id ? live(description)[0]?.token : undefined;
    const sent = () => emu.requests.filter((r) => r.method === METHOD[route] && matches(route, r.path, id)).length;
    const before = sent();
    emu.faults.add({ ...c.fault, route: EMU_ROUTE[route] });

    const r = await run(route, description, id);

    expect(r.code).toBe(c.expect[route]);
    // The key and every token stay out of what the user sees.
    for (const t of emu.liveAuthorizations().map((a) => a.token)) expect(r.text).not.toContain(t);
    expect(r.text).not.toContain(emu.apiKey);

    if (route === 'list') {
      expect(sent() - before).toBeLessThanOrEqual(3);
      return;
    }
    // A change reaches Heroku exactly once (the latency fault logs only when it answers).
    if (c.fault.kind === 'latency') await until(() => sent() - before === 1, 'the delayed request');
    expect(sent() - before).toBe(1);
    emu.faults.clear();
    // The service already refreshes in the background; a second refresh surely starts after the change.
    await core.authorizations.refresh();
    const refreshed = await core.authorizations.refresh();
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    const shown = refreshed.value.items.filter((a) => a.description === description).length;
    const changed = c.performed;

    if (route === 'create') {
      expect(live(description)).toHaveLength(changed ? 1 : 0);
      expect(shown).toBe(live(description).length);
    } else if (route === 'rotate') {
      expect(live(description)).toHaveLength(1);
      expect(shown).toBe(1);
      expect(live(description)[0]!.token !== tokenBefore).toBe(changed);
    } else {
      expect(live(description)).toHaveLength(changed ? 0 : 1);
      expect(shown).toBe(live(description).length);
    }
  });
});

function matches(route: Route, path: string, id: string): boolean {
  if (route === 'list' || route === 'create') return path === '/oauth/authorizations';
  if (route === 'rotate') return path === `/oauth/authorizations/${id}/actions/regenerate-tokens`;
  return path === `/oauth/authorizations/${id}`;
}

describe('after the matrix', () => {
  it('never logged the API key or a token', () => {
    const tokens = [emu.apiKey, ...emu.liveAuthorizations().map((a) => a.token)];
    for (const line of logLines) for (const t of tokens) expect(line).not.toContain(t);
  });

  it('exposes the RateLimit-Remaining the emulator reported', async () => {
    emu.setRateLimitRemaining(1234);
    expect((await core.authorizations.refresh()).ok).toBe(true);
    // The emulator counts requests (this one included, before it answers): near 1234, far from 4500.
    const remaining = (await core.status()).rateLimitRemaining;
    expect(remaining).toBeLessThanOrEqual(1234);
    expect(remaining).toBeGreaterThanOrEqual(1230);
  });

  it('reset-after-commit on create: unknown_outcome, and the refreshed list shows exactly one new token', async () => {
    const description = `fault-matrix commit-check #${++seq}`;
    emu.faults.add({ route: 'create', kind: 'reset-after-commit', times: 1 });
    const r = await core.authorizations.create({ description, scopes: ['global'], expiresIn: null });
    expect(r.ok ? 'ok' : r.error.code).toBe('unknown_outcome');
    expect(r.ok ? '' : r.error.message).toMatch(/not known whether the create happened/);
    const refreshed = await core.authorizations.refresh();
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect(refreshed.value.items.filter((a) => a.description === description)).toHaveLength(1);
    expect(live(description)).toHaveLength(1);
  });
});
