/**
 * Replace when the revoke of the old token times out: the outcome is learned by reading the
 * authorization list (never by sending the DELETE again), and Roll back is refused once the old
 * token is known to be gone: writing a revoked token back into every consumer would break them all.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { valueOf } from '../../shared/domain/env-file.js';
import { tokenKey } from '../../main/services/secret-keys.js';
import { startConsumersHarness, type ConsumersHarness } from '../support/consumers-harness.js';
import { raw } from './support/emu-http.js';

let h: ConsumersHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const deletes = (hh: ConsumersHarness) => hh.emu.requests.filter((r) => r.method === 'DELETE' && r.path === `/oauth/authorizations/${hh.idA}`);

describe('Replace: revoke of the old token with an unknown outcome', () => {
  it('Heroku revoked it but answered too late: the list shows it gone, the run is done, Roll back is refused', async () => {
    h = await startConsumersHarness({ apps: ['backup-app'], timeoutMs: 500 });
    const hh = h;
    await hh.scan.scan();
    hh.emu.faults.add({ route: 'delete', kind: 'latency-after-commit', latencyMs: 1_200, pathPrefix: `/oauth/authorizations/${hh.idA}`, times: 1 });
    const run = await hh.replace.start({ authorizationId: hh.idA, expiresIn: 3600, revokeOld: true });
    expect(run.ok).toBe(true);
    const op = run.ok ? run.value.operation : null!;
    expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(401);
    expect(op.oldRevoked).toBe(true);
    expect(op.status).toBe('done');
    expect(op.error).toBeNull();

    const back = await hh.replace.rollback(op.id);
    expect(back.ok).toBe(false);
    expect(!back.ok && back.error.message).toMatch(/revoked/);
    // Nothing was written back: every consumer still holds the new token.
    const newToken = (await hh.secrets.get(tokenKey(hh.accountId, op.newAuthorizationId!)))!;
    expect(hh.emu.app('backup-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(valueOf(readFileSync(hh.envFile, 'utf8'), 'HEROKU_API_KEY')).toBe(newToken);
    // The DELETE was sent once (its late answer is logged when it is sent).
    await expect.poll(() => deletes(hh).length, { timeout: 3_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(deletes(hh)).toHaveLength(1);
  });

  it('the DELETE performed nothing: the list still shows the old token, the message says so, Roll back works', async () => {
    h = await startConsumersHarness({ apps: ['backup-app'], timeoutMs: 500 });
    const hh = h;
    await hh.scan.scan();
    hh.emu.faults.add({ route: 'delete', kind: 'hang', pathPrefix: `/oauth/authorizations/${hh.idA}`, times: 1 });
    const run = await hh.replace.start({ authorizationId: hh.idA, expiresIn: 3600, revokeOld: true });
    const op = run.ok ? run.value.operation : null!;
    expect(op.status).toBe('failed');
    expect(op.oldRevoked).toBe(false);
    expect(op.error?.message).toMatch(/still in the list/);
    expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(200);
    const back = await hh.replace.rollback(op.id);
    expect(back.ok && back.value.operation.status).toBe('rolled-back');
    expect(hh.emu.app('backup-app')!.configVars.HEROKU_API_KEY).toBe(hh.tokenA);
    expect(valueOf(readFileSync(hh.envFile, 'utf8'), 'HEROKU_API_KEY')).toBe(hh.tokenA);
  });

  it('the list cannot be read either: the outcome stays unknown, Roll back reads the list first and refuses once the token is gone', async () => {
    h = await startConsumersHarness({ apps: ['backup-app'], timeoutMs: 500 });
    const hh = h;
    await hh.scan.scan();
    hh.emu.faults.add({ route: 'delete', kind: 'latency-after-commit', latencyMs: 1_200, pathPrefix: `/oauth/authorizations/${hh.idA}`, times: 1 });
    hh.emu.faults.add({ route: 'list', kind: 'status', status: 403, errorId: 'forbidden', message: 'No list for you.', pathPrefix: '/oauth/authorizations' });
    const run = await hh.replace.start({ authorizationId: hh.idA, expiresIn: 3600, revokeOld: true });
    const op = run.ok ? run.value.operation : null!;
    expect(op.status).toBe('failed');
    expect(op.oldRevoked).toBe(false);
    expect(op.error?.code).toBe('unknown_outcome');
    expect(op.error?.message).toMatch(/not known whether the old token was revoked/);
    expect(op.error?.message).not.toMatch(/was not revoked/);
    // While the list stays unreadable, Roll back refuses and writes nothing.
    const blocked = await hh.replace.rollback(op.id);
    expect(!blocked.ok && blocked.error.code).toBe('unknown_outcome');
    const newToken = (await hh.secrets.get(tokenKey(hh.accountId, op.newAuthorizationId!)))!;
    expect(hh.emu.app('backup-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    // The list can be read again: it shows the token gone, so Roll back is refused for good.
    hh.emu.faults.clear();
    const back = await hh.replace.rollback(op.id);
    expect(!back.ok && back.error.message).toMatch(/has been revoked/);
    const end = hh.replace.operations(hh.accountId).find((o) => o.id === op.id)!;
    expect(end.oldRevoked).toBe(true);
    expect(end.status).toBe('done');
    expect(hh.emu.app('backup-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(valueOf(readFileSync(hh.envFile, 'utf8'), 'HEROKU_API_KEY')).toBe(newToken);
    await expect.poll(() => deletes(hh).length, { timeout: 3_000 }).toBe(1);
  });
});
