/**
 * Composition root of the Electron main process: single-instance lock, the shell (tray, popover,
 * notifications), the core in a thread of its own (main/core-worker.ts, through
 * main/thread/remote-core.ts) and IPC to it. Nothing else: behaviour lives in main/services and
 * main/adapters.
 */
import { app, net, powerMonitor, protocol } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RemoteCore } from './thread/remote-core.js';
import { coreModuleLoader, coreWorkerSpawner } from './thread/spawn.js';
import { inThreadCore } from './thread/in-thread.js';
import { parseApiOrigin } from './heroku/origin.js';
import { registerIpc, sendEvent } from './ipc/handle.js';
import type { Logger } from './ports.js';
import { DEFAULT_POPOVER_SHORTCUT, type Settings } from '../shared/contract.js';
import { createFileLogger } from './adapters/file-logger.js';
import { electronClipboard } from './adapters/electron/clipboard.js';
import { registerAppScheme, serveAppProtocol } from './adapters/electron/app-protocol.js';
import { APP_ENTRY_URL, isAppUrl } from './adapters/electron/app-url.js';
import { appPaths } from './adapters/electron/app-paths.js';
import { ElectronShell, hardenApp } from './adapters/electron/app-shell.js';
import { ElectronConnectivity, ElectronPowerEvents } from './adapters/electron/system-integration.js';
import { LoginItem } from './adapters/electron/login-item.js';
import { applyIdentity, hasDebugSwitch, HIDDEN_FLAG, preferXWayland, runMode, separateUserData } from './adapters/electron/startup.js';

const paths = appPaths({
  appPath: app.getAppPath(),
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
});
/** `npm run demo` and the e2e tests keep key and settings in memory; a packaged app never does. */
const mode = runMode(app.isPackaged, process.env);

if (hasDebugSwitch(app.isPackaged, app.commandLine)) {
  app.exit(1);
} else {
  boot();
}

/** Everything that must happen before 'ready', then the single-instance lock. */
function boot(): void {
  // Before the lock: Electron keys it on userData, and a demo must not hand off to the installed app.
  separateUserData(app, mode);
  preferXWayland(app.commandLine, process.env, process.platform);
  applyIdentity(app, process.platform);
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  void app.whenReady().then(start);
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
  let core: RemoteCore | null = null;
  const emit: RemoteCore['emit'] = (name, payload) => core?.emit(name, payload);
  const shell = new ElectronShell({
    preloadPath: paths.preload,
    iconDir: paths.trayIcons,
    logger,
    onVisibility: (visible) => emit('popover:visibility', { visible }),
    onFocusToken: (target) => emit('popover:focus-token', target),
    keepOnBlur: mode.e2e,
    devTools: !app.isPackaged,
    notificationIcon: process.platform === 'darwin' ? undefined : paths.appIcon,
  });
  // Test hooks exist only in the e2e build: elsewhere this is `null` at build time and the module is not bundled.
  const hooks = __HTT_E2E_HOOKS__ && mode.e2e ? await import('./adapters/electron/e2e-hooks.js') : null;
  const notifications: Array<{ key: string; title: string }> = [];
  const mainDir = path.dirname(fileURLToPath(import.meta.url));
  core = new RemoteCore({
    spawn: coreWorkerSpawner(mainDir),
    // Loaded only if no worker starts (the worker's own file): the main thread does not hold the core's code otherwise.
    inThread: (init) => inThreadCore(init, coreModuleLoader(mainDir)),
    init: {
      apiOrigin: origin.value,
      version: app.getVersion(),
      platform: `${process.platform} ${os.release()}`,
      hostname: os.hostname(),
      volatile: mode.volatile,
      userData: app.getPath('userData'),
    },
    shell: {
      clipboard: electronClipboard,
      logger,
      hidePopover: () => shell.popover.hide(),
      notifier: hooks ? hooks.recordingNotifier(shell.notifier, notifications) : shell.notifier,
      tray: shell.tray,
      power: new ElectronPowerEvents(powerMonitor),
      connectivity: new ElectronConnectivity(net),
      shortcutStatus: () => shell.shortcut.status(),
    },
  });
  connect(core, shell, logger);
  hooks?.installE2eHooks(shell, notifications);
  // The keychain read and the first lists go out now, while the popover window is created and
  // loads: its first `authorizations:list` then joins that request (or finds the list) instead of
  // starting it once the page ran.
  core.start();
  await shell.popover.load(APP_ENTRY_URL);
  // Linux trays may be missing (GNOME without the AppIndicator extension): a launch by the user
  // shows the popover; a launch at login (--hidden) starts in the tray.
  if (process.platform === 'linux' && !app.commandLine.hasSwitch(HIDDEN_FLAG) && !mode.e2e) shell.showPopover();
  // Tell the page whether it is seen, so its countdown clock does not tick unseen.
  emit('popover:visibility', { visible: shell.popover.isVisible() });
  if (mode.demo && process.env.HEROKU_API_KEY) await core.signIn(process.env.HEROKU_API_KEY);
}

/** IPC, push events, tray actions, launch at login, the shortcut and relaunches. */
function connect(core: RemoteCore, shell: ElectronShell, logger: Logger): void {
  registerIpc(core.handlers, { trustedWebContents: () => shell.popover.webContentsIds(), isAppUrl }, logger);
  // Never into a destroyed window (the bus also isolates listeners that throw).
  core.subscribe((name, payload) => {
    const contents = shell.popover.contents();
    if (contents) sendEvent(contents, name, payload);
  });
  const loginItem = new LoginItem(
    app,
    { platform: process.platform, execPath: process.execPath, isPackaged: app.isPackaged, appPath: app.getAppPath(), appImage: process.env.APPIMAGE },
    logger,
  );
  const applySettings = (s: Settings) => {
    if (!mode.volatile) loginItem.apply(s.launchAtLogin);
    const before = shell.shortcut.status();
    const after = shell.shortcut.bind(s.popoverShortcut ?? DEFAULT_POPOVER_SHORTCUT);
    if (before.accelerator !== after.accelerator || before.registered !== after.registered) core.publishStatus();
  };
  core.onSettings(applySettings);
  // The settings live in the core's thread: launch at login and the shortcut follow once it answered.
  void core.ready().then(() => applySettings(core.settings()));
  // Tray actions are use cases, not IPC: straight to the services.
  shell.connect({
    refresh: () => core.refresh(),
    switchAccount: (accountId) => core.switchAccount(accountId),
  });
  // A second launch hands off to this instance; on macOS a relaunch from Finder/Spotlight is 'activate'.
  app.on('second-instance', () => shell.showPopover());
  app.on('activate', () => shell.showPopover());
  // Clearing the clipboard is asynchronous in Electron 45: hold the quit until it is done.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void core.stop().finally(() => app.quit());
  });
  // A system shut down, restart or log-off. Linux and macOS announce it ('shutdown') and wait for
  // an app that asks them to (power-monitor.md): it then quits as it always does, above. Windows
  // emits no before-quit then (app.md): the popover window's 'session-end' is the last word, and
  // core.stop() writes the settings still pending there and then (synchronously, before anything
  // it awaits); settings are written behind, so without it a change made in the last moment was lost.
  powerMonitor.on('shutdown', (...args: unknown[]) => {
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    app.quit();
  });
  shell.popover.onSessionEnd(() => {
    if (stopped) return;
    stopped = true;
    // The core runs in its own thread: wait here, blocking, until it wrote the pending settings.
    if (!core.stopNow()) logger.warn('the session ended before the settings were written');
  });
}
