/**
 * The use cases of issue 13 (the Heroku CLI's login, leases, copy as, clean up): their part of
 * the contract's handler table, beside main/handlers.ts; core.ts joins the two.
 */
import type { HandlerTable } from '../shared/contract.js';
import { copyAsText } from '../shared/domain/copy-as.js';
import { ok } from '../shared/result.js';
import type { SettingsStore } from './ports.js';
import type { AuthorizationService } from './services/authorization-service.js';
import type { ClipboardGuard } from './services/clipboard-guard.js';
import type { CliLoginService } from './services/cli-login-service.js';
import type { LeaseService } from './services/lease-service.js';
import type { TokenCleanup } from './services/token-cleanup.js';

/** The contract's channels this table serves (derived from the contract: one list of channels). */
export type CliChannel = Extract<keyof HandlerTable, `cli-login:${string}` | `leases:${string}` | `cleanup:${string}` | 'tokens:copy-as'>;

export interface CliHandlerDeps {
  cliLogin: CliLoginService;
  leases: LeaseService;
  cleanup: TokenCleanup;
  authorizations: AuthorizationService;
  clipboard: ClipboardGuard;
  store: SettingsStore;
  /** The API origin the app talks to: the curl line asks that one. */
  apiOrigin: string;
}

/** Builds the handlers of issue 13's channels. */
export function createCliHandlers(d: CliHandlerDeps): Pick<HandlerTable, CliChannel> {
  return {
    'cli-login:status': () => d.cliLogin.status(),
    'cli-login:use': (args) => d.cliLogin.use(args),
    'cli-login:renew': () => d.cliLogin.renew(),
    'cli-login:restore': () => d.cliLogin.restore(),
    'leases:list': async () => ok(d.leases.list()),
    'leases:create': (args) => d.leases.lease(args),
    'leases:end': ({ id, accountId }) => d.leases.end(id, accountId),
    // Copy happens in main, through the guard that clears the clipboard after the delay.
    'tokens:copy-as': async ({ id, accountId, format }) => {
      const token = await d.authorizations.heldToken(id, accountId);
      if (!token.ok) return token;
      const seconds = d.store.read().settings.clipboardClearSeconds;
      await d.clipboard.copy(copyAsText(format, token.value, d.apiOrigin), seconds);
      return ok({ clearsInSeconds: seconds });
    },
    'cleanup:expired': (args) => d.cleanup.expired(args?.accountId),
    'cleanup:remove': ({ ids, accountId }) => d.cleanup.remove(ids, accountId),
  };
}
