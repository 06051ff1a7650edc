/**
 * Which listed authorization is the CLI's login when Heroku masks the list: it must fit the key's
 * prefix family and last four, a held token (whose full value is known and is not the key) is
 * never a fit, and two fits are a guess the app refuses to make.
 */
import { describe, expect, it } from 'vitest';
import type { AuthorizationView } from '../../../../shared/domain/authorization.js';
import { err, ok } from '../../../../shared/result.js';
import { CliLoginService } from '../../../../main/services/cli-login-service.js';
import type { AccountService } from '../../../../main/services/account-service.js';
import type { CliLoginStore, SecretStore, SettingsStore } from '../../../../main/ports.js';
import { RecordingLogger } from '../../../support/fakes.js';
import { authorizationView } from '../../../support/authorization-view.js';

const KEY = 'HRKU-cli-login-key-000000001a2b';

function serviceWith(items: AuthorizationView[], held: Record<string, string>) {
  const cli: CliLoginStore = {
    location: async () => ({ store: 'netrc', label: '~/.netrc', envOverride: false }),
    current: async () => ok({ source: 'netrc', login: 'dev@example.com', key: KEY }),
    snapshot: async () => ok('{}'),
    install: async () => ok({ store: 'netrc' as const }),
    restore: async () => ok(undefined),
  };
  const store = { read: () => ({ heldTokens: { acc: Object.keys(held) } }) } as unknown as SettingsStore;
  const accounts = { list: () => [{ id: 'acc', email: 'dev@example.com', name: null, source: 'sign-in', active: true }] } as unknown as AccountService;
  return new CliLoginService({
    cli,
    secrets: {} as SecretStore,
    store,
    accounts,
    authorizations: {
      create: async () => err('internal', 'not used'),
      heldToken: async (id) => (held[id] ? ok(held[id]) : err('token_not_held', 'not held')),
      cached: () => ({ items }),
    },
    apiFactory: () => {
      throw new Error('no network in this test');
    },
    hostname: 'box',
    now: () => 0,
    logger: new RecordingLogger(),
  });
}

const masked = (id: string, over: Partial<AuthorizationView> = {}) => authorizationView({ id, accountId: 'acc', tokenKind: 'masked', tokenLast4: '1a2b', ...over });

describe('matching the CLI login in a masked list', () => {
  it('one fit: named', async () => {
    const s = serviceWith([masked('cli'), masked('other', { tokenLast4: 'ffff' })], {});
    expect((await s.locate()).ok).toBe(true);
    expect(s.isCliLogin('acc', 'cli')).toBe(true);
  });

  it('a held token with the same last four is not the CLI login (its value is known and differs)', async () => {
    const s = serviceWith([masked('held', { held: true })], { held: 'HRKU-a-different-token-00001a2b' });
    await s.locate();
    expect(s.isCliLogin('acc', 'held')).toBe(false);
  });

  it('a held look-alike does not make the real one ambiguous', async () => {
    const s = serviceWith([masked('held', { held: true }), masked('cli')], { held: 'HRKU-a-different-token-00001a2b' });
    await s.locate();
    expect(s.isCliLogin('acc', 'cli')).toBe(true);
  });

  it('two fits: no guess; a legacy UUID token never fits an HRKU- key', async () => {
    const two = serviceWith([masked('x'), masked('y')], {});
    await two.locate();
    expect(two.isCliLogin('acc', 'x') || two.isCliLogin('acc', 'y')).toBe(false);
    const uuid = serviceWith([authorizationView({ id: 'u', accountId: 'acc', tokenKind: 'uuid', tokenLast4: '1a2b' })], {});
    await uuid.locate();
    expect(uuid.isCliLogin('acc', 'u')).toBe(false);
  });
});
