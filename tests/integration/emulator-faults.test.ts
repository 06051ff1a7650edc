/**
 * The emulator's fault injection (every kind, over raw HTTP), its rate limit, and its control
 * surfaces: the /__emulator/ endpoint, the request log and `npm run emulator`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseFaultFlag } from '../heroku-emulator/faults.js';
import { control, raw } from './support/emu-http.js';
import { UUID, useEmulator } from './support/emu-fixture.js';

const fx = useEmulator();
const { create } = fx;
const start = fx.start;

describe('faults, each observable over raw HTTP', () => {
  it('status: Heroku error body, custom id/message, times', async () => {
    fx.emu.faults.add({ route: 'list', kind: 'status', status: 503, times: 1 });
    const r = await raw(fx.emu, '/oauth/authorizations');
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ id: 'service_unavailable' });
    expect(r.headers.get('request-id')).toBeTruthy();
    expect((await raw(fx.emu, '/oauth/authorizations')).status).toBe(200);
    expect((await control(fx.emu, 'faults', { route: 'create', kind: 'status', status: 403, errorId: 'suspended', message: 'Account suspended.' })).status).toBe(201);
    expect((await create({ scope: ['read'] })).json).toEqual({ id: 'suspended', message: 'Account suspended.' });
    expect(fx.emu.liveAuthorizations()).toHaveLength(11);
    expect((await control(fx.emu, 'faults', undefined, 'DELETE')).status).toBe(200);
    expect((await create({ scope: ['read'] })).status).toBe(201);
  });

  it('latency: the answer is held back (a short client timeout fires), other routes are not', async () => {
    fx.emu.faults.add({ route: 'create', kind: 'latency', latencyMs: 30_000 });
    const held = raw(fx.emu, '/oauth/authorizations', { method: 'POST', body: { scope: ['read'] }, signal: AbortSignal.timeout(300) });
    await expect(held).rejects.toThrow();
    expect((await raw(fx.emu, '/account')).status).toBe(200);
  }, 10_000);

  it('reset destroys the connection and performs nothing; reset-after-commit performs, then destroys', async () => {
    fx.emu.faults.add({ route: 'create', kind: 'reset', times: 1 });
    await expect(create({ scope: ['read'], description: 'reset' })).rejects.toThrow();
    expect(fx.emu.liveAuthorizations().some((a) => a.description === 'reset')).toBe(false);
    fx.emu.faults.add({ route: 'create', kind: 'reset-after-commit', times: 1 });
    await expect(create({ scope: ['read'], description: 'committed' })).rejects.toThrow();
    expect(fx.emu.liveAuthorizations().filter((a) => a.description === 'committed')).toHaveLength(1);
    expect(fx.emu.requests.at(-1)).toMatchObject({ method: 'POST', path: '/oauth/authorizations', status: 0 });
  });

  it('truncated, non-json and wrong-content-type shape the answer', async () => {
    fx.emu.faults.add({ route: 'list', kind: 'truncated', times: 1 });
    await expect(raw(fx.emu, '/oauth/authorizations')).rejects.toThrow();
    fx.emu.faults.add({ route: 'info', kind: 'non-json', times: 1 });
    const html = await raw(fx.emu, '/oauth/authorizations/~');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.json).toBeUndefined();
    expect(html.text).toContain('<html>');
    fx.emu.faults.add({ route: 'account', kind: 'wrong-content-type', times: 1 });
    const wrong = await raw(fx.emu, '/account');
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('content-type')).toMatch(/^text\/html/);
    expect(wrong.json).toMatchObject({ email: 'demo@example.com' });
    expect((await raw(fx.emu, '/account')).headers.get('content-type')).toBe('application/json');
  });

  it('endless-next-range: every page claims more', async () => {
    fx.emu.faults.add({ route: 'list', kind: 'endless-next-range' });
    let range = 'id ..; max=5';
    for (let i = 0; i < 8; i++) {
      const r = await raw(fx.emu, '/oauth/authorizations', { headers: { Range: range } });
      expect(r.status).toBe(206);
      range = r.headers.get('next-range')!;
      expect(range).toBeTruthy();
    }
  });

  it('rate-limit-storm answers 429 to the next n requests; method filters apply', async () => {
    fx.emu.faults.add({ route: 'any', kind: 'rate-limit-storm', times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await raw(fx.emu, '/account');
      expect(r.status).toBe(429);
      expect(r.json).toMatchObject({ id: 'rate_limit' });
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
    }
    expect((await raw(fx.emu, '/account')).status).toBe(200);
    fx.emu.faults.add({ route: 'any', method: 'POST', kind: 'status', status: 500 });
    expect((await raw(fx.emu, '/oauth/authorizations')).status).toBe(200);
    expect((await create({ scope: ['read'] })).status).toBe(500);
  });

  it('faults from start options and the --fault flag syntax', async () => {
    await start({ faults: [parseFaultFlag('list:status:502:times=1'), parseFaultFlag('account:rate-limit-storm:1')] });
    expect((await raw(fx.emu, '/oauth/authorizations')).status).toBe(502);
    expect((await raw(fx.emu, '/account')).status).toBe(429);
    expect(parseFaultFlag('create:latency:2000')).toMatchObject({ route: 'create', kind: 'latency', latencyMs: 2000 });
    expect(parseFaultFlag('any:status:422:id=invalid_params:message=a: b')).toMatchObject({ status: 422, errorId: 'invalid_params', message: 'a: b' });
    expect(() => parseFaultFlag('list:explode')).toThrow(/unknown fault kind/);
    expect((await control(fx.emu, 'faults', { kind: 'nope' })).status).toBe(400);
  });
});

describe('rate limit and control surfaces', () => {
  it('RateLimit-Remaining counts down; rate-limits does not count; 429 when spent', async () => {
    const a = Number((await raw(fx.emu, '/account')).headers.get('ratelimit-remaining'));
    const b = Number((await raw(fx.emu, '/oauth/authorizations')).headers.get('ratelimit-remaining'));
    expect(b).toBe(a - 1);
    const limits = await raw(fx.emu, '/account/rate-limits');
    expect(limits.json).toEqual({ remaining: b });
    expect(Number(limits.headers.get('ratelimit-remaining'))).toBe(b);
    fx.emu.setRateLimitRemaining(1);
    expect((await raw(fx.emu, '/account')).headers.get('ratelimit-remaining')).toBe('0');
    const spent = await raw(fx.emu, '/account');
    expect(spent.status).toBe(429);
    expect(spent.json).toMatchObject({ id: 'rate_limit' });
    expect((await control(fx.emu, 'rate-limit', { remaining: 5 })).json).toEqual({ remaining: 5 });
    expect((await raw(fx.emu, '/account')).headers.get('ratelimit-remaining')).toBe('4');
  });

  it('every answer carries Request-Id (echoing the caller\'s), RateLimit-Remaining and Date', async () => {
    for (const r of [await raw(fx.emu, '/account', { headers: { 'Request-Id': 'abc-123' } }), await raw(fx.emu, '/nope'), await raw(fx.emu, '/account', { accept: null })]) {
      expect(r.headers.get('request-id')).toBeTruthy();
      expect(r.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
      expect(Number.isNaN(Date.parse(r.headers.get('date')!))).toBe(false);
    }
    expect((await raw(fx.emu, '/account', { headers: { 'Request-Id': 'abc-123' } })).headers.get('request-id')).toBe('abc-123');
  });

  it('the request log and state endpoints', async () => {
    await create({ scope: ['read'], description: 'logged' });
    const log = (await control(fx.emu, 'requests', undefined, 'GET')).json as Array<{ method: string; path: string; status: number; body?: unknown }>;
    expect(log.at(-1)).toMatchObject({ method: 'POST', path: '/oauth/authorizations', status: 201, body: { scope: ['read'], description: 'logged' } });
    const state = (await control(fx.emu, 'state', undefined, 'GET')).json as { accounts: Array<{ email: string; authorizations: unknown[] }> };
    expect(state.accounts[0]!.authorizations).toHaveLength(12);
  });

  it('npm run emulator prints its URL and key (made up when not given); --clock, --seed, --fault apply', async () => {
    const cases: Array<[string[], (url: string, key: string) => Promise<void>]> = [
      [['--api-key', 'HRKU-cli-given-key'], async (_url, key) => expect(key).toBe('HRKU-cli-given-key')],
      [
        ['--seed', 'empty', '--clock', '2030-01-02T03:04:05Z', '--fault', 'list:status:503:times=1'],
        async (url, key) => {
          expect(key).toMatch(new RegExp(`^HRKU-${UUID}$`));
          expect((await raw({ url, apiKey: key }, '/oauth/authorizations')).status).toBe(503);
          const list = await raw({ url, apiKey: key }, '/oauth/authorizations');
          expect((list.json as unknown[]).length).toBe(1);
          expect(list.headers.get('date')).toContain('2030');
        },
      ],
    ];
    for (const [args, check] of cases) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/heroku-emulator/cli.ts', '--port', '0', ...args], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const lines = readline.createInterface({ input: child.stdout! });
        let url = '';
        let key = '';
        for await (const line of lines) {
          url ||= /listening on (http:\S+)/.exec(line)?.[1] ?? '';
          key ||= /^API key: (\S+)/.exec(line)?.[1] ?? '';
          if (url && key) break;
        }
        await check(url, key);
        expect((await raw({ url, apiKey: key }, '/account')).status).toBe(200);
      } finally {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        }
      }
    }
  }, 30_000);
});
