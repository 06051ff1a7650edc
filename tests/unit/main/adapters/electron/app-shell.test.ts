/** The shell against the behavioural Electron fake: secure windows, guarded navigation, placement, blur, close, tray wiring. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronEvent, fake, FakeWebContents, type ProfileName } from '../../../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../../../support/fake-electron/index.js')).electronModule);

const { ElectronShell, hardenApp } = await import('../../../../../main/adapters/electron/app-shell.js');
const { secureWebPreferences } = await import('../../../../../main/adapters/electron/web-preferences.js');
const electron = (await import('../../../../support/fake-electron/index.js')).electronModule;

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

async function makeShell(profile: ProfileName = 'windows', extra: { keepOnBlur?: boolean } = {}) {
  fake.use(profile);
  await fake.makeReady();
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
  shell.shortcut.bind('CommandOrControl+Alt+Shift+H');
  return { shell, visibility, focus, win: fake.windows()[0]!, tray: fake.trays()[0]! };
}

afterEach(() => fake.restore());
beforeEach(() => fake.use('windows'));

describe('every window', () => {
  it('gets the secure webPreferences from the one factory', async () => {
    await makeShell();
    expect(fake.windows().length).toBeGreaterThan(0);
    for (const w of fake.windows()) {
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

  it('is a hidden, frameless popover until shown', async () => {
    const { win } = await makeShell();
    expect(win.options).toMatchObject({ show: false, frame: false, skipTaskbar: true, resizable: false });
    expect(win.visible).toBe(false);
  });

  it('denies navigation and new windows in the popover', async () => {
    const { win } = await makeShell();
    const nav = electronEvent({ url: 'https://dashboard.heroku.com.evil.com/' });
    win.webContents.emit('will-navigate', nav, nav.url);
    expect(nav.defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://dashboard.heroku.com/account' })).toEqual({ action: 'deny' });
    expect(fake.world.opened).toEqual(['https://dashboard.heroku.com/account']);
  });

  it('guards webContents created later too, and denies every permission', async () => {
    await makeShell();
    hardenApp();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const attach = electronEvent({});
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    const granted: boolean[] = [];
    const request = fake.world.permission.request as (...a: unknown[]) => void;
    request(contents, 'media', (g: boolean) => granted.push(g), {});
    request(contents, 'notifications', (g: boolean) => granted.push(g), {});
    expect(granted).toEqual([false, false]);
    expect((fake.world.permission.check as (...a: unknown[]) => boolean)(contents, 'clipboard-read', 'app://renderer', {})).toBe(false);
    expect((fake.world.permission.device as (...a: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });
});

describe('the popover', () => {
  it('is placed above the Windows taskbar icon and reports visibility', async () => {
    const { win, visibility } = await makeShell('windows');
    fake.user.clickTray();
    expect(win.visible).toBe(true);
    expect(win.getBounds()).toEqual({ x: 1526, y: 476, width: 380, height: 560 });
    fake.user.clickTray();
    expect(win.visible).toBe(false);
    expect(visibility).toEqual([true, false]);
  });

  it('stands the pointer in for the tray icon’s empty bounds (Linux)', async () => {
    const { win, shell } = await makeShell('linux-x11');
    shell.showPopover();
    const { workArea } = fake.profile.display;
    expect(win.getBounds().y).toBeGreaterThanOrEqual(workArea.y);
    expect(Math.abs(win.getBounds().x + 190 - fake.profile.cursor.x)).toBeLessThan(380);
  });

  it('still opens on native Wayland (no XWayland): the compositor places it, nothing throws', async () => {
    const { win, shell } = await makeShell('linux-wayland');
    expect(fake.world.waylandNative).toBe(true);
    shell.showPopover();
    expect(win.visible).toBe(true);
  });

  it('hides on blur, and the click that caused the blur does not reopen it', async () => {
    const { win } = await makeShell('windows');
    fake.user.clickTray();
    fake.user.clickElsewhere();
    expect(win.visible).toBe(false);
    fake.user.clickTray();
    expect(win.visible).toBe(false);
  });

  it('stays open on blur in end-to-end runs', async () => {
    const { win, shell } = await makeShell('windows', { keepOnBlur: true });
    shell.showPopover();
    fake.user.clickElsewhere();
    expect(win.visible).toBe(true);
  });

  it('opens from the global shortcut', async () => {
    const { win } = await makeShell();
    expect(fake.user.pressShortcut('CommandOrControl+Alt+Shift+H')).toBe(true);
    expect(win.visible).toBe(true);
  });

  it('hides instead of closing when the window manager closes it, and closes when the app quits', async () => {
    const { win, shell } = await makeShell('linux-x11');
    shell.showPopover();
    fake.user.closeWindow(win);
    expect(win.isDestroyed()).toBe(false);
    expect(win.visible).toBe(false);
    shell.showPopover();
    expect(win.visible).toBe(true);
    // Quitting closes every window; a popover that refused would cancel the quit.
    fake.user.quit();
    expect(win.isDestroyed()).toBe(true);
    expect(fake.world.exited).toBe(true);
  });

  it('touches nothing once the window is destroyed', async () => {
    const { win, shell } = await makeShell('windows');
    win.destroy();
    expect(() => win.webContents).toThrow('Object has been destroyed');
    expect(() => shell.showPopover()).not.toThrow();
    expect(() => shell.popover.hide()).not.toThrow();
    expect(shell.popover.contents()).toBeNull();
    expect(shell.popover.webContentsIds()).toEqual([]);
    expect(shell.popover.isVisible()).toBe(false);
  });

  it('is a panel on every Space, above full-screen apps, on macOS', async () => {
    const { win } = await makeShell('macos-signed');
    expect(win.options.type).toBe('panel');
    expect(win.allWorkspaces).toEqual({ visible: true, options: { visibleOnFullScreen: true, skipTransformProcessType: true } });
  });
});

describe('tray and notifications', () => {
  it('has Open, Refresh, the accounts and Quit in the context menu', async () => {
    const { shell, tray, win } = await makeShell('linux-x11');
    const refresh = vi.fn();
    const switchAccount = vi.fn();
    shell.connect({ refresh, switchAccount });
    shell.tray.render({ level: 'warning', tooltip: 'soon', accounts: [{ id: 'a1', email: 'a@example.com', active: true }] });
    const labels = fake.user.openTrayMenu().items.map((i) => i.label ?? i.type);
    expect(labels).toEqual(['Open Heroku Token Tray', 'Refresh', 'separator', 'a@example.com', 'separator', 'Quit']);
    fake.user.chooseTrayItem(/^Open/);
    expect(win.visible).toBe(true);
    fake.user.chooseTrayItem(/^Refresh$/);
    expect(refresh).toHaveBeenCalledOnce();
    fake.user.chooseTrayItem(/a@example.com/);
    expect(switchAccount).toHaveBeenCalledWith('a1');
    expect(tray.image.path).toMatch(/tray-warning/);
    expect(tray.tooltip).toBe('soon');
  });

  it('a notification click shows the popover on the token; "Rotate now" opens its rotate confirmation', async () => {
    const { shell, win, focus } = await makeShell('macos-signed');
    shell.connect({ refresh: vi.fn(), switchAccount: vi.fn() });
    const target = { accountId: 'acc', authorizationId: 'auth-1' };
    await shell.notifier.show({ key: 'k1', title: 'Expires soon', body: 'b', actions: [{ id: 'rotate', label: 'Rotate now' }], target, urgency: 'normal' });
    expect(await fake.user.clickNotification(fake.notifications()[0]!)).toBe(true);
    expect(win.visible).toBe(true);
    expect(focus).toEqual([{ accountId: 'acc', id: 'auth-1' }]);
    await shell.notifier.show({ key: 'k2', title: 'Expires soon', body: 'b', actions: [{ id: 'rotate', label: 'Rotate now' }], target, urgency: 'normal' });
    await fake.user.chooseNotificationAction(fake.notifications()[1]!, 0);
    expect(focus).toEqual([
      { accountId: 'acc', id: 'auth-1' },
      { accountId: 'acc', id: 'auth-1', intent: 'rotate' },
    ]);
  });

  it('hides the macOS dock icon', async () => {
    await makeShell('macos-signed');
    expect(fake.world.dockHidden).toBe(true);
  });
});
