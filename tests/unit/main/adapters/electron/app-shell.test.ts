/** The shell with a fake electron: secure windows, guarded navigation, placement, blur, tray wiring. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeMenu, FakeNotification, FakeTray, fakeEvent, resetFake, state } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const { ElectronShell, hardenApp } = await import('../../../../../main/adapters/electron/app-shell.js');
const { secureWebPreferences } = await import('../../../../../main/adapters/electron/web-preferences.js');
const { FakeWebContents } = await import('./fake-electron.js');
const electron = (await import('./fake-electron.js')).electronModule;

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function makeShell(extra: { keepOnBlur?: boolean } = {}) {
  const visibility: boolean[] = [];
  const focus: unknown[] = [];
  const shell = new ElectronShell({
    preloadPath: '/app/dist-electron/preload.cjs',
    iconDir: '/app/build/tray',
    logger,
    onVisibility: (v) => visibility.push(v),
    onFocusToken: (t) => focus.push(t),
    ...extra,
  });
  return { shell, visibility, focus, win: FakeBrowserWindow.all[0]!, tray: FakeTray.all[0]! };
}

beforeEach(() => resetFake());

describe('every window', () => {
  it('gets the secure webPreferences from the one factory', () => {
    makeShell();
    expect(FakeBrowserWindow.all.length).toBeGreaterThan(0);
    for (const w of FakeBrowserWindow.all) {
      expect(w.options.webPreferences).toEqual(secureWebPreferences('/app/dist-electron/preload.cjs'));
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        devTools: false,
      });
    }
  });

  it('is a hidden, frameless popover until shown', () => {
    const { win } = makeShell();
    expect(win.options).toMatchObject({ show: false, frame: false, skipTaskbar: true, resizable: false });
    expect(win.visible).toBe(false);
  });

  it('denies navigation and new windows in the popover', () => {
    const { win } = makeShell();
    const nav = fakeEvent({ url: 'https://dashboard.heroku.com.evil.com/' });
    win.webContents.emit('will-navigate', nav, nav.url);
    expect(nav.defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://dashboard.heroku.com/account' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://dashboard.heroku.com/account']);
  });

  it('guards webContents created later too, and denies every permission', () => {
    hardenApp();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const attach = fakeEvent({});
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    const granted: boolean[] = [];
    state.permissionRequest!(contents, 'media', (g: boolean) => granted.push(g), {});
    state.permissionRequest!(contents, 'notifications', (g: boolean) => granted.push(g), {});
    expect(granted).toEqual([false, false]);
    expect(state.permissionCheck!(contents, 'clipboard-read', 'app://renderer', {})).toBe(false);
    expect(state.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('the popover', () => {
  it('is placed under the tray icon and reports visibility', () => {
    const { win, tray, visibility } = makeShell();
    tray.emit('click', {}, { x: 1700, y: 1044, width: 32, height: 32 });
    expect(win.visible).toBe(true);
    expect(win.bounds).toEqual({ x: 1526, y: 476, width: 380, height: 560 });
    tray.emit('click', {}, { x: 1700, y: 1044, width: 32, height: 32 });
    expect(win.visible).toBe(false);
    expect(visibility).toEqual([true, false]);
  });

  it('stands the cursor in for empty tray bounds (Linux)', () => {
    const { win, tray } = makeShell();
    state.cursor = { x: 960, y: 1060 };
    tray.emit('click', {}, { x: 0, y: 0, width: 0, height: 0 });
    expect(win.bounds.y + win.bounds.height).toBeLessThanOrEqual(1040);
    expect(win.bounds.x).toBe(771);
    state.cursor = { x: 0, y: 0 };
  });

  it('hides on blur, and the click that caused the blur does not reopen it', () => {
    const { win, tray } = makeShell();
    tray.emit('click', {}, { x: 1700, y: 1044, width: 32, height: 32 });
    win.emit('blur');
    expect(win.visible).toBe(false);
    tray.emit('click', {}, { x: 1700, y: 1044, width: 32, height: 32 });
    expect(win.visible).toBe(false);
  });

  it('stays open on blur in end-to-end runs', () => {
    const { win, shell } = makeShell({ keepOnBlur: true });
    shell.showPopover();
    win.emit('blur');
    expect(win.visible).toBe(true);
  });

  it('opens from the global shortcut', () => {
    const { win } = makeShell();
    const press = state.shortcuts.get('CommandOrControl+Shift+H');
    expect(press).toBeTypeOf('function');
    press!();
    expect(win.visible).toBe(true);
  });
});

describe('tray and notifications', () => {
  it('has Open, Refresh, the accounts and Quit in the context menu', () => {
    const { shell, tray, win } = makeShell();
    const refresh = vi.fn();
    const switchAccount = vi.fn();
    shell.connect({ refresh, switchAccount });
    shell.tray.render({ level: 'warning', tooltip: 'soon', accounts: [{ id: 'a1', email: 'a@example.com', active: true }] });
    // The shell renders for this OS; these tests run on Linux/Windows, where the menu is set.
    const items = (tray.contextMenu as FakeMenu).template;
    const labels = items.map((i) => i.label ?? i.type);
    expect(labels).toEqual(['Open Heroku Token Tray', 'Refresh', 'separator', 'a@example.com', 'separator', 'Quit']);
    (items[0]!.click as () => void)();
    expect(win.visible).toBe(true);
    (items[1]!.click as () => void)();
    expect(refresh).toHaveBeenCalledOnce();
    (items[3]!.click as () => void)();
    expect(switchAccount).toHaveBeenCalledWith('a1');
    expect(tray.image.path).toMatch(/tray-warning/);
    expect(tray.tooltip).toBe('soon');
  });

  it('a notification click shows the popover on the token; "Rotate now" opens its rotate confirmation', async () => {
    const { shell, win, focus } = makeShell();
    shell.connect({ refresh: vi.fn(), switchAccount: vi.fn() });
    const target = { accountId: 'acc', authorizationId: 'auth-1' };
    shell.notifier.show({ key: 'k1', title: 'Expires soon', body: 'b', actions: [{ id: 'rotate', label: 'Rotate now' }], target, urgency: 'normal' });
    FakeNotification.all[0]!.emit('click', {});
    expect(win.visible).toBe(true);
    expect(focus).toEqual([{ accountId: 'acc', id: 'auth-1' }]);
    shell.notifier.show({ key: 'k2', title: 'Expires soon', body: 'b', actions: [{ id: 'rotate', label: 'Rotate now' }], target, urgency: 'normal' });
    FakeNotification.all[1]!.emit('action', { actionIndex: 0, selectionIndex: -1 }, 0, -1);
    expect(focus).toEqual([
      { accountId: 'acc', id: 'auth-1' },
      { accountId: 'acc', id: 'auth-1', intent: 'rotate' },
    ]);
  });

  it('hides the macOS dock icon', () => {
    makeShell();
    expect(state.dockHidden).toBe(true);
  });
});
