/**
 * When the keychain is locked or missing, the app says so (keychain_locked / keychain_unavailable,
 * status 'locked' / 'unavailable') and writes the secret nowhere else: not in settings, not in
 * logs, not in any file of its data folder, and not into the keychain behind the user's back.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, AppStatus, NewToken } from '../../shared/contract.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { filesUnder, must, startHarness, type Harness } from './support/harness.js';
import { appEntries, hasSecretService, isPrivateSession, lockKeyring, removeEntriesOf, SKIP_REASON, unlockKeyring } from './support/secret-service.js';

const available = await hasSecretService();
const canLock = available && isPrivateSession();
if (!canLock) console.log(`Locked-keychain tests: ${available ? 'skipped: not a private Secret Service session' : SKIP_REASON}`);

/** Fails when any file under dir holds the secret (or its unmasked middle part). */
function expectNowhereIn(dir: string, secret: string) {
  for (const { file, text } of filesUnder(dir)) {
    expect(text.includes(secret) || text.includes(secret.slice(5, -4)), `${file} holds the secret`).toBe(false);
  }
}

describe.skipIf(!canLock)('a locked keychain', () => {
  let emu: Emulator;
  let h: Harness;
  let account: AccountView;
  let kept: NewToken;

  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
    h = startHarness({ apiOrigin: emu.url });
    account = must(await h.call<AccountView>('accounts:sign-in', { apiKey: emu.apiKey }));
    kept = must(await h.call<NewToken>('authorizations:create', { description: 'kept', scopes: ['read'], expiresIn: null }));
    await lockKeyring();
  });
  afterAll(async () => {
    await unlockKeyring();
    if (emu) await removeEntriesOf([emu.account.id]);
    await emu?.close();
    if (h) fs.rmSync(h.dataDir, { recursive: true, force: true });
  });

  it('shows as locked in the app status, with a message', async () => {
    const status = must(await h.call<AppStatus>('app:status'));
    expect(status.keychain).toBe('locked');
    expect(status.keychainMessage).toMatch(/locked/i);
  });

  it('refuses a sign-in with keychain_locked and remembers nothing of it', async () => {
    const second = emu.addAccount({ email: 'second@example.com' });
    const r = await h.call('accounts:sign-in', { apiKey: second.apiKey });
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    expect(h.store.read().accounts.map((a) => a.email)).toEqual([account.email]);
    expectNowhereIn(h.dataDir, second.apiKey);
  });

  it('shows a created token once but does not claim to keep it, and writes it nowhere', async () => {
    const t = must(await h.call<NewToken>('authorizations:create', { description: 'not kept', scopes: ['read'], expiresIn: 3600 }));
    expect(t.kept).toBe(false);
    expect(h.store.read().heldTokens[account.id] ?? []).not.toContain(t.authorization.id);
    expectNowhereIn(h.dataDir, t.token);
    await unlockKeyring();
    expect((await appEntries()).has(`token:${account.id}:${t.authorization.id}`)).toBe(false);
    await lockKeyring();
  });

  it('cannot copy a kept token while locked, and says why', async () => {
    const r = await h.call('tokens:copy', { id: kept.authorization.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    expect(h.clipboard.text).toBe('');
  });

  it('does not pretend to remove an account it could not clean up', async () => {
    const r = await h.call('accounts:remove', { accountId: account.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    expect(h.store.read().accounts.map((a) => a.id)).toEqual([account.id]);
  });

  it('recovers once unlocked', async () => {
    await unlockKeyring();
    expect(must(await h.call<AppStatus>('app:status')).keychain).toBe('ok');
    must(await h.call('tokens:copy', { id: kept.authorization.id }));
    expect(h.clipboard.text).toBe(kept.token);
    await lockKeyring(); // afterAll unlocks
  });
});

describe.skipIf(process.platform !== 'linux')('no Secret Service on the session bus', () => {
  let emu: Emulator;
  let dataDir: string;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-nobus-'));
  });
  afterAll(async () => {
    await emu?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives keychain_unavailable with a clear message, and writes the key nowhere', async () => {
    const child = path.join(import.meta.dirname, 'support', 'unavailable-child.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], {
      timeout: 60_000,
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus-here')}`,
        HTT_EMU_URL: emu.url,
        HTT_EMU_KEY: emu.apiKey,
        HTT_DATA_DIR: dataDir,
      },
    });
    const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    expect(out.status).toMatchObject({ ok: true, value: { keychain: 'unavailable', keychainMessage: expect.stringMatching(/Secret Service/) } });
    expect(out.signIn).toMatchObject({ ok: false, error: { code: 'keychain_unavailable', message: expect.stringMatching(/Secret Service/) } });
    expect(out.accounts).toEqual({ ok: true, value: [] });
    // With the default fallback the kernel keyring is used only when it works, and then said to be volatile.
    if (out.fallbackBackend === 'keyutils') {
      expect(out.fallbackStatus).toEqual({ state: 'volatile', message: expect.stringMatching(/not kept across restarts/) });
    } else {
      expect(out.fallbackBackend).toBe('unavailable');
      expect(out.fallbackStatus).toMatchObject({ state: 'unavailable' });
    }
    const results = (out.calls as Array<{ result: unknown }>).map((c) => c.result);
    expect(JSON.stringify([results, out.logs, out.secretStatus])).not.toContain(emu.apiKey);
    expectNowhereIn(dataDir, emu.apiKey);
  });
});
