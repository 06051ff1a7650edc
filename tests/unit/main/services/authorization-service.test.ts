/**
 * AuthorizationService resolves its account once per call and hands that target down: a refresh
 * after a failed mutation goes out through the same client, without asking AccountService again.
 * (Behaviour against the Heroku emulator: tests/integration/authorization-service.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../../shared/result.js';
import type { HerokuApi, Received } from '../../../../main/heroku/client.js';
import type { HerokuAuthorization } from '../../../../main/heroku/schemas.js';
import type { AccountService } from '../../../../main/services/account-service.js';
import { AuthorizationService } from '../../../../main/services/authorization-service.js';
import { MemorySecretStore } from '../../../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../../../main/adapters/memory-settings-store.js';
import { flush } from '../../../support/sim-clock.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const auth = (id: string, description: string, expiresIn: number | null): HerokuAuthorization => ({
  id,
  description,
  scope: ['read'],
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  access_token: { expires_in: expiresIn, token: undefined, id: undefined },
  client: undefined,
});
const received = <T>(value: T): Result<Received<T>> => ok({ value, receivedAt: NOW });

function setup(api: Partial<HerokuApi>) {
  const calls = { resolve: 0, list: 0 };
  const full = {
    listAuthorizations: async () => (calls.list++, received([auth('late', 'b', 7200), auth('never', 'a', null), auth('soon', 'c', 60)])),
    getAuthorization: async () => err('not_found', 'no ~'),
    ...api,
  } as HerokuApi;
  const accounts = {
    api: async (accountId?: string) => (calls.resolve++, ok({ accountId: accountId ?? 'acc', api: full })),
  } as unknown as AccountService;
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const service = new AuthorizationService({ accounts, secrets: new MemorySecretStore(), store: new MemorySettingsStore(), logger, now: () => NOW });
  return { calls, service };
}

describe('AuthorizationService', () => {
  it('resolves the account once for a first list, and publishes it soonest-first', async () => {
    const { calls, service } = setup({});
    const r = await service.list();
    expect(calls).toEqual({ resolve: 1, list: 1 });
    expect(r.ok && r.value.items.map((i) => i.id)).toEqual(['soon', 'late', 'never']);
  });

  it.each([
    ['rename', (s: AuthorizationService) => s.rename('late', 'new name')],
    ['revoke', (s: AuthorizationService) => s.revoke('late')],
    ['rotate', (s: AuthorizationService) => s.rotate('late')],
    ['create', (s: AuthorizationService) => s.create({ description: 'x', scopes: ['read'], expiresIn: null })],
  ])('a %s with an unknown outcome resolves the account once, and refreshes through the same client', async (_name, call) => {
    const timeout = async () => err<Received<HerokuAuthorization>>('timeout', 'Heroku did not answer in time.');
    const { calls, service } = setup({
      updateAuthorization: timeout,
      deleteAuthorization: timeout,
      regenerateAuthorization: timeout,
      createAuthorization: timeout,
    });
    const r = await call(service);
    expect(r.ok ? null : r.error.code).toBe('unknown_outcome');
    await flush();
    expect(calls).toEqual({ resolve: 1, list: 1 });
    expect(service.cached('acc')?.items).toHaveLength(3);
  });
});
