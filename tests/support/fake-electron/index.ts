/**
 * A behavioural fake of the `electron` module, with OS profiles (./profiles.ts): it does what
 * Electron 45 documents, including what users, window managers and the OS do to an app, and
 * fails loudly by name on any API it does not model. Install it with
 *
 *   vi.mock('electron', async () => (await import('<path>/tests/support/fake-electron/index.js')).electronModule);
 *
 * then `fake.use('linux-wayland', { home })` before the code under test runs, and drive it with
 * `fake.user.*` (clicks, closes, relaunches) and `fake.os.*` (timeouts, sleep, taken shortcuts).
 */
import { decodeRelayed } from '../../../shared/relay.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { app, powerMonitor, resetApp } from './app.js';
import { PROFILES, type ProfileName } from './profiles.js';
import { FakeMenu, FakeTray, nativeImage, NotificationClass } from './shell-parts.js';
import { strict } from './strict.js';
import { FakeBrowserWindow, FakeWebContents } from './window.js';
import { normaliseAccelerator, requireReady, resetWorld, world } from './world.js';
import { os, user } from './actions.js';

export { PROFILES, PROFILE_NAMES, type ProfileName, type OsProfile } from './profiles.js';
export { FakeBrowserWindow, FakeWebContents, electronEvent } from './window.js';
export { FakeTray, FakeMenu, FakeImage } from './shell-parts.js';
export type { NotificationRecord } from './world.js';


const readyOnly = <T extends object>(name: string, methods: T): T => {
  const wrapped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(methods)) {
    wrapped[k] = typeof v === 'function' ? (...a: unknown[]) => (requireReady(`${name}.${k}`), (v as (...x: unknown[]) => unknown)(...a)) : v;
  }
  return strict(wrapped as T, name);
};

const screen = readyOnly('screen', {
  getCursorScreenPoint: () => {
    // "Not supported on Wayland (Linux)" (screen.md): fail loudly rather than invent a point.
    if (world().waylandNative) throw new Error('fake-electron: screen.getCursorScreenPoint is not supported on Wayland');
    return { ...world().profile.cursor };
  },
  getAllDisplays: () => [{ id: 1, ...world().profile.display }],
  getPrimaryDisplay: () => ({ id: 1, ...world().profile.display }),
  getDisplayNearestPoint: () => ({ id: 1, ...world().profile.display }),
  getDisplayMatching: () => ({ id: 1, ...world().profile.display }),
});

const globalShortcut = readyOnly('globalShortcut', {
  register: (accelerator: string, fn: () => void) => {
    const w = world();
    // The OS or another app holds it: register() returns false (global-shortcut.md).
    if (w.takenShortcuts.has(normaliseAccelerator(accelerator)) || w.shortcuts.has(normaliseAccelerator(accelerator))) return false;
    w.shortcuts.set(normaliseAccelerator(accelerator), fn);
    return true;
  },
  unregister: (accelerator: string) => void world().shortcuts.delete(normaliseAccelerator(accelerator)),
  unregisterAll: () => world().shortcuts.clear(),
  isRegistered: (accelerator: string) => world().shortcuts.has(normaliseAccelerator(accelerator)),
});

const ipcMain = strict(
  {
    handle: (channel: string, fn: (event: unknown, args: unknown) => unknown) => {
      if (world().ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      world().ipcHandlers.set(channel, fn);
    },
    removeHandler: (channel: string) => void world().ipcHandlers.delete(channel),
  },
  'ipcMain',
);

const protocol = strict(
  {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      // "This method can only be used before the ready event of the app module" (protocol.md).
      if (world().ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      world().privileged.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      requireReady('protocol.handle');
      world().protocolHandlers.set(scheme, handler);
    },
  },
  'protocol',
);

const defaultSession = strict(
  {
    setPermissionRequestHandler: (h: unknown) => void (world().permission.request = h),
    setPermissionCheckHandler: (h: unknown) => void (world().permission.check = h),
    setDevicePermissionHandler: (h: unknown) => void (world().permission.device = h),
  },
  'session.defaultSession',
);

const session = strict(
  {
    get defaultSession() {
      requireReady('session.defaultSession');
      return defaultSession;
    },
  },
  'session',
);

const clipboard = strict(
  {
    // Asynchronous since Electron 45 (electron.d.ts), clear() stays synchronous.
    readText: async () => world().clipboard,
    // An ended process (os.endSession) changes nothing any more.
    writeText: async (text: string) => void (world().killed || (world().clipboard = text)),
    clear: () => void (world().killed || (world().clipboard = '')),
  },
  'clipboard',
);

/** The module `electron` as main-process code sees it. */
const moduleObject = strict(
  {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: FakeMenu,
    Notification: NotificationClass,
    nativeImage,
    screen,
    globalShortcut,
    ipcMain,
    protocol,
    session,
    clipboard,
    shell: strict({ openExternal: async (url: string) => void world().opened.push(url) }, 'shell'),
    powerMonitor: strict(powerMonitor, 'powerMonitor'),
    net: strict({ isOnline: () => world().online }, 'net'),
  },
  'electron',
);

export interface UseOptions {
  /** The fake home folder: userData and logs go below it (default: a new temp dir). */
  home?: string;
  /** app.getAppPath(). */
  appPath?: string;
  packaged?: boolean;
  /** Command-line switches the app was launched with, e.g. ['--remote-debugging-port=9222']. */
  launchArgs?: string[];
}

const saved = { platform: process.platform, env: { ...process.env } };

/** The home folder the fake made itself (no `home` option): removed by restore() or the next use(). */
let ownHome: string | undefined;
function removeOwnHome(): void {
  if (ownHome !== undefined) rmSync(ownHome, { recursive: true, force: true });
  ownHome = undefined;
}
process.once('exit', removeOwnHome);

function parseSwitches(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of args) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (m) out.set(m[1]!, m[2] ?? '');
  }
  return out;
}

/** The test's handle on the fake. */
const controller = {
  /** Starts a fresh desktop of this profile: process.platform and the session variables follow it. */
  use(name: ProfileName, options: UseOptions = {}): void {
    removeOwnHome();
    const w = resetWorld(name);
    if (options.home === undefined) ownHome = mkdtempSync(path.join(tmpdir(), 'fake-electron-home-'));
    w.home = options.home ?? ownHome!;
    w.appPath = options.appPath ?? process.cwd();
    w.packaged = options.packaged ?? false;
    w.switches = parseSwitches(options.launchArgs ?? []);
    Object.defineProperty(process, 'platform', { value: PROFILES[name].platform, configurable: true });
    // Electron defines it always: resources/ of the packaged app, or of Electron's own dist in development.
    (process as { resourcesPath?: string }).resourcesPath = w.packaged ? path.join(w.appPath, 'build') : path.join(w.appPath, 'node_modules', 'electron', 'dist', 'resources');
    for (const [k, v] of Object.entries(PROFILES[name].env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetApp();
    powerMonitor.removeAllListeners();
  },
  /** Puts process.platform and the environment back, and removes the home folder the fake made. */
  restore(): void {
    removeOwnHome();
    Object.defineProperty(process, 'platform', { value: saved.platform, configurable: true });
    delete (process as { resourcesPath?: string }).resourcesPath;
    process.env = { ...saved.env };
  },
  /** Makes the app ready (as the end of the main script's first turn would). */
  async makeReady(): Promise<void> {
    await app.whenReady();
  },
  get world() {
    return world();
  },
  get profile() {
    return world().profile;
  },
  windows: () => world().windows as FakeBrowserWindow[],
  trays: () => world().trays as FakeTray[],
  notifications: () => world().notifications,
  user,
  os,
  /**
   * Calls an ipcMain handler as the renderer of `contents` would (top frame at its URL), and reads
   * the answer as renderer/api.ts does (the core's JSON bytes decoded: shared/relay.ts).
   */
  async invoke(channel: string, contents: FakeWebContents, args?: unknown): Promise<unknown> {
    const handler = world().ipcHandlers.get(channel);
    if (!handler) throw new Error(`fake-electron: no ipcMain handler for ${channel}`);
    return decodeRelayed(await handler({ sender: contents, senderFrame: { url: contents.getURL(), parent: null } }, args));
  },
};

// One fake per process: a test that resets its modules must still share it with the app it boots.
const BUNDLE = Symbol.for('htt.fake-electron.bundle');
const bundles = globalThis as unknown as Record<symbol, { electronModule: typeof moduleObject; fake: typeof controller } | undefined>;
bundles[BUNDLE] ??= { electronModule: moduleObject, fake: controller };

/** The module `electron` as main-process code sees it. */
export const electronModule = bundles[BUNDLE].electronModule;
/** The test's handle on the fake: profile, user and OS actions, inspection. */
export const fake = bundles[BUNDLE].fake;
export default electronModule;
