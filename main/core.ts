/**
 * Builds the services and the contract's handler table from adapters. Plain Node (no electron):
 * main/index.ts calls it with Electron adapters, the browser preview and tests with theirs, so
 * both transports carry the very same handlers.
 */
import type { AppInfo, AppStatus, ShortcutStatus, HandlerTable, Settings } from '../shared/contract.js';
import { createHerokuClient, DEFAULT_API_ORIGIN } from './heroku/client.js';
import type { HerokuApi } from './heroku/client.js';
import type { Clipboard, Clock, ConsumerFiles, ConsumerStore, KeyImporter, Logger, SecretStore, SettingsStore } from './ports.js';
import type { CliLoginStore, Connectivity, Notifier, PowerEvents, TrayView } from './ports.js';
import { ExpiryWatcher } from './services/expiry-watcher.js';
import { RefreshScheduler } from './services/refresh-scheduler.js';
import { AccountService } from './services/account-service.js';
import { AuthorizationService } from './services/authorization-service.js';
import { ClipboardGuard } from './services/clipboard-guard.js';
import { EventBus } from './services/events.js';
import { createHandlers } from './handlers.js';
import { createCliCore, type CliCore } from './cli-core.js';
import { createConsumersWiring, type ConsumersWiring } from './consumers-wiring.js';
import { consumerNames, consumersOf } from '../shared/domain/consumers.js';

export interface CoreAdapters {
  secrets: SecretStore;
  store: SettingsStore;
  clipboard: Clipboard;
  clock: Clock;
  logger: Logger;
  apiOrigin: string;
  version: string;
  platform: string;
  /** Builds API clients; defaults to the real client against apiOrigin. */
  apiFactory?: (apiKey: string) => HerokuApi;
  /** Finds API keys the Heroku CLI left on this machine. */
  importer: KeyImporter;
  /** Hides the popover (Electron); a no-op elsewhere. */
  hidePopover?: () => void;
  /** OS notifications for expiry warnings and new-authorization alerts; none = tray and popover only. */
  notifier?: Notifier;
  /** The tray icon, tooltip and menu; none in the browser preview. */
  tray?: TrayView;
  /** Resume, unlock and clock-change events; without them the capped timers still notice within a minute. */
  power?: PowerEvents;
  /** Online/offline; without it the background refresh assumes online. */
  connectivity?: Connectivity;
  /** The Heroku CLI's login stores (issue 13); none = shown as not available, never written. */
  cliLogin?: CliLoginStore;
  /** This computer's name, for the description of a token given to the CLI. */
  hostname?: string;
  /** Where consumer records and Replace runs persist (default: memory). */
  consumerStore?: ConsumerStore;
  /** Local files holding tokens (default: the real file system). */
  consumerFiles?: ConsumerFiles;
  /** The global shortcut's state (Electron only), shown in the popover when the OS refused it. */
  shortcutStatus?: () => ShortcutStatus | null;
}

export interface Core {
  bus: EventBus;
  accounts: AccountService;
  authorizations: AuthorizationService;
  clipboard: ClipboardGuard;
  handlers: HandlerTable;
  info: AppInfo;
  status(): Promise<AppStatus>;
  /** The current settings (the shell applies launch-at-login from them). */
  settings(): Settings;
  /** Expiry warnings, new-authorization alerts and the tray state. */
  expiry: ExpiryWatcher;
  /** Background refresh of every account. */
  scheduler: RefreshScheduler;
  /** The Heroku CLI's login, leases and clean up (issue 13). */
  cli: CliCore;
  /** Where tokens are used (scan, local files) and Replace. */
  consumers: ConsumersWiring;
  /** Starts the background work (expiry watch and refresh first; leases and consumer files once the first lists are in); createCore alone sends nothing. */
  start(): void;
  /** Stops timers and clears a token still on the clipboard; resolves when that is done. */
  stop(): Promise<void>;
  /** Sends the current status to the renderer (after the shell changed something it reports). */
  publishStatus(): void;
}

/** Wires adapters into services into the handler table. */
export function createCore(a: CoreAdapters): Core {
  const bus = new EventBus((e, event) => a.logger.error('an event listener failed', { event, error: e instanceof Error ? e.message : String(e) }));
  const now = () => a.clock.now();
  const apiFactory =
    a.apiFactory ??
    ((apiKey: string) =>
      createHerokuClient({ origin: a.apiOrigin, apiKey, userAgent: `heroku-token-tray/${a.version}`, now }));
  const accounts = new AccountService({
    origin: a.apiOrigin,
    secrets: a.secrets,
    store: a.store,
    apiFactory,
    logger: a.logger,
    now,
    onChanged: (list) => bus.emit('accounts:changed', list),
  });
  const authorizations = new AuthorizationService({ accounts, secrets: a.secrets, store: a.store, logger: a.logger, now });
  authorizations.onChanged((snapshot) => bus.emit('authorizations:changed', snapshot));
  const clipboard = new ClipboardGuard(a.clipboard, a.clock, a.logger);
  const info: AppInfo = {
    version: a.version,
    apiOrigin: a.apiOrigin,
    isDefaultOrigin: a.apiOrigin === DEFAULT_API_ORIGIN,
    platform: a.platform,
  };
  const status = async (): Promise<AppStatus> => {
    const keychain = await a.secrets.status();
    const current = await accounts.api();
    return {
      online: a.connectivity?.isOnline() ?? true,
      keychain: keychain.state,
      keychainMessage: keychain.message,
      rateLimitRemaining: current.ok ? current.value.api.rateLimitRemaining() : null,
      settingsNotice: a.store.recoveryNotice(),
      missedNotification: expiry.missedNotification(),
      shortcut: a.shortcutStatus?.() ?? null,
    };
  };
  const consumers = createConsumersWiring({
    accounts,
    authorizations,
    secrets: a.secrets,
    clock: a.clock,
    logger: a.logger,
    bus,
    store: a.consumerStore,
    files: a.consumerFiles,
  });
  const publishStatus = () => void status().then((s) => bus.emit('status:changed', s));
  const cli = createCliCore({ ...a, apiFactory, accounts, authorizations, clipboard, bus });
  const handlers: HandlerTable = {
    ...cli.handlers,
    ...createHandlers({
    consumers: consumers.handlers,
    accounts,
    authorizations,
    clipboard,
    importer: a.importer,
    store: a.store,
    bus,
    info,
    status,
    hidePopover: a.hidePopover ?? (() => undefined),
    }),
  };
  const expiry = new ExpiryWatcher({
    usedBy: (accountId, id) => {
      const list = consumersOf(consumers.scan.snapshot(accountId).consumers, id);
      return list.length > 0 ? consumerNames(list) : null;
    },
    clock: a.clock,
    store: a.store,
    logger: a.logger,
    source: authorizations,
    accounts,
    notifier: a.notifier,
    tray: a.tray,
    power: a.power,
    isCliLogin: (accountId, id) => cli.cliLogin.isCliLogin(accountId, id),
  });
  const scheduler = new RefreshScheduler({
    clock: a.clock,
    store: a.store,
    logger: a.logger,
    accounts,
    authorizations,
    power: a.power,
    connectivity: a.connectivity,
  });
  let stopBus: (() => void) | null = null;
  let stopConnectivity: (() => void) | null = null;
  let stopNotices: (() => void) | null = null;
  let missedSeen = false;
  const start = () => {
    if (stopBus) return;
    stopConnectivity = a.connectivity?.onChange(publishStatus) ?? null;
    // A refused notification reaches the popover as a banner (and the tray, through the watcher).
    stopNotices = expiry.onNotice((notice) => !notice.shown && expiry.missedNotification() && publishStatus());
    // Settings (thresholds, interval) and the account list change what is planned: re-plan at once.
    stopBus = bus.subscribe((name, payload) => {
      if (name === 'settings:changed' || name === 'accounts:changed') {
        expiry.check();
        scheduler.tick();
      }
      if (name === 'popover:visibility') {
        // Shown with the banner, then closed: the user has seen it.
        const { visible } = payload as { visible: boolean };
        if (visible) missedSeen = expiry.missedNotification() !== null;
        else if (missedSeen) {
          missedSeen = false;
          expiry.acknowledgeMissed();
          publishStatus();
        }
      }
    });
    expiry.start();
    // The first lists go out first: they are what the popover opens on.
    scheduler.start();
    // Not needed for the first screen, so after the first lists: a lease that ended while the app
    // was closed is revoked, a mutation that would make a list crossing it be fetched again.
    const run = stopBus;
    void scheduler.idle().then(() => {
      if (stopBus !== run) return;
      cli.leases.start();
      consumers.start();
    });
  };
  const stop = () => {
    stopBus?.();
    stopBus = null;
    stopConnectivity?.();
    stopConnectivity = null;
    stopNotices?.();
    stopNotices = null;
    scheduler.stop();
    expiry.stop();
    cli.leases.stop();
    consumers.stop();
    // What the services wrote last (the watcher's last check, for one) reaches the file before the app goes.
    a.store.flush?.();
    // Quitting must not leave a token on the clipboard.
    return clipboard.flush();
  };
  const settings = () => a.store.read().settings;
  return { bus, accounts, authorizations, clipboard, handlers, info, status, settings, expiry, scheduler, cli, consumers, start, stop, publishStatus };
}
