/**
 * Apps and config vars in the emulator: answers and the app client's requests checked against
 * Heroku's schema (`app`, `config-var`), Range paging, the release counter, errors, and the
 * faults these routes take (a status is not performed; latency-after-commit is; hang is not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient, type HerokuApi } from '../../main/heroku/client.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { herokuAppsSchema, type Check } from './support/heroku-schema.js';
import { control, raw } from './support/emu-http.js';

const schema = herokuAppsSchema();
const valid = (check: Check, data: unknown) => expect(check(data), JSON.stringify(data).slice(0, 300)).toBeNull();

describe('emulator apps and config vars against the Heroku schema', () => {
  let emu: Emulator;
  const calls: Array<{ method: string; path: string; body: unknown; status: number; json: unknown; range: string | null }> = [];
  let api: HerokuApi;

  beforeAll(async () => {
    emu = await startEmulator({
      seed: 'empty',
      apps: [
        { name: 'backup-worker', configVars: { HEROKU_API_KEY: 'HRKU-aaaaaaaa-1111-2222-3333-444444444444', RAILS_ENV: 'production' } },
        { name: 'deploy-bot', configVars: {} },
      ],
    });
    for (let i = 0; i < 5; i++) emu.addApp(`bulk-app-${i}`, { N: String(i) });
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = await res.clone().text();
      const url = new URL(String(input instanceof Request ? input.url : input));
      const headers = new Headers(init?.headers);
      calls.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        status: res.status,
        json: text === '' ? undefined : JSON.parse(text),
        range: headers.get('Range'),
      });
      return res;
    };
    api = createHerokuClient({ origin: emu.url, apiKey: emu.apiKey, userAgent: 'test', fetch: recording, timeoutMs: 500 });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the validators can fail', () => {
    expect(schema.app({ id: 'x' })).not.toBeNull();
    expect(schema.configVars({ 'bad name': 'x' })).not.toBeNull();
    expect(schema.configVars({ A: 1 })).not.toBeNull();
    expect(schema.configVarsUpdateRequest({ A: 2 })).not.toBeNull();
  });

  it('the client lists apps, reads and updates config vars; every answer and body matches the schema', async () => {
    const list = await api.listApps();
    expect(list.ok && list.value.apps.map((a) => a.name).sort()).toEqual(['backup-worker', 'bulk-app-0', 'bulk-app-1', 'bulk-app-2', 'bulk-app-3', 'bulk-app-4', 'deploy-bot']);
    const vars = await api.getConfigVars('backup-worker');
    expect(vars.ok && vars.value.RAILS_ENV).toBe('production');
    const before = emu.app('backup-worker')!.releases;
    const set = await api.updateConfigVars('backup-worker', { HEROKU_API_KEY: 'HRKU-bbbbbbbb-1111-2222-3333-444444444444' });
    expect(set.ok && set.value.HEROKU_API_KEY).toBe('HRKU-bbbbbbbb-1111-2222-3333-444444444444');
    expect(emu.app('backup-worker')!.releases).toBe(before + 1);
    for (const c of calls) {
      expect(c.status, `${c.method} ${c.path}`).toBeLessThan(300);
      if (c.path === '/apps') valid(schema.appList, c.json);
      else valid(schema.configVars, c.json);
      if (c.method === 'PATCH') valid(schema.configVarsUpdateRequest, c.body);
    }
    expect(calls.find((c) => c.path === '/apps')?.range).toBe('id ..; max=1000');
    const info = await raw(emu, '/apps/deploy-bot');
    expect(info.status).toBe(200);
    valid(schema.app, info.json);
  });

  it('pages GET /apps with Range / Next-Range, and the client follows every page', async () => {
    const first = await raw(emu, '/apps', { headers: { Range: 'id ..; max=3' } });
    expect(first.status).toBe(206);
    valid(schema.appList, first.json);
    expect((first.json as unknown[]).length).toBe(3);
    const next = first.headers.get('next-range')!;
    expect(next).toMatch(/^\]\S+\.\.; max=3$/);
    const second = await raw(emu, '/apps', { headers: { Range: next } });
    expect([200, 206]).toContain(second.status);
    // A server that pages by 2 (whatever the client asks for) is still read to the end.
    const paged = await startEmulator({ seed: 'empty', pageSize: 2, apps: [{ name: 'one-app' }, { name: 'two-app' }, { name: 'three-app' }] });
    try {
      const c = createHerokuClient({ origin: paged.url, apiKey: paged.apiKey, userAgent: 'test' });
      const r = await raw(paged, '/apps');
      expect(r.status).toBe(206);
      const all = await c.listApps();
      expect(all.ok && all.value.apps.length).toBe(3);
    } finally {
      await paged.close();
    }
  });

  it('a change is a release; no change, no release; null removes; bad names and unknown apps are refused', async () => {
    const app = emu.app('deploy-bot')!;
    const r0 = app.releases;
    expect((await raw(emu, '/apps/deploy-bot/config-vars', { method: 'PATCH', body: { FOO: 'bar' } })).status).toBe(200);
    expect((await raw(emu, '/apps/deploy-bot/config-vars', { method: 'PATCH', body: { FOO: 'bar' } })).status).toBe(200);
    expect(app.releases).toBe(r0 + 1);
    const removed = await raw(emu, '/apps/deploy-bot/config-vars', { method: 'PATCH', body: { FOO: null } });
    valid(schema.configVars, removed.json);
    expect(removed.json).toEqual({});
    expect(app.releases).toBe(r0 + 2);
    expect((await raw(emu, '/apps/deploy-bot/config-vars', { method: 'PATCH', body: { 'NOT OK': 'x' } })).status).toBe(422);
    expect((await raw(emu, '/apps/deploy-bot/config-vars', { method: 'PATCH', body: { A: 5 } })).status).toBe(422);
    expect((await raw(emu, '/apps/nope-nope/config-vars')).status).toBe(404);
    expect((await raw(emu, '/apps/nope-nope/config-vars', { token: 'HRKU-00000000-0000-0000-0000-000000000000' })).status).toBe(401);
    const state = (await control(emu, 'state', undefined, 'GET')).json as { accounts: Array<{ apps: Array<{ name: string; releases: number }> }> };
    expect(state.accounts[0]!.apps.find((a) => a.name === 'deploy-bot')?.releases).toBe(r0 + 2);
  });

  it('faults on the config-var routes: status (not performed), latency-after-commit (performed), hang (not performed)', async () => {
    const app = emu.app('deploy-bot')!;
    emu.faults.add({ route: 'config-vars-update', kind: 'status', status: 503, times: 1 });
    const failed = await api.updateConfigVars('deploy-bot', { X: '1' });
    expect(!failed.ok && failed.error.code).toBe('server_error');
    expect(app.configVars.X).toBeUndefined();

    emu.faults.add({ route: 'config-vars-update', kind: 'latency-after-commit', latencyMs: 1500, times: 1 });
    const slow = await api.updateConfigVars('deploy-bot', { X: '2' });
    expect(!slow.ok && slow.error.code).toBe('timeout');
    expect(app.configVars.X).toBe('2');

    emu.faults.add({ route: 'config-vars-update', kind: 'hang', times: 1 });
    const hung = await api.updateConfigVars('deploy-bot', { X: '3' });
    expect(!hung.ok && hung.error.code).toBe('timeout');
    expect(app.configVars.X).toBe('2');

    emu.faults.add({ route: 'config-vars', kind: 'status', status: 403, errorId: 'forbidden', times: 1 });
    const denied = await api.getConfigVars('deploy-bot');
    expect(!denied.ok && denied.error.code).toBe('forbidden');
    emu.faults.add({ route: 'apps', kind: 'status', status: 500, times: 5 });
    const listFailed = await api.listApps();
    expect(!listFailed.ok && listFailed.error.code).toBe('server_error');
    emu.faults.clear();
  });
});
