/** Notifier, tray view, power events, login item and shortcut adapters with a fake electron. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotification, FakeTray, FakeMenu, resetFake, state } from './fake-electron.js';
import type { NotificationSpec } from '../../../../../main/ports.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

const { ElectronNotifier } = await import('../../../../../main/adapters/electron/notifier.js');
const { ElectronTrayView, trayMenuTemplate } = await import('../../../../../main/adapters/electron/tray-view.js');
const sys = await import('../../../../../main/adapters/electron/system-integration.js');
const electron = (await import('./fake-electron.js')).electronModule;

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

beforeEach(() => resetFake());

describe('ElectronNotifier', () => {
  it('keeps each notification referenced until it closes', () => {
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    n.show(spec('a'));
    n.show(spec('b'));
    expect(n.liveCount()).toBe(2);
    expect(FakeNotification.all.every((x) => x.shown)).toBe(true);
    FakeNotification.all[0]!.emit('close', {});
    expect(n.liveCount()).toBe(1);
  });

  it('replaces an older notification with the same key', () => {
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    n.show(spec('a'));
    n.show(spec('a'));
    expect(FakeNotification.all[0]!.closed).toBe(true);
    expect(n.liveCount()).toBe(1);
  });

  it('passes title, body, urgency and the action buttons to Electron', () => {
    new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() }).show(spec('a', { urgency: 'critical' }));
    expect(FakeNotification.all[0]!.options).toMatchObject({
      title: 'Token expires in 1 day',
      urgency: 'critical',
      timeoutType: 'never',
      actions: [{ type: 'button', text: 'Rotate now' }],
    });
  });

  it('routes click and action to the handlers', () => {
    const onClick = vi.fn();
    const onAction = vi.fn();
    const n = new ElectronNotifier({ onClick, onAction });
    n.show(spec('a'));
    FakeNotification.all[0]!.emit('click', {});
    expect(onClick).toHaveBeenCalledWith(expect.objectContaining({ key: 'a' }));
    n.show(spec('b'));
    FakeNotification.all[1]!.emit('action', { actionIndex: 0 }, 0);
    expect(onAction).toHaveBeenCalledWith('rotate', expect.objectContaining({ key: 'b' }));
    FakeNotification.all[1]!.emit('action', { actionIndex: 5 }, 5);
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it('shows nothing where notifications are unsupported', () => {
    FakeNotification.supported = false;
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction: vi.fn() });
    expect(n.isSupported()).toBe(false);
    n.show(spec('a'));
    expect(FakeNotification.all).toEqual([]);
  });
});

describe('ElectronTrayView', () => {
  it.each([
    ['linux', 'tray-expired.png'],
    ['win32', 'tray-expired.ico'],
    ['darwin', 'tray-expiredTemplate.png'],
  ] as const)('on %s shows %s for the expired level', (platform, file) => {
    const view = new ElectronTrayView('/icons', actions(), platform);
    view.render({ level: 'expired', tooltip: 't', accounts: [] });
    const tray = FakeTray.all[0]!;
    expect(tray.image.path).toBe(`/icons/${file}`);
    expect(tray.image.template).toBe(platform === 'darwin');
  });

  it('on macOS pops the menu up on right click instead of swallowing the left click', () => {
    const a = actions();
    new ElectronTrayView('/icons', a, 'darwin');
    const tray = FakeTray.all[0]!;
    expect(tray.contextMenu).toBeNull();
    tray.emit('right-click');
    expect(tray.poppedUp).toBeInstanceOf(FakeMenu);
    tray.emit('click', {}, { x: 1, y: 2, width: 3, height: 4 });
    expect(a.toggle).toHaveBeenCalledWith({ x: 1, y: 2, width: 3, height: 4 });
  });

  it('menu: the active account is checked, Quit quits', () => {
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
  });
});

describe('ElectronPowerEvents', () => {
  it('maps resume and unlock to powerMonitor events and unsubscribes', () => {
    const events = new sys.ElectronPowerEvents(electron.powerMonitor as never);
    const resume = vi.fn();
    const unlock = vi.fn();
    const offResume = events.on('resume', resume);
    events.on('unlock', unlock);
    electron.powerMonitor.emit('resume');
    electron.powerMonitor.emit('unlock-screen');
    electron.powerMonitor.emit('user-did-become-active');
    expect(resume).toHaveBeenCalledTimes(1);
    expect(unlock).toHaveBeenCalledTimes(2);
    offResume();
    electron.powerMonitor.emit('resume');
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('reports a wall-clock jump, not normal ticking', () => {
    let wall = 1_000_000;
    let mono = 0;
    let tick: () => void = () => undefined;
    const stop = vi.fn();
    const events = new sys.ElectronPowerEvents(electron.powerMonitor as never, {
      wall: () => wall,
      monotonic: () => mono,
      every: (fn) => ((tick = fn), {}),
      stop,
    });
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
    let online = true;
    let tick: () => void = () => undefined;
    const c = new sys.ElectronConnectivity({ isOnline: () => online }, { every: (fn) => ((tick = fn), {}), stop: vi.fn() });
    const seen: boolean[] = [];
    c.onChange((v) => seen.push(v));
    tick();
    online = false;
    tick();
    tick();
    online = true;
    tick();
    expect(seen).toEqual([false, true]);
    expect(c.isOnline()).toBe(true);
  });
});

describe('launch at login, shortcut, menu', () => {
  it('sets the login item on macOS and Windows only', () => {
    sys.applyLaunchAtLogin(electron.app, true, 'darwin');
    sys.applyLaunchAtLogin(electron.app, false, 'win32');
    sys.applyLaunchAtLogin(electron.app, true, 'linux');
    expect(state.loginItems).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });

  it('logs a shortcut taken by another app instead of failing', () => {
    state.shortcutTaken = true;
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    expect(sys.registerPopoverShortcut(electron.globalShortcut, vi.fn(), logger)).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/shortcut/), { accelerator: sys.POPOVER_SHORTCUT });
  });

  it('gives macOS an Edit menu (copy/paste in text fields) and others none', () => {
    expect(sys.applicationMenuTemplate('darwin')).toContainEqual({ role: 'editMenu' });
    expect(sys.applicationMenuTemplate('linux')).toBeNull();
  });
});
