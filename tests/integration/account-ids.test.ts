/**
 * Crack 4: one id rule for what the API sends and what IPC accepts. An account id the IPC
 * arguments could not name (so the account could never be switched or removed, its key stuck in
 * the keychain) is refused at sign-in with a clear error and nothing kept; every id the API
 * schema accepts is one the IPC accepts, and real (UUID) ids go through both ends.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract.js';
import { accountSchema, authorizationSchema } from '../../main/heroku/schemas.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { createTestCore } from '../support/test-core.js';
import { RecordingLogger } from '../support/fakes.js';
import { authorization, json, startStub, type StubServer } from '../support/heroku-stub-server.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

function setup() {
  const secrets = new MemorySecretStore();
  const store = new MemorySettingsStore();
  const core = createTestCore(stub.url, { secrets, store });
  const call = (channel: string, args: unknown) => dispatch(core.handlers, channel, args, new RecordingLogger());
  return { secrets, store, call };
}

describe('account ids at sign-in', () => {
  it.each([
    ['a slash and a space', 'team/acc 1'],
    ['a parent-path segment', '..'],
    ['the calling-key alias', '~'],
    ['201 characters', 'x'.repeat(201)],
    ['a NUL', 'acc\u0000id'],
  ])('refuses an account id with %s, keeping nothing', async (_what, id) => {
    const { secrets, store, call } = setup();
    stub.script(json(200, { id, email: 'odd@example.com', name: null }));
    const r = await call('accounts:sign-in', { apiKey: 'HRKU-odd-account-key-0001' });
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/\bid\b/);
    expect(await secrets.get(`account:${id}`)).toBeNull();
    expect(store.read().accounts).toEqual([]);
  });

  it('signs in, switches and removes accounts with real (UUID) ids over the IPC arguments', async () => {
    const { secrets, store, call } = setup();
    const [a, b] = [randomUUID(), randomUUID()];
    stub.script(json(200, { id: a, email: 'a@example.com' }));
    expect((await call('accounts:sign-in', { apiKey: 'HRKU-first-account-key-01' })).ok).toBe(true);
    stub.script(json(200, { id: b, email: 'b@example.com' }));
    expect((await call('accounts:sign-in', { apiKey: 'HRKU-second-account-key-2' })).ok).toBe(true);
    expect(await call('accounts:switch', { accountId: a })).toMatchObject({ ok: true, value: { id: a, active: true } });
    expect(await call('accounts:remove', { accountId: a })).toMatchObject({ ok: true });
    expect(await secrets.get(`account:${a}`)).toBeNull();
    expect(store.read().accounts.map((x) => x.id)).toEqual([b]);
  });

  it('refuses a token list holding an id the app could not act on', async () => {
    const { call } = setup();
    stub.script(json(200, { id: randomUUID(), email: 'a@example.com' }));
    await call('accounts:sign-in', { apiKey: 'HRKU-first-account-key-01' });
    stub.script(json(200, [authorization(), authorization({ id: 'a/b' })]));
    const r = await call('authorizations:refresh', {});
    expect(r.ok ? null : r.error.code).toBe('bad_response');
    expect(r.ok ? '' : r.error.message).toMatch(/item 2: id/);
  });
});

describe('one id rule', () => {
  const apiAccepts = (id: string) => accountSchema.safeParse({ id, email: 'a@example.com' }).success;
  const apiAcceptsAuthorization = (id: string) => authorizationSchema.safeParse({ ...authorization(), id }).success;
  const ipcAccepts = (id: string) =>
    contract['accounts:switch'].request.safeParse({ accountId: id }).success && contract['authorizations:revoke'].request.safeParse({ id }).success;

  it('the API schema accepts exactly the ids the IPC arguments accept', () => {
    const ids = fc.oneof(fc.uuid(), fc.string({ maxLength: 220 }), fc.stringMatching(/^[A-Za-z0-9_.~/ -]{0,210}$/), fc.constantFrom('.', '..', '~', '', 'a.b'));
    fc.assert(
      fc.property(ids, (id) => {
        expect(apiAccepts(id)).toBe(ipcAccepts(id));
        expect(apiAcceptsAuthorization(id)).toBe(ipcAccepts(id));
      }),
      { numRuns: 2000 },
    );
  });

  it('real Heroku ids (UUIDs) pass both', () => {
    fc.assert(fc.property(fc.uuid(), (id) => apiAccepts(id) && ipcAccepts(id)));
  });
});
