/**
 * The app's use-case table: one function per channel of the contract, taking arguments already
 * parsed by a transport. Built by core.ts beside the services it calls; carried by Electron IPC
 * (main/ipc/handle.ts) and by the browser preview alike, so it knows nothing of either.
 */
import type { AccountView, AppInfo, AppStatus, HandlerTable } from '../shared/contract.js';
import { settingsSchema } from '../shared/contract.js';
import { err, ok, type Result } from '../shared/result.js';
import type { CliChannel } from './cli-handlers.js';
import type { KeyImporter, SettingsStore } from './ports.js';
import type { AccountService } from './services/account-service.js';
import type { AuthorizationService } from './services/authorization-service.js';
import type { ClipboardGuard } from './services/clipboard-guard.js';
import type { EventBus } from './services/events.js';
import type { ConsumerChannels } from './consumer-handlers.js';

export interface HandlerDeps {
  accounts: AccountService;
  authorizations: AuthorizationService;
  clipboard: ClipboardGuard;
  importer: KeyImporter;
  store: SettingsStore;
  bus: EventBus;
  info: AppInfo;
  status: () => Promise<AppStatus>;
  hidePopover: () => void;
  /** The consumers:* and replace:* handlers (main/consumer-handlers.ts). */
  consumers: Pick<HandlerTable, ConsumerChannels>;
}

/** Builds the handler for every channel of the contract. */
export function createHandlers(d: HandlerDeps): Omit<HandlerTable, CliChannel> {
  // A new key may be another authorization: start the account's caches afresh, then fetch.
  const signedIn = (r: Result<AccountView>): Result<AccountView> => {
    if (r.ok) {
      d.authorizations.forget(r.value.id);
      void d.authorizations.refresh(r.value.id);
    }
    return r;
  };
  return {
    ...d.consumers,
    'app:info': async () => ok(d.info),
    'app:status': async () => ok(await d.status()),
    'account:current': async () => ok(d.accounts.current()),
    'accounts:list': async () => ok(d.accounts.list()),
    'accounts:sign-in': async ({ apiKey }) => signedIn(await d.accounts.signIn(apiKey)),
    'accounts:switch': async ({ accountId }) => d.accounts.switchTo(accountId),
    'accounts:remove': async ({ accountId }) => {
      const r = await d.accounts.remove(accountId);
      if (r.ok) d.authorizations.forget(accountId);
      return r;
    },
    'accounts:import-candidates': async () => ok(await d.importer.candidates()),
    'accounts:import': async ({ source }) => {
      const key = await d.importer.read(source);
      if (!key.ok) return key;
      return signedIn(await d.accounts.signIn(key.value, source));
    },
    'authorizations:list': async (args) => d.authorizations.list(args?.accountId),
    'authorizations:refresh': async (args) => d.authorizations.refresh(args?.accountId),
    'authorizations:create': async (args) => d.authorizations.create(args),
    'authorizations:rename': async ({ id, accountId, description }) => d.authorizations.rename(id, description, accountId),
    'authorizations:rotate': async ({ id, accountId }) => d.authorizations.rotate(id, accountId),
    'authorizations:revoke': async ({ id, accountId }) => d.authorizations.revoke(id, accountId),
    'tokens:copy': async ({ id, accountId }) => {
      const token = await d.authorizations.heldToken(id, accountId);
      if (!token.ok) return token;
      const seconds = d.store.read().settings.clipboardClearSeconds;
      await d.clipboard.copy(token.value, seconds);
      return ok({ clearsInSeconds: seconds });
    },
    'tokens:reveal': async ({ id, accountId }) => {
      const token = await d.authorizations.heldToken(id, accountId);
      return token.ok ? ok({ token: token.value, hideAfterSeconds: 30 }) : token;
    },
    'settings:get': async () => ok(d.store.read().settings),
    'settings:update': async (patch) => {
      const next = settingsSchema.safeParse({ ...d.store.read().settings, ...patch });
      if (!next.success) return err('bad_request', next.error.issues[0]?.message ?? 'Invalid settings.');
      const state = d.store.update((s) => ({ ...s, settings: next.data }));
      d.bus.emit('settings:changed', state.settings);
      return ok(state.settings);
    },
    'popover:hide': async () => {
      d.hidePopover();
      return ok(null);
    },
  };
}
