/** AccountService: keys are checked before they are kept, and stay bound to their API origin. */
import { describe, expect, it } from 'vitest';
import { AccountService } from '../../../../main/services/account-service.js';
import { MemorySecretStore } from '../../../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../../../main/adapters/memory-settings-store.js';
import type { HerokuApi } from '../../../../main/heroku/client.js';
import { ok, err } from '../../../../shared/result.js';
import { RecordingLogger } from '../../../support/fakes.js';

const GOOD = 'HRKU-11111111-2222-3333-4444-555555555555';

/** A HerokuApi that knows one key; records every key it was built with. */
function apiFactory(built: string[]) {
  return (apiKey: string): HerokuApi =>
    ({
      origin: 'test',
      getAccount: async () => {
        built.push(apiKey);
        return apiKey === GOOD ? ok({ id: 'acc-1', email: 'dev@example.com', name: 'Dev' }) : err('unauthorized', 'no');
      },
      rateLimitRemaining: () => null,
    }) as unknown as HerokuApi;
}

function service(origin: string, store = new MemorySettingsStore(), secrets = new MemorySecretStore(), built: string[] = []) {
  return new AccountService({ origin, secrets, store, apiFactory: apiFactory(built), logger: new RecordingLogger(), now: () => 0 });
}

describe('AccountService', () => {
  it('keeps nothing for a key Heroku refuses', async () => {
    const store = new MemorySettingsStore();
    const secrets = new MemorySecretStore();
    const r = await service('https://api.heroku.com', store, secrets).signIn('HRKU-bad-key-000000000000');
    expect(r.ok).toBe(false);
    expect(store.read().accounts).toEqual([]);
    expect(await secrets.get('account:acc-1')).toBeNull();
  });

  it('binds a key to the origin it was checked against and never sends it elsewhere', async () => {
    const store = new MemorySettingsStore();
    const secrets = new MemorySecretStore();
    const signedIn = await service('https://api.heroku.com', store, secrets).signIn(GOOD);
    expect(signedIn.ok).toBe(true);
    expect(store.read().accounts[0]?.origin).toBe('https://api.heroku.com');

    // The app restarts with HEROKU_API_URL pointing somewhere else.
    const built: string[] = [];
    const elsewhere = service('https://evil.example', store, secrets, built);
    const r = await elsewhere.api('acc-1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('unauthorized');
      expect(r.error.message).toContain('https://api.heroku.com');
    }
    expect(built).toEqual([]);

    // Same origin: the key is used.
    const home = await service('https://api.heroku.com', store, secrets).api('acc-1');
    expect(home.ok).toBe(true);
  });

  it('treats records from before origins were kept as bound to the default API', async () => {
    const store = new MemorySettingsStore({
      accounts: [{ id: 'acc-1', email: 'dev@example.com', name: null, source: 'sign-in', addedAt: '2026-01-01T00:00:00Z' }],
    });
    const secrets = new MemorySecretStore();
    await secrets.set('account:acc-1', GOOD);
    expect((await service('https://api.heroku.com', store, secrets).api()).ok).toBe(true);
    expect((await service('http://127.0.0.1:5999', store, secrets).api()).ok).toBe(false);
  });
});
