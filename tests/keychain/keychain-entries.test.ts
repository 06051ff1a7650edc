/**
 * Keys and tokens live in the OS keychain: `secret-tool search` sees the entries after sign-in and
 * create, sees them change on rotate, and sees them gone after revoke and account removal.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, NewToken } from '../../shared/contract.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { appEntries, hasSecretService, removeEntriesOf, SKIP_REASON } from './support/secret-service.js';
import { must, startHarness, type Harness } from './support/harness.js';

const available = await hasSecretService();
if (!available) console.log(`Keychain tests: ${SKIP_REASON}`);

describe.skipIf(!available)(`keychain entries (${SKIP_REASON} when absent)`, () => {
  let emu: Emulator;
  let h: Harness;
  let account: AccountView;
  const created: NewToken[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
    h = startHarness({ apiOrigin: emu.url });
  });
  afterAll(async () => {
    if (emu) await removeEntriesOf([emu.account.id]);
    await emu?.close();
    if (h) fs.rmSync(h.dataDir, { recursive: true, force: true });
  });

  it('reports the keychain as ok', async () => {
    expect(await h.secrets.status()).toEqual({ state: 'ok', message: null });
    expect(must(await h.call<{ keychain: string }>('app:status')).keychain).toBe('ok');
  });

  it('keeps the API key under account:<id> after sign-in, and nowhere in the data folder', async () => {
    account = must(await h.call<AccountView>('accounts:sign-in', { apiKey: emu.apiKey }));
    const entries = await appEntries([account.id]);
    expect(entries.get(`account:${account.id}`)).toBe(emu.apiKey);
    h.store.flush();
    expect(fs.readFileSync(h.store.path ?? '', 'utf8')).not.toContain(emu.apiKey);
  });

  it('keeps a created token under token:<account>:<authorization>', async () => {
    const t = must(await h.call<NewToken>('authorizations:create', { description: 'ci deploy', scopes: ['read'], expiresIn: 3600 }));
    created.push(t);
    expect(t.kept).toBe(true);
    const entries = await appEntries();
    expect(entries.get(`token:${account.id}:${t.authorization.id}`)).toBe(t.token);
    expect(h.store.read().heldTokens[account.id]).toContain(t.authorization.id);
  });

  it('replaces the kept token on rotate, and copy puts the new one on the clipboard', async () => {
    const first = created[0]!;
    const rotated = must(await h.call<NewToken>('authorizations:rotate', { id: first.authorization.id }));
    expect(rotated.token).not.toBe(first.token);
    expect((await appEntries()).get(`token:${account.id}:${first.authorization.id}`)).toBe(rotated.token);
    must(await h.call('tokens:copy', { id: first.authorization.id }));
    expect(h.clipboard.text).toBe(rotated.token);
  });

  it('survives a restart: a new core on the same data folder reads the key back from the keychain', async () => {
    const again = startHarness({ apiOrigin: emu.url, dataDir: h.dataDir });
    const snap = must(await again.call<{ items: Array<{ id: string; held: boolean }> }>('authorizations:list'));
    expect(snap.items.find((a) => a.id === created[0]!.authorization.id)?.held).toBe(true);
  });

  it('deletes the entry on revoke', async () => {
    const id = created[0]!.authorization.id;
    must(await h.call('authorizations:revoke', { id }));
    const entries = await appEntries();
    expect(entries.has(`token:${account.id}:${id}`)).toBe(false);
    expect(entries.has(`account:${account.id}`)).toBe(true);
  });

  it('deletes the key and every kept token on account removal', async () => {
    const a = must(await h.call<NewToken>('authorizations:create', { description: 'one', scopes: ['read'], expiresIn: null }));
    const b = must(await h.call<NewToken>('authorizations:create', { description: 'two', scopes: ['write'], expiresIn: 7200 }));
    const before = await appEntries([account.id]);
    expect([...before.keys()].sort()).toEqual([`account:${account.id}`, `token:${account.id}:${a.authorization.id}`, `token:${account.id}:${b.authorization.id}`].sort());
    must(await h.call('accounts:remove', { accountId: account.id }));
    expect([...(await appEntries([account.id])).keys()]).toEqual([]);
    expect(h.store.read().accounts).toEqual([]);
    expect(h.store.read().heldTokens).toEqual({});
  });
});
