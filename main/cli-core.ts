/**
 * Builds issue 13's services (the Heroku CLI's login, leases, clean up) and their handlers from
 * the core's parts, so core.ts only adds them to its table and starts/stops the lease timers.
 */
import { err, ok } from '../shared/result.js';
import { createCliHandlers, type CliChannel } from './cli-handlers.js';
import type { HerokuApi } from './heroku/client.js';
import type { CliLoginStore, Clock, Logger, PowerEvents, SecretStore, SettingsStore } from './ports.js';
import type { HandlerTable } from '../shared/contract.js';
import type { AccountService } from './services/account-service.js';
import type { AuthorizationService } from './services/authorization-service.js';
import type { ClipboardGuard } from './services/clipboard-guard.js';
import { CliLoginService } from './services/cli-login-service.js';
import type { EventBus } from './services/events.js';
import { LeaseService } from './services/lease-service.js';
import { TokenCleanup } from './services/token-cleanup.js';

export interface CliCoreParts {
  cliLogin?: CliLoginStore;
  hostname?: string;
  secrets: SecretStore;
  store: SettingsStore;
  clock: Clock;
  logger: Logger;
  power?: PowerEvents;
  apiOrigin: string;
  apiFactory: (apiKey: string) => HerokuApi;
  accounts: AccountService;
  authorizations: AuthorizationService;
  clipboard: ClipboardGuard;
  bus: EventBus;
}

export interface CliCore {
  cliLogin: CliLoginService;
  leases: LeaseService;
  cleanup: TokenCleanup;
  handlers: Pick<HandlerTable, CliChannel>;
}

/** Where nothing knows the CLI's stores (tests that do not care): says so, writes nothing. */
export const noCliLoginStore: CliLoginStore = {
  location: async () => ({ store: 'netrc', label: 'not available here', envOverride: false }),
  current: async () => ok(null),
  snapshot: async () => err('cli_login_unavailable', "The Heroku CLI's login cannot be changed here."),
  install: async () => err('cli_login_unavailable', "The Heroku CLI's login cannot be changed here."),
  restore: async () => err('cli_login_unavailable', "The Heroku CLI's login cannot be changed here."),
};

/** Wires the CLI login, lease and clean-up services and their handlers. */
export function createCliCore(p: CliCoreParts): CliCore {
  const cliLogin = new CliLoginService({
    cli: p.cliLogin ?? noCliLoginStore,
    secrets: p.secrets,
    store: p.store,
    accounts: p.accounts,
    authorizations: p.authorizations,
    apiFactory: p.apiFactory,
    hostname: p.hostname ?? 'this computer',
    now: () => p.clock.now(),
    logger: p.logger,
  });
  const leases = new LeaseService({
    clock: p.clock,
    logger: p.logger,
    power: p.power,
    store: {
      read: () => p.store.read().leases ?? [],
      write: (leases) => void p.store.update((s) => ({ ...s, leases })),
    },
    create: (input) => p.authorizations.create(input),
    revoke: (id, accountId) => p.authorizations.revoke(id, accountId),
    exists: async (id, accountId) => {
      const target = await p.accounts.api(accountId);
      if (!target.ok) return target;
      const got = await target.value.api.getAuthorization(id);
      if (got.ok) return ok(true);
      return got.error.code === 'not_found' ? ok(false) : got;
    },
  });
  leases.onChanged((list) => p.bus.emit('leases:changed', list));
  // A removed account's key can no longer revoke its leases: forget them with it.
  p.bus.subscribe((name, payload) => {
    if (name !== 'accounts:changed') return;
    const ids = new Set((payload as Array<{ id: string }>).map((a) => a.id));
    for (const l of leases.list()) if (!ids.has(l.accountId)) leases.forgetAccount(l.accountId);
  });
  // Keep knowing which token is the CLI's login (for its expiry warning), without the network.
  p.authorizations.onChanged(() => {
    cliLogin.locate().catch((e: unknown) => p.logger.warn('locating the Heroku CLI login failed', { name: e instanceof Error ? e.name : 'unknown' }));
  });
  const cleanup = new TokenCleanup({
    refresh: (accountId) => p.authorizations.refresh(accountId),
    revoke: (id, accountId) => p.authorizations.revoke(id, accountId),
    now: () => p.clock.now(),
  });
  const handlers = createCliHandlers({
    cliLogin,
    leases,
    cleanup,
    authorizations: p.authorizations,
    clipboard: p.clipboard,
    store: p.store,
    apiOrigin: p.apiOrigin,
  });
  return { cliLogin, leases, cleanup, handlers };
}
