/**
 * Composition root of the Electron main process: single-instance lock, adapters -> createCore ->
 * IPC, and the shell (tray, popover, notifications) around it. Nothing else: behaviour lives in
 * main/services and main/adapters.
 */
import { app, net, powerMonitor, protocol } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from './core.js';
import { parseApiOrigin } from './heroku/client.js';
import { registerIpc, sendEvent } from './ipc/handle.js';
import type { CliLoginStore, KeyImporter, Logger, SecretStore, SettingsStore } from './ports.js';
import { systemClock } from './adapters/system-clock.js';
import { createFileLogger } from './adapters/file-logger.js';
import { KeyringSecretStore } from './adapters/keyring-secret-store.js';
import ElectronStore from 'electron-store';
import { ConfSettingsStore, type ConfEngine } from './adapters/settings-store.js';
import { MemorySecretStore } from './adapters/memory-secret-store.js';
import { MemorySettingsStore } from './adapters/memory-settings-store.js';
import { envKeyImporter } from './adapters/env-key-importer.js';
import { herokuCliImporter } from './adapters/heroku-cli-importer.js';
import { cliHostsFor, herokuCliLoginStore } from './adapters/heroku-cli-login-store.js';
import { electronClipboard } from './adapters/electron/clipboard.js';
import { registerAppScheme, serveAppProtocol } from './adapters/electron/app-protocol.js';
import { APP_ENTRY_URL, isAppUrl } from './adapters/electron/app-url.js';
import { appPaths } from './adapters/electron/app-paths.js';
import { ElectronShell, hardenApp } from './adapters/electron/app-shell.js';
import { applyLaunchAtLogin, ElectronConnectivity, ElectronPowerEvents } from './adapters/electron/system-integration.js';
import { installE2eHooks, isE2eRun, recordingNotifier, type E2eHooks } from './adapters/electron/e2e-hooks.js';

const paths = appPaths({
  appPath: app.getAppPath(),
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
});
const e2e = isE2eRun();
/** `npm run demo` and the e2e tests keep key and settings in memory: never the user's keychain. */
const volatile = e2e || process.env.HTT_DEMO === '1';

// A packaged app refuses debugging switches: they would let another program drive the popover
// (the fuses already disable --inspect and NODE_OPTIONS; Chromium's switches have no fuse).
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port', 'js-flags'];
if (app.isPackaged && DEBUG_SWITCHES.some((s) => app.commandLine.hasSwitch(s))) app.exit(1);

// Must happen before 'ready'.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

function stores(logger: Logger, apiOrigin: string): { secrets: SecretStore; store: SettingsStore; importer: KeyImporter; cliLogin?: CliLoginStore } {
  // The demo's volatile mode never touches the Heroku CLI's real files or keychain entry.
  if (volatile) return { secrets: new MemorySecretStore(), store: new MemorySettingsStore(), importer: envKeyImporter(process.env) };
  return {
    cliLogin: herokuCliLoginStore({ env: process.env, ...cliHostsFor(apiOrigin, process.env) }),
    secrets: new KeyringSecretStore({ logger }),
    store: new ConfSettingsStore({ cwd: app.getPath('userData'), logger, engine: ElectronStore as unknown as ConfEngine }),
    importer: herokuCliImporter({ env: process.env, netrcHost: new URL(apiOrigin).host }),
  };
}

async function start(): Promise<void> {
  const logger = createFileLogger({
    file: path.join(app.getPath('logs'), 'main.log'),
    mirror: app.isPackaged ? undefined : (line) => console.log(line),
  });
  const origin = parseApiOrigin(process.env.HEROKU_API_URL);
  if (!origin.ok) {
    logger.error(origin.error.message);
    app.quit();
    return;
  }
  hardenApp();
  serveAppProtocol(protocol, paths.renderer);
  let core: Core | null = null;
  const emit: Core['bus']['emit'] = (name, payload) => core?.bus.emit(name, payload);
  const shell = new ElectronShell({
    preloadPath: paths.preload,
    iconDir: paths.trayIcons,
    logger,
    onVisibility: (visible) => emit('popover:visibility', { visible }),
    onFocusToken: (target) => emit('popover:focus-token', target),
    keepOnBlur: e2e,
    devTools: !app.isPackaged,
    notificationIcon: process.platform === 'darwin' ? undefined : paths.appIcon,
  });
  const notifications: E2eHooks['notifications'] = [];
  core = createCore({
    ...stores(logger, origin.value),
    clipboard: electronClipboard,
    clock: systemClock,
    logger,
    apiOrigin: origin.value,
    version: app.getVersion(),
    platform: `${process.platform} ${os.release()}`,
    hostname: os.hostname(),
    hidePopover: () => shell.popover.hide(),
    notifier: e2e ? recordingNotifier(shell.notifier, notifications) : shell.notifier,
    tray: shell.tray,
    power: new ElectronPowerEvents(powerMonitor),
    connectivity: new ElectronConnectivity(net),
  });
  connect(core, shell, logger);
  if (e2e) installE2eHooks(shell, notifications);
  await shell.popover.load(APP_ENTRY_URL);
  // The window starts hidden: tell the page, so its countdown clock does not tick unseen.
  emit('popover:visibility', { visible: shell.popover.isVisible() });
  core.start();
  if (process.env.HTT_DEMO === '1' && process.env.HEROKU_API_KEY) await core.accounts.signIn(process.env.HEROKU_API_KEY, 'env');
}

/** IPC, push events, tray actions, launch at login and the second-instance hand-off. */
function connect(core: Core, shell: ElectronShell, logger: Logger): void {
  registerIpc(core.handlers, { trustedWebContents: () => [shell.popover.webContentsId()], isAppUrl }, logger);
  core.bus.subscribe((name, payload) => sendEvent(shell.popover.window.webContents, name, payload));
  core.bus.subscribe((name, payload) => {
    if (name === 'settings:changed') applyLaunchAtLogin(app, (payload as { launchAtLogin: boolean }).launchAtLogin);
  });
  applyLaunchAtLogin(app, core.settings().launchAtLogin);
  // Tray actions are use cases, not IPC: straight to the services.
  shell.connect({
    refresh: () => void core.authorizations.refresh(),
    switchAccount: (accountId) => void core.accounts.switchTo(accountId),
  });
  app.on('second-instance', () => shell.showPopover());
  // Clearing the clipboard is asynchronous in Electron 45: hold the quit until it is done.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void core.stop().finally(() => app.quit());
  });
}
