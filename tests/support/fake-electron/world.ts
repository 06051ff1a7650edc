/**
 * The state of the faked desktop: the OS profile in force, the app's lifecycle (ready, quitting,
 * exited), and everything the app created or registered. One per test process (kept on
 * globalThis, so a module reset in a test does not split the fake from the app under test).
 */
import { EventEmitter } from 'node:events';
import { PROFILES, type OsProfile, type ProfileName } from './profiles.js';

export interface NotificationRecord {
  title: string;
  body: string;
  options: Record<string, unknown>;
  state: 'created' | 'shown' | 'failed' | 'closed';
  /** The fake holds notifications weakly, like the OS: the app must keep them alive. */
  ref: WeakRef<EventEmitter>;
  closeReason: string | null;
  /** Windows: timed out and waiting in Action Center (still clickable). */
  inActionCenter: boolean;
}

export interface MenuItemLike {
  label?: string;
  type?: string;
  id?: string;
  role?: string;
  checked?: boolean;
  enabled?: boolean;
  click?: (item: unknown, window: unknown, event: unknown) => void;
}

export interface World {
  profile: OsProfile;
  ready: boolean;
  readyScheduled: boolean;
  readyPromise: Promise<void>;
  resolveReady: () => void;
  /** Wayland profile and no working `--ozone-platform=x11`: positioning, focus and cursor are the compositor's. */
  waylandNative: boolean;
  exited: boolean;
  exitCode: number | null;
  /** Ended by the OS (os.endSession) rather than quit: nothing of it runs any more. */
  killed: boolean;
  quitting: boolean;
  packaged: boolean;
  appPath: string;
  home: string;
  paths: Map<string, string>;
  switches: Map<string, string>;
  /** userData folders whose single-instance lock another (installed) instance holds. */
  otherInstances: Set<string>;
  lockHeldFor: string | null;
  handedOff: string[][];
  appUserModelId: string | null;
  desktopName: string | null;
  loginItems: Array<Record<string, unknown>>;
  privileged: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Map<string, (event: unknown, args: unknown) => unknown>;
  shortcuts: Map<string, () => void>;
  takenShortcuts: Set<string>;
  permission: { request: unknown; check: unknown; device: unknown };
  opened: string[];
  clipboard: string;
  online: boolean;
  applicationMenu: unknown;
  dockHidden: boolean;
  notificationsSupported: boolean;
  /** Forces the next notifications to fail (e.g. Focus Assist, a missing daemon). */
  notificationFailure: string | null;
  notifications: NotificationRecord[];
  activationHandler: ((details: { type: string; actionIndex?: number; arguments: string }) => void) | null;
  windows: EventEmitter[];
  trays: EventEmitter[];
  focused: EventEmitter | null;
}

function fresh(profile: OsProfile): World {
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  return {
    profile,
    ready: false,
    readyScheduled: false,
    readyPromise,
    resolveReady,
    waylandNative: profile.windowing === 'wayland',
    exited: false,
    exitCode: null,
    killed: false,
    quitting: false,
    packaged: false,
    appPath: process.cwd(),
    home: process.cwd(),
    paths: new Map(),
    switches: new Map(),
    otherInstances: new Set(),
    lockHeldFor: null,
    handedOff: [],
    appUserModelId: null,
    desktopName: null,
    loginItems: [],
    privileged: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    shortcuts: new Map(),
    takenShortcuts: new Set(),
    permission: { request: null, check: null, device: null },
    opened: [],
    clipboard: '',
    online: true,
    applicationMenu: undefined,
    dockHidden: false,
    notificationsSupported: true,
    notificationFailure: null,
    notifications: [],
    activationHandler: null,
    windows: [],
    trays: [],
    focused: null,
  };
}

const KEY = Symbol.for('htt.fake-electron.world');
const holder = globalThis as unknown as Record<symbol, { world: World } | undefined>;

/** The one world of this test process. */
export function world(): World {
  holder[KEY] ??= { world: fresh(PROFILES['linux-x11']) };
  return holder[KEY].world;
}

/** Starts a new world for a profile (every window, tray, handler and listener forgotten). */
export function resetWorld(name: ProfileName): World {
  holder[KEY] = { world: fresh(PROFILES[name]) };
  return holder[KEY].world;
}

/** Throws as Electron does when a ready-only module is used before 'ready'. */
export function requireReady(api: string): void {
  if (!world().ready) throw new Error(`fake-electron: ${api} cannot be used before the app is ready`);
}

/** Accelerators compare without case and with CommandOrControl/CmdOrCtrl as one modifier. */
export function normaliseAccelerator(accelerator: string): string {
  return accelerator.toLowerCase().replace(/commandorcontrol|cmdorctrl/g, 'mod');
}
