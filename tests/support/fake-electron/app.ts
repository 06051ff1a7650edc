/**
 * The `app` module: lifecycle (ready after the main script's first turn, quit closing every
 * window and giving up when one refuses, exit), paths, the single-instance lock keyed by the
 * userData folder, the command line, login items and the per-OS extras (app.dock on macOS,
 * setAppUserModelId on Windows, setDesktopName on Linux).
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strict } from './strict.js';
import { electronEvent, FakeBrowserWindow, windowHooks } from './window.js';
import { world } from './world.js';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { productName: string; version: string };
export const APP_NAME = pkg.productName;

/** Electron's default folders for this OS, under the fake home. */
export function defaultPath(name: string): string {
  const w = world();
  const { platform } = w.profile;
  const home = w.home;
  const appData =
    platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? path.join(home, 'AppData', 'Roaming')
        : path.join(home, '.config');
  switch (name) {
    case 'home':
      return home;
    case 'appData':
      return appData;
    case 'userData':
      return path.join(appData, APP_NAME);
    case 'sessionData':
      return getPath('userData');
    case 'logs':
      return platform === 'darwin' ? path.join(home, 'Library', 'Logs', APP_NAME) : path.join(getPath('userData'), 'logs');
    case 'temp':
      return path.join(home, 'tmp');
    default:
      throw new Error(`fake-electron: app.getPath('${name}') not modelled`);
  }
}

function getPath(name: string): string {
  return world().paths.get(name) ?? defaultPath(name);
}

function scheduleReady(): void {
  const w = world();
  if (w.readyScheduled) return;
  w.readyScheduled = true;
  // Electron emits 'ready' after the main script has run to its end.
  setImmediate(() => {
    if (w !== world() || w.exited) return;
    const x11 = w.switches.get('ozone-platform') === 'x11' && !!process.env.DISPLAY;
    w.waylandNative = w.profile.windowing === 'wayland' && !x11;
    w.ready = true;
    app.emit('ready', electronEvent(), {});
    w.resolveReady();
  });
}

/** Quits as Electron does: before-quit, close every window (one refusal aborts), will-quit, quit. */
function quit(): void {
  const w = world();
  if (w.exited || w.quitting) return;
  const before = electronEvent();
  app.emit('before-quit', before);
  if (before.defaultPrevented) return;
  w.quitting = true;
  for (const win of FakeBrowserWindow.getAllWindows()) {
    win.close();
    if (!win.isDestroyed()) {
      // "If a window's close is cancelled, the quit is cancelled" (app.md, before-quit).
      w.quitting = false;
      return;
    }
  }
  const will = electronEvent();
  app.emit('will-quit', will);
  if (will.defaultPrevented) {
    w.quitting = false;
    return;
  }
  w.exited = true;
  w.exitCode = 0;
  app.emit('quit', electronEvent(), 0);
}

function exit(code = 0): void {
  const w = world();
  if (w.exited) return;
  w.quitting = true;
  for (const win of FakeBrowserWindow.getAllWindows()) win.destroy();
  w.exited = true;
  w.exitCode = code;
}

windowHooks.lastWindowClosed = () => {
  // Without a listener Electron quits when the last window closes.
  if (app.listenerCount('window-all-closed') === 0) quit();
  else app.emit('window-all-closed');
};

const commandLine = strict(
  {
    hasSwitch: (name: string) => world().switches.has(name),
    getSwitchValue: (name: string) => world().switches.get(name) ?? '',
    appendSwitch: (name: string, value?: string) => void world().switches.set(name, value ?? ''),
  },
  'app.commandLine',
);

const dock = strict(
  {
    hide: () => void (world().dockHidden = true),
    show: async () => void (world().dockHidden = false),
    isVisible: () => !world().dockHidden,
  },
  'app.dock',
);

const appEmitter = new EventEmitter();
/** powerMonitor: 'suspend', 'resume', 'unlock-screen', ... (fired by fake.os). */
export const powerMonitor = new EventEmitter();

const appApi = {
  get isPackaged() {
    return world().packaged;
  },
  commandLine,
  dock,
  getName: () => APP_NAME,
  getVersion: () => pkg.version,
  getAppPath: () => world().appPath,
  getPath,
  setPath(name: string, p: string) {
    // "If the path specifies a directory that does not exist, an Error is thrown" (app.md).
    if (!existsSync(p)) throw new Error(`Failed to set path: ${p} does not exist`);
    world().paths.set(name, p);
  },
  whenReady() {
    scheduleReady();
    return world().readyPromise;
  },
  isReady: () => world().ready,
  quit,
  exit,
  requestSingleInstanceLock() {
    const w = world();
    const key = getPath('userData');
    if (w.otherInstances.has(key)) {
      w.handedOff.push(process.argv.slice(1));
      return false;
    }
    w.lockHeldFor = key;
    return true;
  },
  hasSingleInstanceLock: () => world().lockHeldFor !== null,
  setLoginItemSettings(settings: Record<string, unknown>) {
    const w = world();
    // Linux has no login items in Electron: the call does nothing there.
    if (w.profile.loginItems) w.loginItems.push(settings);
  },
  getLoginItemSettings() {
    const last = world().loginItems.at(-1);
    return { openAtLogin: last?.openAtLogin === true };
  },
  setAppUserModelId: (id: string) => void (world().appUserModelId = id),
  setDesktopName: (name: string) => void (world().desktopName = name),
};

Object.defineProperties(appEmitter, Object.getOwnPropertyDescriptors(appApi));

/** The stable `app` object (its listeners are cleared when a new world starts). */
export const app = strict(appEmitter as typeof appApi & EventEmitter, 'app', () => {
  const p = world().profile;
  return new Set([...(p.dock ? [] : ['dock']), ...(p.windowsOnly ? [] : ['setAppUserModelId']), ...(p.linuxOnly ? [] : ['setDesktopName'])]);
});

/** Forgets every listener on the app (a new world). */
export function resetApp(): void {
  app.removeAllListeners();
  mkdirSync(defaultPath('userData'), { recursive: true });
}
