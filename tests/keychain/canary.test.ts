/**
 * The canary: a unique API key, and every token Heroku hands out in this run, pass through
 * sign-in, import, create, rotate, copy (and a failing copy), the 401, network-error and
 * keychain-error paths. Afterwards none of them appears in any log line (file and console), in
 * any file of the app's data folder (settings included), in any IPC result or pushed event
 * (except tokens:reveal and the one-time token of create/rotate), in any authorizations snapshot,
 * or in any vitest snapshot file. The keychain is the only place that held them. The same holds
 * for what a token's consumers hold: app config values (tokens and other secrets) and the
 * contents of local files, read by a scan and written by Replace (a failed run rolled back, then
 * a run that completes): none of them is logged, persisted, sent over IPC or snapshotted.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { herokuCliImporter } from '../../main/adapters/heroku-cli-importer.js';
import { KeyringSecretStore, toSecretStoreError } from '../../main/adapters/keyring-secret-store.js';
import type { SecretStore } from '../../main/ports.js';
import type { AccountView, ConsumersSnapshot, NewToken, ReplaceOutcome } from '../../shared/contract.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { filesUnder, must, startHarness, until, type Harness } from './support/harness.js';
import { appEntries, hasSecretService, isPrivateSession, lockKeyring, removeEntriesOf, SKIP_REASON, unlockKeyring } from './support/secret-service.js';

const available = await hasSecretService();
if (!available) console.log(`Keychain canary test: ${SKIP_REASON}`);

/** A SecretStore that can be made to fail like a locked keychain (when locking for real is unsafe). */
class SwitchableSecrets implements SecretStore {
  failing = false;
  constructor(private readonly inner: SecretStore) {}
  private check() {
    if (this.failing) throw toSecretStoreError(new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"));
  }
  get = async (k: string) => (this.check(), this.inner.get(k));
  set = async (k: string, v: string) => (this.check(), this.inner.set(k, v));
  delete = async (k: string) => (this.check(), this.inner.delete(k));
  status = async () => (this.failing ? { state: 'locked' as const, message: 'locked' } : this.inner.status());
}

describe.skipIf(!available)(`canary (${SKIP_REASON} when absent)`, () => {
  const CANARY = `HRKU-${randomUUID()}`;
  const WRONG = `HRKU-${randomUUID()}`;
  const secrets = new SwitchableSecrets(new KeyringSecretStore({ linuxFallback: 'none', timeoutMs: 20_000 }));
  const realLock = isPrivateSession();
  let emu: Emulator;
  let h: Harness;
  let cliHome: string;
  let account: AccountView;
  const handedOut: string[] = [];
  /** Consumer values that are not tokens: they must not leak either. */
  const CONFIG_SECRET = `postgres://user:${randomUUID()}@db.example.com/prod`;
  const FILE_SECRET = `s3cr3t-${randomUUID()}`;
  let consumerDir = '';

  const keychainFails = async (on: boolean) => {
    if (realLock) await (on ? lockKeyring() : unlockKeyring());
    else secrets.failing = on;
  };

  beforeAll(async () => {
    emu = await startEmulator({ apiKey: CANARY, seed: 'demo' });
    cliHome = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-canary-cli-'));
    fs.writeFileSync(path.join(cliHome, '.netrc'), `machine ${new URL(emu.url).host}\n  login demo@example.com\n  password ${CANARY}\n`);
    const importer = herokuCliImporter({ env: { HEROKU_API_KEY: CANARY }, homeDir: cliHome, netrcHost: new URL(emu.url).host });
    h = startHarness({ apiOrigin: emu.url, secrets, importer });
  });
  afterAll(async () => {
    if (realLock) await unlockKeyring().catch(() => undefined);
    if (emu) await removeEntriesOf([emu.account.id]);
    await emu?.close();
    if (h) fs.rmSync(h.dataDir, { recursive: true, force: true });
    fs.rmSync(cliHome, { recursive: true, force: true });
    if (consumerDir) fs.rmSync(consumerDir, { recursive: true, force: true });
  });

  it('runs the canary through every path', async () => {
    // 401: a wrong key, then a 401 in the middle of a session.
    expect(await h.call('accounts:sign-in', { apiKey: WRONG })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // Network errors: the connection drops on sign-in; a server that is not there at all.
    emu.faults.add({ route: 'account', kind: 'reset' }); // every attempt: reads are retried
    expect(await h.call('accounts:sign-in', { apiKey: CANARY })).toMatchObject({ ok: false, error: { code: 'offline' } });
    emu.faults.clear();
    const dead = startHarness({ apiOrigin: 'http://127.0.0.1:9', secrets, dataDir: h.dataDir });
    expect(await dead.call('accounts:sign-in', { apiKey: CANARY })).toMatchObject({ ok: false });
    h.calls.push(...dead.calls);
    h.consoleLines.push(...dead.consoleLines);
    // Keychain error on sign-in.
    await keychainFails(true);
    expect(await h.call('accounts:sign-in', { apiKey: CANARY })).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    await keychainFails(false);

    // Import offers (without the key), then sign-in through each path.
    const candidates = must(await h.call<Array<{ source: string; available: boolean }>>('accounts:import-candidates'));
    expect(candidates.filter((c) => c.available).map((c) => c.source)).toEqual(['env', 'netrc']);
    must(await h.call('accounts:import', { source: 'netrc' }));
    account = must(await h.call<AccountView>('accounts:sign-in', { apiKey: CANARY }));
    expect((await appEntries()).get(`account:${account.id}`)).toBe(CANARY);
    must(await h.call('authorizations:list'));

    // Create, rotate, copy, reveal.
    const created = must(await h.call<NewToken>('authorizations:create', { description: 'canary ci', scopes: ['read'], expiresIn: 3600 }));
    const rotated = must(await h.call<NewToken>('authorizations:rotate', { id: created.authorization.id }));
    handedOut.push(created.token, rotated.token);
    must(await h.call('tokens:copy', { id: created.authorization.id }));
    expect(h.clipboard.text).toBe(rotated.token);
    h.clock.advance(31_000);
    await until(() => h.clipboard.text === '', 'the clipboard to be cleared');
    expect(must(await h.call<{ token: string }>('tokens:reveal', { id: created.authorization.id })).token).toBe(rotated.token);

    // A copy that fails unexpectedly, with the token in the error text: logged, redacted.
    const original = h.clipboard.writeText.bind(h.clipboard);
    h.clipboard.writeText = async (text: string) => {
      throw new Error(`clipboard refused ${text}`);
    };
    expect(await h.call('tokens:copy', { id: created.authorization.id })).toMatchObject({ ok: false, error: { code: 'internal' } });
    h.clipboard.writeText = original;

    // 401 mid-session, and a mutation whose connection drops after Heroku acted.
    emu.faults.add({ route: 'list', kind: 'status', status: 401, times: 1 });
    expect(await h.call('authorizations:refresh')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    emu.faults.add({ route: 'create', kind: 'reset-after-commit', times: 1 });
    expect(await h.call('authorizations:create', { description: 'lost', scopes: ['read'], expiresIn: 3600 })).toMatchObject({ ok: false });

    // Keychain error after create: the token is shown once (kept: false), stored nowhere.
    await keychainFails(true);
    const unkept = must(await h.call<NewToken>('authorizations:create', { description: 'unkept', scopes: ['read'], expiresIn: 3600 }));
    expect(unkept.kept).toBe(false);
    handedOut.push(unkept.token);
    expect(await h.call('tokens:copy', { id: created.authorization.id })).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    await keychainFails(false);
    must(await h.call('authorizations:refresh'));
    must(await h.call('app:status'));
    must(await h.call('settings:update', { clipboardClearSeconds: 20 }));
  });

  it('runs config values and file contents through a scan and Replace (failed, rolled back, then done)', async () => {
    const made = must(await h.call<NewToken>('authorizations:create', { description: 'canary consumer', scopes: ['read'], expiresIn: 3600 }));
    handedOut.push(made.token);
    emu.addApp('canary-worker', { HEROKU_API_KEY: made.token, DATABASE_URL: CONFIG_SECRET });
    emu.addApp('canary-web', { HEROKU_API_KEY: made.token, OTHER_KEY: CANARY });
    consumerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-canary-consumers-'));
    const envFile = path.join(consumerDir, '.env');
    fs.writeFileSync(envFile, `HEROKU_API_KEY=${made.token}\nPASSWORD=${FILE_SECRET}\n`);
    must(await h.call('consumers:add-file', { path: envFile }));
    must(await h.call('consumers:estimate'));
    const found = must(await h.call<ConsumersSnapshot>('consumers:scan'));
    expect(found.consumers.filter((c) => c.authorizationId === made.authorization.id)).toHaveLength(3);
    must(await h.call('replace:plan', { id: made.authorization.id }));
    // A run that fails at the second app (a 503 on its write), is rolled back, then one that completes.
    emu.faults.add({ route: 'config-vars-update', kind: 'status', status: 503, pathPrefix: '/apps/canary-worker/', times: 1 });
    const failed = must(await h.call<ReplaceOutcome>('replace:start', { id: made.authorization.id, expiresIn: 3600, revokeOld: true }));
    expect(failed.operation.status).toBe('failed');
    expect(failed.unkeptToken).toBeNull();
    expect(must(await h.call<ReplaceOutcome>('replace:rollback', { operationId: failed.operation.id })).operation.status).toBe('rolled-back');
    const second = must(await h.call<ReplaceOutcome>('replace:start', { id: made.authorization.id, expiresIn: 3600, revokeOld: true }));
    expect(second.operation.status).toBe('done');
    must(await h.call('replace:list'));
    must(await h.call('consumers:list'));
    const newToken = emu.app('canary-web')!.configVars.HEROKU_API_KEY!;
    handedOut.push(newToken);
    expect(fs.readFileSync(envFile, 'utf8')).toBe(`HEROKU_API_KEY=${newToken}\nPASSWORD=${FILE_SECRET}\n`);
  });

  describe('afterwards, no secret is anywhere but the keychain', () => {
    const secretsSeen = () => [CANARY, WRONG, CONFIG_SECRET, FILE_SECRET, ...handedOut, ...emu.liveAuthorizations().map((a) => a.token)];
    /** The full value, and the middle a mask never shows. */
    const needles = () => secretsSeen().flatMap((s) => [s, s.slice(5, -4)]);
    const leaks = (text: string) => needles().filter((n) => text.includes(n));

    it('in no log line (file and console), though there are logs', () => {
      const fileLog = fs.readFileSync(h.logFile, 'utf8');
      expect(fileLog).toMatch(/account signed in/);
      expect(fileLog).toMatch(/handler for tokens:copy failed/);
      expect(fileLog).toContain(`HRKU-[redacted…${handedOut[1]!.slice(-4)}]`);
      expect(leaks(fileLog)).toEqual([]);
      expect(leaks(h.consoleLines.join('\n'))).toEqual([]);
    });

    it('in no file of the data folder, settings included', () => {
      const files = filesUnder(h.dataDir);
      expect(files.map((f) => path.basename(f.file))).toEqual(expect.arrayContaining(['config.json', 'main.log', 'consumers.json']));
      for (const { file, text } of files) expect(leaks(text), file).toEqual([]);
    });

    it('in no IPC result or event, except tokens:reveal and the one-time token of create/rotate', () => {
      expect(h.calls.length).toBeGreaterThan(15);
      for (const { channel, result } of h.calls) {
        if (channel === 'tokens:reveal') continue;
        const shown = structuredClone(result) as { ok: boolean; value?: Record<string, unknown> };
        if ((channel === 'authorizations:create' || channel === 'authorizations:rotate') && shown.ok && shown.value) delete shown.value.token;
        expect(leaks(JSON.stringify(shown)), channel).toEqual([]);
      }
      expect(h.events.length).toBeGreaterThan(0);
      expect(leaks(JSON.stringify(h.events))).toEqual([]);
    });

    it('in no authorizations snapshot, and in no vitest snapshot file', () => {
      const snap = h.core.authorizations.cached(account.id);
      expect(snap?.items.length).toBeGreaterThan(5);
      expect(leaks(JSON.stringify(snap))).toEqual([]);
      const root = path.resolve(import.meta.dirname, '..');
      const snapshotFiles = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.snap'));
      for (const e of snapshotFiles) expect(leaks(fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))).toEqual([]);
    });
  });
});
