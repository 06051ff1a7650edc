/**
 * Replace under failure, against the real emulator and real files: for each consumer position k of
 * n = 3 and each failure (5xx, timeout with nothing performed, 403 lacking scope, file not
 * writable) the run stops there; the old token still works; every reported state matches what the
 * emulator and the file hold exactly; the new token is in the keychain; one create only. Then
 * Retry (ends done: all new, old revoked) or Roll back (ends rolled back: all old, old valid).
 */
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../shared/domain/env-file.js';
import type { ReplaceOperation } from '../../shared/domain/replace.js';
import { tokenKey } from '../../main/services/secret-keys.js';
import { startConsumersHarness, type ConsumersHarness } from '../support/consumers-harness.js';
import { raw } from './support/emu-http.js';
import { MemoryConsumerStore } from '../../main/adapters/consumer-store.js';
import { LocalConsumerFiles } from '../../main/adapters/local-consumer-files.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { ReplaceService } from '../../main/services/replace-service.js';

type Failure = '5xx' | 'timeout' | '403' | 'file-not-writable';
const FAILURES: Failure[] = ['5xx', 'timeout', '403', 'file-not-writable'];
const N = 3;

let h: ConsumersHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Consumer keys in write order: the failing one at k, the others around it (one app, one file, or two apps). */
function layout(failure: Failure, k: number): { order: string[]; failing: string; apps: string[] } {
  const appKey = (a: string) => `app:${a}:HEROKU_API_KEY`;
  if (failure === 'file-not-writable') {
    const others = ['alpha-app', 'beta-app'];
    const order = others.map(appKey);
    order.splice(k, 0, 'FILE');
    return { order, failing: 'FILE', apps: others };
  }
  const order = [appKey('other-app'), 'FILE'];
  order.splice(k, 0, appKey('failing-app'));
  return { order, failing: appKey('failing-app'), apps: ['other-app', 'failing-app'] };
}

async function arm(failure: Failure, hh: ConsumersHarness): Promise<void> {
  const pathPrefix = '/apps/failing-app/config-vars';
  if (failure === '5xx') hh.emu.faults.add({ route: 'config-vars-update', kind: 'status', status: 503, pathPrefix, times: 1 });
  if (failure === 'timeout') hh.emu.faults.add({ route: 'config-vars-update', kind: 'hang', pathPrefix, times: 1 });
  if (failure === '403') hh.emu.faults.add({ route: 'config-vars-update', kind: 'status', status: 403, errorId: 'forbidden', message: 'This token lacks the write scope.', pathPrefix, times: 1 });
  if (failure === 'file-not-writable') chmodSync(hh.envFile, 0o444);
}

/** What each consumer really holds: 'old', 'new' or 'other'. */
function actual(hh: ConsumersHarness, op: ReplaceOperation, newToken: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of op.steps) {
    const v = s.kind === 'app' ? hh.emu.app(s.location)!.configVars[s.varName] : valueOf(readFileSync(s.location, 'utf8'), s.varName);
    out[s.consumerKey] = v === hh.tokenA ? 'old' : v === newToken ? 'new' : 'other';
  }
  return out;
}

const reported = (op: ReplaceOperation) => Object.fromEntries(op.steps.map((s) => [s.consumerKey, s.state === 'pending' ? 'old' : s.state]));
const creates = (hh: ConsumersHarness) => hh.emu.requests.filter((r) => r.method === 'POST' && r.path === '/oauth/authorizations' && r.status === 201).length;

describe('Replace fault matrix', () => {
  for (const failure of FAILURES) {
    for (let k = 0; k < N; k++) {
      for (const then of ['retry', 'rollback'] as const) {
        it(`${failure} at consumer ${k + 1} of ${N}, then ${then}`, async () => {
          const plan = layout(failure, k);
          h = await startConsumersHarness({ apps: plan.apps, timeoutMs: 700 });
          const hh = h;
          const order = plan.order.map((key) => (key === 'FILE' ? `file:${hh.envFile}:HEROKU_API_KEY` : key));
          const scanned = await hh.scan.scan();
          expect(scanned.ok && scanned.value.consumers.filter((c) => c.authorizationId === hh.idA)).toHaveLength(N);
          const createsBefore = creates(hh);
          const mode = statSync(hh.envFile).mode & 0o777;
          await arm(failure, hh);

          const run = await hh.replace.start({ authorizationId: hh.idA, expiresIn: 3600, revokeOld: true, order });
          expect(run.ok).toBe(true);
          const op = run.ok ? run.value.operation : null!;
          expect(op.status).toBe('failed');
          expect(op.steps.map((s) => s.consumerKey)).toEqual(order);
          expect(op.steps[k]!.error?.message).toBeTruthy();
          // Stopped at the first failure: everything before it holds the new token, nothing after was touched.
          expect(op.steps.map((s) => s.state)).toEqual(order.map((_, i) => (i < k ? 'new' : i === k ? 'old' : 'pending')));
          const newToken = (await hh.secrets.get(tokenKey(hh.accountId, op.newAuthorizationId!)))!;
          expect(newToken).toBe(hh.emu.account.authorizations.find((a) => a.id === op.newAuthorizationId)!.token);
          expect(actual(hh, op, newToken)).toEqual(reported(op));
          expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(200);
          expect(creates(hh) - createsBefore).toBe(1);

          if (failure === 'file-not-writable') chmodSync(hh.envFile, mode);
          const next = then === 'retry' ? await hh.replace.retry(op.id) : await hh.replace.rollback(op.id);
          expect(next.ok).toBe(true);
          const end = next.ok ? next.value.operation : null!;
          expect(end.error).toBeNull();
          expect(creates(hh) - createsBefore).toBe(1);
          const holds = actual(hh, end, newToken);
          if (then === 'retry') {
            expect(end.status).toBe('done');
            expect(Object.values(holds)).toEqual(order.map(() => 'new'));
            expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(401);
            expect((await raw(hh.emu, '/account', { token: newToken })).status).toBe(200);
          } else {
            expect(end.status).toBe('rolled-back');
            expect(Object.values(holds)).toEqual(order.map(() => 'old'));
            expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(200);
          }
          expect(reported(end)).toEqual(holds);
          expect(statSync(hh.envFile).mode & 0o777).toBe(mode);
          expect(readFileSync(hh.envFile, 'utf8')).toMatch(/^# deploy script\nexport HEROKU_API_KEY="HRKU-[^"]+"\nAPP_NAME=backup-worker\n$/);
        });
      }
    }
  }

  it('a write that Heroku performed but answered too late is read back, not resent, and the run goes on', async () => {
    h = await startConsumersHarness({ apps: ['slow-app', 'other-app'], timeoutMs: 500 });
    const hh = h;
    await hh.scan.scan();
    hh.emu.faults.add({ route: 'config-vars-update', kind: 'latency-after-commit', latencyMs: 1_200, pathPrefix: '/apps/slow-app/', times: 1 });
    const run = await hh.replace.start({ authorizationId: hh.idA, expiresIn: null, revokeOld: true });
    expect(run.ok && run.value.operation.status).toBe('done');
    // The emulator logs a request when its (late) answer is sent.
    const patches = () => hh.emu.requests.filter((r) => r.method === 'PATCH' && r.path === '/apps/slow-app/config-vars');
    await expect.poll(() => patches().length, { timeout: 3_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(patches()).toHaveLength(1);
    const op = run.ok ? run.value.operation : null!;
    const newToken = (await hh.secrets.get(tokenKey(hh.accountId, op.newAuthorizationId!)))!;
    expect(hh.emu.app('slow-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(hh.emu.app('slow-app')!.releases).toBe(1);
  });

  it('a run the app was stopped in is a stopped run after the restart; Retry reads back and finishes with one create', async () => {
    h = await startConsumersHarness({ apps: ['first-app', 'second-app'], timeoutMs: 30_000 });
    const hh = h;
    await hh.scan.scan();
    hh.emu.faults.add({ route: 'config-vars-update', kind: 'hang', pathPrefix: '/apps/second-app/', times: 1 });
    const createsBefore = creates(hh);
    // The first process hangs on the second app's write; the "restart" reads what it persisted.
    void hh.replace.start({ authorizationId: hh.idA, expiresIn: 3600, revokeOld: true }).catch(() => undefined);
    await expect.poll(() => hh.store.read().operations[0]?.steps[0]?.state, { timeout: 10_000 }).toBe('new');
    expect(hh.store.read().operations[0]?.status).toBe('writing');
    const persisted = new MemoryConsumerStore(hh.store.read());
    const restarted = new ReplaceService({ api: (id) => hh.core.accounts.api(id), authorizations: hh.core.authorizations, files: new LocalConsumerFiles(), store: persisted, clock: systemClock, logger: hh.logger });
    const stopped = persisted.read().operations[0]!;
    expect(stopped.status).toBe('failed');
    expect(stopped.error?.code).toBe('unknown_outcome');
    const r = await restarted.retry(stopped.id);
    expect(r.ok && r.value.operation.status).toBe('done');
    expect(creates(hh) - createsBefore).toBe(1);
    const newToken = (await hh.secrets.get(tokenKey(hh.accountId, stopped.newAuthorizationId!)))!;
    expect(hh.emu.app('first-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(hh.emu.app('second-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(valueOf(readFileSync(hh.envFile, 'utf8'), 'HEROKU_API_KEY')).toBe(newToken);
    // The first app already held the new token: read back, not written again.
    expect(hh.emu.requests.filter((x) => x.method === 'PATCH' && x.path === '/apps/first-app/config-vars')).toHaveLength(1);
    expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(401);
  });
});
