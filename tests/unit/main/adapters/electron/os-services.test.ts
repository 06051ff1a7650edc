/** Notifier, tray view, power events, launch at login and the shortcut against the behavioural Electron fake. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fake, FakeMenu, type ProfileName } from '../../../../support/fake-electron/index.js';
import type { NotificationSpec } from '../../../../../main/ports.js';

vi.mock('electron', async () => (await import('../../../../support/fake-electron/index.js')).electronModule);

const { ElectronNotifier } = await import('../../../../../main/adapters/electron/notifier.js');
const { ElectronTrayView, trayMenuTemplate } = await import('../../../../../main/adapters/electron/tray-view.js');
const sys = await import('../../../../../main/adapters/electron/system-integration.js');
const { LoginItem, autostartEntry, launchCommand } = await import('../../../../../main/adapters/electron/login-item.js');
const electron = (await import('../../../../support/fake-electron/index.js')).electronModule;

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const spec = (key: string, over: Partial<NotificationSpec> = {}): NotificationSpec => ({
  key,
  title: 'Token expires in 1 day',
  body: '“CI deploy” expires tomorrow',
  actions: [{ id: 'rotate', label: 'Rotate now' }],
  target: { accountId: 'acc', authorizationId: 'auth' },
  urgency: 'normal',
  ...over,
});
const actions = () => ({ open: vi.fn(), toggle: vi.fn(), refresh: vi.fn(), switchAccount: vi.fn(), quit: vi.fn() });

async function on(profile: ProfileName): Promise<void> {
  fake.use(profile);
  await fake.makeReady();
}

afterEach(() => fake.restore());
beforeEach(() => on('linux-x11'));

describe('ElectronNotifier', () => {
  it('resolves shown only after the OS showed it', async () => {
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    const outcome = n.show(spec('a'));
    expect(fake.notifications()[0]!.state).toBe('created');
    await expect(outcome).resolves.toEqual({ shown: true });
    expect(fake.notifications()[0]!.state).toBe('shown');
  });

  it('resolves not shown, with the reason, when an unsigned macOS build gets "failed"', async () => {
    await on('macos-unsigned');
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    await expect(n.show(spec('a'))).resolves.toEqual({ shown: false, reason: expect.stringMatching(/code-signed/) });
    expect(n.liveCount()).toBe(0);
  });

  it('keeps each notification referenced until it is acted on or dismissed, so its click still arrives', async () => {
    const onClick = vi.fn();
    const n = new ElectronNotifier({ onClick, onAction: vi.fn() });
    await n.show(spec('a'));
    await n.show(spec('b'));
    expect(n.liveCount()).toBe(2);
    // Garbage collection runs before the click: only a referenced notification can still answer.
    expect(await fake.user.clickNotification(fake.notifications()[0]!)).toBe(true);
    expect(onClick).toHaveBeenCalledWith(expect.objectContaining({ key: 'a' }));
    await fake.user.dismissNotification(fake.notifications()[1]!);
    expect(n.liveCount()).toBe(0);
  });

  it('Windows: a toast that timed out into Action Center can still be clicked', async () => {
    await on('windows');
    const onAction = vi.fn();
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction });
    await n.show(spec('a'));
    const record = fake.notifications()[0]!;
    await fake.os.timeOutNotification(record);
    expect(record.closeReason).toBe('timedOut');
    expect(await fake.user.chooseNotificationAction(record, 0)).toBe(true);
    expect(onAction).toHaveBeenCalledWith('rotate', expect.objectContaining({ key: 'a' }));
  });

  it('replaces an older notification with the same key', async () => {
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    await n.show(spec('a'));
    await n.show(spec('a'));
    expect(fake.notifications()[0]!.state).toBe('closed');
    expect(n.liveCount()).toBe(1);
  });

  it('passes title, body, urgency and the action buttons to Electron', async () => {
    await new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() }).show(spec('a', { urgency: 'critical' }));
    expect(fake.notifications()[0]!.options).toMatchObject({
      title: 'Token expires in 1 day',
      urgency: 'critical',
      timeoutType: 'never',
      actions: [{ type: 'button', text: 'Rotate now' }],
    });
  });

  it('ignores an action index it did not offer', async () => {
    const onAction = vi.fn();
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction });
    await n.show(spec('b'));
    await fake.user.chooseNotificationAction(fake.notifications()[0]!, 5);
    expect(onAction).not.toHaveBeenCalled();
  });

  it('shows nothing where notifications are unsupported', async () => {
    fake.world.notificationsSupported = false;
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    expect(n.isSupported()).toBe(false);
    await expect(n.show(spec('a'))).resolves.toEqual({ shown: false, reason: 'unsupported' });
    expect(fake.notifications()).toEqual([]);
  });
});

describe('ElectronTrayView', () => {
  it.each([
    ['linux-x11', 'tray-expired.png'],
    ['windows', 'tray-expired.ico'],
    ['macos-signed', 'tray-expiredTemplate.png'],
  ] as const)('on %s shows %s for the expired level', async (profile, file) => {
    await on(profile);
    const view = new ElectronTrayView('/icons', actions(), fake.profile.platform);
    view.render({ level: 'expired', tooltip: 't', accounts: [] });
    const tray = fake.trays()[0]!;
    expect(tray.image.path).toBe(`/icons/${file}`);
    expect(tray.image.template).toBe(profile === 'macos-signed');
  });

  it('on macOS pops the menu up on right click instead of swallowing the left click', async () => {
    await on('macos-signed');
    const a = actions();
    new ElectronTrayView('/icons', a, 'darwin');
    expect(fake.trays()[0]!.contextMenu).toBeNull();
    expect(fake.user.openTrayMenu()).toBeInstanceOf(FakeMenu);
    expect(fake.user.clickTray()).toBeNull();
    expect(a.toggle).toHaveBeenCalledWith(fake.profile.tray.bounds);
  });

  it('on Linux a click opens the menu (no click event), whose Open item opens the popover', () => {
    const a = actions();
    new ElectronTrayView('/icons', a, 'linux');
    const menu = fake.user.clickTray();
    expect(a.toggle).not.toHaveBeenCalled();
    expect(menu?.items[0]!.label).toMatch(/^Open/);
    fake.user.chooseTrayItem(/^Open/);
    expect(a.open).toHaveBeenCalled();
    expect(fake.trays()[0]!.getBounds()).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('menu: the active account is checked, Quit quits, a refused notification is an item that opens the popover', () => {
    const a = actions();
    const items = trayMenuTemplate(
      { level: 'normal', tooltip: '', accounts: [{ id: '1', email: 'one@example.com', active: false }, { id: '2', email: 'two@example.com', active: true }] },
      a,
    );
    expect(items.filter((i) => i.type === 'radio').map((i) => [i.label, i.checked])).toEqual([
      ['one@example.com', false],
      ['two@example.com', true],
    ]);
    items.at(-1)!.click!({} as never, undefined, {} as never);
    expect(a.quit).toHaveBeenCalled();
    expect(items[0]!.label).toMatch(/Open/);
    const withNotice = trayMenuTemplate({ level: 'warning', tooltip: '', accounts: [], notice: 'Heroku token “CI” expires in 1 h' }, a);
    expect(withNotice[0]!.label).toBe('⚠ Heroku token “CI” expires in 1 h');
    withNotice[0]!.click!({} as never, undefined, {} as never);
    expect(a.open).toHaveBeenCalled();
  });
});

describe('ElectronPowerEvents', () => {
  it('maps resume and unlock to powerMonitor events and unsubscribes', () => {
    const events = new sys.ElectronPowerEvents(electron.powerMonitor as never);
    const resume = vi.fn();
    const unlock = vi.fn();
    const offResume = events.on('resume', resume);
    events.on('unlock', unlock);
    fake.os.sleepAndWake();
    electron.powerMonitor.emit('unlock-screen');
    electron.powerMonitor.emit('user-did-become-active');
    expect(resume).toHaveBeenCalledTimes(1);
    expect(unlock).toHaveBeenCalledTimes(2);
    offResume();
    fake.os.sleepAndWake();
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('reports a wall-clock jump, not normal ticking', () => {
    let wall = 1_000_000;
    let mono = 0;
    let tick: () => void = () => undefined;
    const stop = vi.fn();
    const events = new sys.ElectronPowerEvents(electron.powerMonitor as never, { wall: () => wall, monotonic: () => mono, every: (fn) => ((tick = fn), {}), stop });
    const jump = vi.fn();
    const off = events.on('clock-jump', jump);
    wall += 60_000;
    mono += 60_000;
    tick();
    expect(jump).not.toHaveBeenCalled();
    wall += 60_000 + 3_600_000;
    mono += 60_000;
    tick();
    expect(jump).toHaveBeenCalledTimes(1);
    off();
    expect(stop).toHaveBeenCalled();
  });
});

describe('ElectronConnectivity', () => {
  it('reports changes of net.isOnline(), not repeats', () => {
    let tick: () => void = () => undefined;
    const c = new sys.ElectronConnectivity(electron.net, { every: (fn) => ((tick = fn), {}), stop: vi.fn() });
    const seen: boolean[] = [];
    c.onChange((v) => seen.push(v));
    tick();
    fake.os.setOnline(false);
    tick();
    tick();
    fake.os.setOnline(true);
    tick();
    expect(seen).toEqual([false, true]);
    expect(c.isOnline()).toBe(true);
  });
});

describe('launch at login', () => {
  const facts = { execPath: '/opt/Heroku Token Tray/heroku-token-tray', isPackaged: true, appPath: '/opt/Heroku Token Tray/resources/app.asar' };

  it('macOS and Windows: a login item that starts hidden', async () => {
    for (const profile of ['macos-signed', 'windows'] as const) {
      await on(profile);
      new LoginItem(electron.app, { ...facts, platform: fake.profile.platform }, logger).apply(true);
      expect(fake.world.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    }
  });

  it('Linux, where login items do nothing: an XDG autostart entry, removed when turned off', () => {
    const item = new LoginItem(electron.app, { ...facts, platform: 'linux' }, logger);
    item.apply(true);
    expect(fake.world.loginItems).toEqual([]);
    const file = path.join(fake.world.home, '.config', 'autostart', 'heroku-token-tray.desktop');
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('Exec="/opt/Heroku Token Tray/heroku-token-tray" --hidden\n');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    item.apply(false);
    expect(existsSync(file)).toBe(false);
  });

  it('names the .AppImage, not its temporary mount, and Electron plus the project in development', () => {
    expect(launchCommand({ ...facts, platform: 'linux', appImage: '/home/u/Apps/Heroku Token Tray.AppImage' })).toEqual(['/home/u/Apps/Heroku Token Tray.AppImage', '--hidden']);
    expect(launchCommand({ platform: 'linux', execPath: '/p/node_modules/electron/dist/electron', isPackaged: false, appPath: '/p' })).toEqual(['/p/node_modules/electron/dist/electron', '/p', '--hidden']);
    expect(autostartEntry(['/a b/x$y', '--hidden'])).toContain('Exec="/a b/x\\$y" --hidden');
  });
});

describe('the popover shortcut', () => {
  it('defaults to three modifiers, not Ctrl+Shift+H (VS Code’s Replace in files)', () => {
    expect(sys.POPOVER_SHORTCUT).toBe('CommandOrControl+Alt+Shift+H');
  });

  it('reports a shortcut another app holds instead of ignoring it, and rebinds to another', () => {
    fake.os.takeShortcut(sys.POPOVER_SHORTCUT);
    const press = vi.fn();
    const shortcut = new sys.PopoverShortcut(electron.globalShortcut, press, logger);
    expect(shortcut.bind(sys.POPOVER_SHORTCUT)).toEqual({ accelerator: sys.POPOVER_SHORTCUT, registered: false });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/shortcut/), { accelerator: sys.POPOVER_SHORTCUT });
    expect(shortcut.bind('Alt+Shift+F9')).toEqual({ accelerator: 'Alt+Shift+F9', registered: true });
    expect(fake.user.pressShortcut('Alt+Shift+F9')).toBe(true);
    expect(press).toHaveBeenCalledOnce();
    expect(shortcut.bind('')).toEqual({ accelerator: '', registered: false });
    expect(fake.user.pressShortcut('Alt+Shift+F9')).toBe(false);
  });

  it('gives macOS an Edit menu (copy/paste in text fields) and others none', () => {
    expect(sys.applicationMenuTemplate('darwin')).toContainEqual({ role: 'editMenu' });
    expect(sys.applicationMenuTemplate('linux')).toBeNull();
  });
});
