/**
 * A thin fake of the `electron` module: just the surface main/adapters/electron and
 * main/ipc/handle.ts use, recording what they did. Tests install it with
 *   vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule)
 * and reset it with resetFake() in beforeEach.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** Event objects with preventDefault, as Electron passes them. */
export function fakeEvent<T extends object>(fields: T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<[string, unknown]> = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(name: string, payload: unknown) {
    this.sent.push([name, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  loaded: string | null = null;
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return false;
  }
  show() {
    this.visible = true;
    this.emit('show');
  }
  hide() {
    this.visible = false;
    this.emit('hide');
  }
  focus() {}
  setBounds(b: { x: number; y: number; width: number; height: number }) {
    this.bounds = b;
  }
}

export class FakeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(v: boolean) {
    this.template = v;
  }
}

export class FakeMenu {
  constructor(readonly template: Array<Record<string, unknown>>) {}
  static buildFromTemplate(template: Array<Record<string, unknown>>) {
    return new FakeMenu(template);
  }
  static applicationMenu: FakeMenu | null | undefined;
  static setApplicationMenu(menu: FakeMenu | null) {
    FakeMenu.applicationMenu = menu;
  }
}

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  image: FakeImage;
  tooltip = '';
  contextMenu: FakeMenu | null = null;
  poppedUp: FakeMenu | null | undefined;
  trayBounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(image: FakeImage) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }
  setImage(image: FakeImage) {
    this.image = image;
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  setContextMenu(m: FakeMenu | null) {
    this.contextMenu = m;
  }
  popUpContextMenu(m?: FakeMenu) {
    this.poppedUp = m ?? null;
  }
  setIgnoreDoubleClickEvents() {}
  getBounds() {
    return this.trayBounds;
  }
  isDestroyed() {
    return false;
  }
}

export class FakeNotification extends EventEmitter {
  static all: FakeNotification[] = [];
  static supported = true;
  shown = false;
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeNotification.all.push(this);
  }
  static isSupported() {
    return FakeNotification.supported;
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close', {});
  }
}

export const state = {
  handlers: new Map<string, Listener>(),
  opened: [] as string[],
  shortcuts: new Map<string, Listener>(),
  shortcutTaken: false,
  loginItems: [] as Array<{ openAtLogin?: boolean }>,
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, Listener>(),
  permissionRequest: null as Listener | null,
  permissionCheck: null as Listener | null,
  devicePermission: null as Listener | null,
  dockHidden: false,
  singleInstance: true,
  quitCalls: 0,
  appPath: '/app',
  userPath: '/tmp',
  cursor: { x: 0, y: 0 },
  displays: [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 }],
};

const appEmitter = new EventEmitter();
const powerEmitter = new EventEmitter();

export function resetFake(): void {
  FakeBrowserWindow.all = [];
  FakeTray.all = [];
  FakeNotification.all = [];
  FakeNotification.supported = true;
  FakeMenu.applicationMenu = undefined;
  state.handlers.clear();
  state.opened = [];
  state.shortcuts.clear();
  state.shortcutTaken = false;
  state.loginItems = [];
  state.privileged = [];
  state.protocolHandlers.clear();
  state.permissionRequest = state.permissionCheck = state.devicePermission = null;
  state.dockHidden = false;
  state.singleInstance = true;
  state.quitCalls = 0;
  appEmitter.removeAllListeners();
  powerEmitter.removeAllListeners();
}

export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu: FakeMenu,
  Notification: FakeNotification,
  nativeImage: { createFromPath: (p: string) => new FakeImage(p), createEmpty: () => new FakeImage('') },
  ipcMain: {
    handle: (channel: string, fn: Listener) => {
      if (state.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      state.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => state.handlers.delete(channel),
  },
  screen: { getCursorScreenPoint: () => state.cursor, getAllDisplays: () => state.displays },
  shell: { openExternal: async (url: string) => void state.opened.push(url) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: Listener) => (state.permissionRequest = h),
      setPermissionCheckHandler: (h: Listener) => (state.permissionCheck = h),
      setDevicePermissionHandler: (h: Listener) => (state.devicePermission = h),
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
    handle: (scheme: string, h: Listener) => state.protocolHandlers.set(scheme, h),
  },
  globalShortcut: {
    register: (acc: string, fn: Listener) => {
      if (state.shortcutTaken) return false;
      state.shortcuts.set(acc, fn);
      return true;
    },
    unregisterAll: () => state.shortcuts.clear(),
  },
  powerMonitor: powerEmitter,
  net: { isOnline: () => true },
  app: Object.assign(appEmitter, {
    dock: { hide: () => void (state.dockHidden = true) },
    quit: () => void state.quitCalls++,
    requestSingleInstanceLock: () => state.singleInstance,
    whenReady: () => Promise.resolve(),
    getAppPath: () => state.appPath,
    getPath: () => state.userPath,
    getVersion: () => '0.0.0-test',
    isPackaged: false,
    setLoginItemSettings: (s: { openAtLogin?: boolean }) => void state.loginItems.push(s),
  }),
  clipboard: { writeText: async () => undefined, readText: async () => '', clear: () => undefined },
};
export default electronModule;
