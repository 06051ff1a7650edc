/**
 * "Use for Heroku CLI" loses nothing when a step fails: without a way back (the keychain refuses
 * the previous login) the CLI's stores are not touched and no token is created; a failed write
 * leaves no stale "previous login" behind; an SSO account's refusal comes back as one clear message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { SecretStoreError, type CliLoginStore } from '../../main/ports.js';
import { err, ok, type Result } from '../../shared/result.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

/** A CLI login store that records what it is asked to do; install fails when told to. */
function recordingStore(failInstall: boolean): CliLoginStore & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    location: async () => ({ store: 'netrc', label: '~/.netrc', envOverride: false }),
    current: async () => ok(null),
    snapshot: async (login) => (calls.push(`snapshot ${login}`), ok('{"v":1}')),
    install: async (login) => (calls.push(`install ${login}`), failInstall ? err('cli_login_unavailable', '~/.netrc could not be written: EACCES') : ok({ store: 'netrc' as const })),
    restore: async () => (calls.push('restore'), ok(undefined)),
  };
}

/** A keychain that refuses one entry. */
class RefusingSecrets extends MemorySecretStore {
  override async set(key: string, value: string): Promise<void> {
    if (key === 'cli-login:previous') throw new SecretStoreError('locked', 'The keychain is locked.');
    return super.set(key, value);
  }
}

describe('Use for Heroku CLI when something fails', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty' });
  });
  afterAll(async () => emu?.close());

  it('keychain refuses the previous login: nothing is created, the CLI is not touched', async () => {
    const cli = recordingStore(false);
    const core = createTestCore(emu.url, { cliLogin: cli, secrets: new RefusingSecrets() });
    must(await core.accounts.signIn(emu.apiKey));
    const before = emu.account.authorizations.length;
    const r = await core.handlers['cli-login:use']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    expect(cli.calls).toEqual([`snapshot ${emu.account.email}`]);
    expect(emu.account.authorizations.length).toBe(before);
    await core.stop();
  });

  it('the write fails: the error says why, and no "previous login" is left to restore', async () => {
    const cli = recordingStore(true);
    const secrets = new MemorySecretStore();
    const core = createTestCore(emu.url, { cliLogin: cli, secrets });
    must(await core.accounts.signIn(emu.apiKey));
    const r = await core.handlers['cli-login:use']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'cli_login_unavailable', message: expect.stringContaining('EACCES') } });
    expect(await secrets.get('cli-login:previous')).toBeNull();
    expect(must(await core.handlers['cli-login:status'](undefined)).canRestore).toBe(false);
    await core.stop();
  });

  it('an SSO account: Heroku refuses the token, and the message says why and what to do', async () => {
    const sso = emu.addAccount({ federated: true });
    const cli = recordingStore(false);
    const core = createTestCore(emu.url, { cliLogin: cli });
    must(await core.accounts.signIn(sso.apiKey));
    const r = await core.handlers['cli-login:use']({});
    expect(r).toMatchObject({ ok: false, error: { code: 'federated_account', message: expect.stringMatching(/SSO \(federated\) account.*non-SSO account/) } });
    expect(cli.calls.filter((c) => c.startsWith('install'))).toEqual([]);
    expect(must(await core.handlers['cli-login:status'](undefined)).sso).toEqual({ identityProvider: 'acme-sso' });
    await core.stop();
  });
});
