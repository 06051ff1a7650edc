/**
 * Replace writes the new token only over the old one: the plan comes from a scan that may be
 * stale, so a consumer that holds another value now (someone put another token there) is left
 * alone and reported as changed since the scan; Retry reads it again. Real emulator, real file.
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

const appKey = (a: string) => `app:${a}:HEROKU_API_KEY`;
const patchesTo = (hh: ConsumersHarness, app: string) => hh.emu.requests.filter((r) => r.method === 'PATCH' && r.path === `/apps/${app}/config-vars`).length;

/** Another real token of the account, made outside the app (so not held). */
async function otherToken(hh: ConsumersHarness, description: string): Promise<{ id: string; token: string }> {
  const made = await raw(hh.emu, '/oauth/authorizations', { method: 'POST', body: { description, scope: ['global'] } });
  expect(made.status).toBe(201);
  const a = made.json as { id: string; access_token: { token: string } };
  return { id: a.id, token: a.access_token.token };
}

async function setVar(hh: ConsumersHarness, app: string, value: string): Promise<void> {
  expect((await raw(hh.emu, `/apps/${app}/config-vars`, { method: 'PATCH', body: { HEROKU_API_KEY: value } })).status).toBe(200);
}

describe('Replace: a consumer changed since the scan', () => {
  it('held old token: the app now holding another token is not overwritten; Retry re-reads and finishes once it is set back', async () => {
    h = await startConsumersHarness({ apps: ['alpha-app', 'beta-app'], timeoutMs: 1_000 });
    const hh = h;
    await hh.scan.scan();
    const plan = await hh.replace.plan(hh.idA);
    expect(plan.ok && plan.value.consumers.map((c) => c.key)).toContain(appKey('beta-app'));
    // Between the plan and the run, someone puts another token into beta-app.
    const other = await otherToken(hh, 'Someone else');
    await setVar(hh, 'beta-app', other.token);
    const patchesBefore = patchesTo(hh, 'beta-app');

    const order = [appKey('alpha-app'), appKey('beta-app'), `file:${hh.envFile}:HEROKU_API_KEY`];
    const run = await hh.replace.start({ authorizationId: hh.idA, expiresIn: 3600, revokeOld: true, order });
    const op = run.ok ? run.value.operation : null!;
    expect(op.status).toBe('failed');
    expect(op.steps.map((s) => s.state)).toEqual(['new', 'changed', 'pending']);
    expect(op.steps[1]!.error?.message).toMatch(/changed since the scan/);
    // Nothing was written there; the other token is untouched and never appears in the record or the logs.
    expect(patchesTo(hh, 'beta-app')).toBe(patchesBefore);
    expect(hh.emu.app('beta-app')!.configVars.HEROKU_API_KEY).toBe(other.token);
    expect(JSON.stringify(hh.store.read())).not.toContain(other.token);
    expect(hh.logger.lines.join('\n')).not.toContain(other.token);
    expect(valueOf(readFileSync(hh.envFile, 'utf8'), 'HEROKU_API_KEY')).toBe(hh.tokenA);
    expect((await raw(hh.emu, '/account', { token: hh.tokenA })).status).toBe(200);

    // Retry reads again: still the other token, still stopped there, still nothing written.
    const again = await hh.replace.retry(op.id);
    expect(again.ok && again.value.operation.steps.map((s) => s.state)).toEqual(['new', 'changed', 'pending']);
    expect(hh.emu.app('beta-app')!.configVars.HEROKU_API_KEY).toBe(other.token);

    // Set back to the old token: Retry now moves it and finishes.
    await setVar(hh, 'beta-app', hh.tokenA);
    const end = await hh.replace.retry(op.id);
    expect(end.ok && end.value.operation.status).toBe('done');
    const newToken = (await hh.secrets.get(tokenKey(hh.accountId, op.newAuthorizationId!)))!;
    expect(hh.emu.app('alpha-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(hh.emu.app('beta-app')!.configVars.HEROKU_API_KEY).toBe(newToken);
    expect(valueOf(readFileSync(hh.envFile, 'utf8'), 'HEROKU_API_KEY')).toBe(newToken);
  });

  it('unheld old token (a likely match): another value with a different last four is not overwritten; Roll back leaves it alone', async () => {
    h = await startConsumersHarness({ apps: [], envFile: false, timeoutMs: 1_000 });
    const hh = h;
    const old = await otherToken(hh, 'Made by the CLI');
    hh.emu.addApp('gamma-app', { HEROKU_API_KEY: old.token });
    hh.emu.addApp('delta-app', { HEROKU_API_KEY: old.token });
    await hh.scan.scan();
    await hh.core.authorizations.refresh();
    const plan = await hh.replace.plan(old.id);
    expect(plan.ok && plan.value.consumers.map((c) => c.match)).toEqual(['likely', 'likely']);
    let changed = await otherToken(hh, 'Another one');
    while (changed.token.slice(-4) === old.token.slice(-4)) changed = await otherToken(hh, 'Another one');
    await setVar(hh, 'delta-app', changed.token);

    const run = await hh.replace.start({ authorizationId: old.id, expiresIn: 3600, revokeOld: true, order: [appKey('gamma-app'), appKey('delta-app')] });
    const op = run.ok ? run.value.operation : null!;
    expect(op.status).toBe('failed');
    expect(op.steps.map((s) => s.state)).toEqual(['new', 'changed']);
    expect(hh.emu.app('delta-app')!.configVars.HEROKU_API_KEY).toBe(changed.token);
    expect((await raw(hh.emu, '/account', { token: old.token })).status).toBe(200);

    const back = await hh.replace.rollback(op.id);
    expect(back.ok && back.value.operation.status).toBe('rolled-back');
    expect(hh.emu.app('gamma-app')!.configVars.HEROKU_API_KEY).toBe(old.token);
    expect(hh.emu.app('delta-app')!.configVars.HEROKU_API_KEY).toBe(changed.token);
  });
});
