/**
 * The behavioural Electron fake itself (tests/support/fake-electron): it does what Electron documents
 * per OS profile, and fails loudly by name on anything it does not model.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronModule as electron, fake } from '../../support/fake-electron/index.js';

type AnyWindow = InstanceType<typeof electron.BrowserWindow>;
const win = (options: Record<string, unknown> = {}): AnyWindow => new electron.BrowserWindow({ show: false, width: 380, height: 560, ...options });

afterEach(() => fake.restore());
beforeEach(() => fake.use('linux-x11'));

describe('fake-electron', () => {
  it('fails by name on an API it does not model', async () => {
    expect(() => (electron.app as unknown as { setBadgeCount(): void }).setBadgeCount()).toThrow('fake-electron: app.setBadgeCount not modelled');
    expect(() => (electron as unknown as Record<string, unknown>).autoUpdater).toThrow('fake-electron: electron.autoUpdater not modelled');
    await fake.makeReady();
    expect(() => (win() as unknown as { setProgressBar(n: number): void }).setProgressBar(1)).toThrow('fake-electron: BrowserWindow.setProgressBar not modelled');
  });

  it('is ready only after the main script’s turn; ready-only modules throw before, registerSchemesAsPrivileged after', async () => {
    expect(() => win()).toThrow(/before the app is ready/);
    electron.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]);
    await fake.makeReady();
    expect(() => electron.protocol.registerSchemesAsPrivileged([{ scheme: 'x' }])).toThrow(/before app is ready/);
  });

  it('lets the window manager close a window: a cancellable close, then closed, then every use throws', async () => {
    await fake.makeReady();
    const w = win();
    const events: string[] = [];
    let refuse = true;
    w.on('close', (e: { preventDefault(): void }) => (events.push('close'), refuse && e.preventDefault()));
    w.on('closed', () => events.push('closed'));
    fake.user.closeWindow(w);
    expect(w.isDestroyed()).toBe(false);
    refuse = false;
    fake.user.closeWindow(w);
    expect(events).toEqual(['close', 'close', 'closed']);
    expect(w.isDestroyed()).toBe(true);
    expect(() => w.show()).toThrow('Object has been destroyed');
    expect(() => w.webContents).toThrow('Object has been destroyed');
  });

  it('cancels app.quit() when a window refuses to close', async () => {
    await fake.makeReady();
    win().on('close', (e: { preventDefault(): void }) => e.preventDefault());
    electron.app.quit();
    expect(fake.world.exited).toBe(false);
  });

  it('on native Wayland ignores positioning, focus and always-on-top, and has no cursor position', async () => {
    fake.use('linux-wayland');
    await fake.makeReady();
    const w = win({ alwaysOnTop: true });
    w.setBounds({ x: 10, y: 10, width: 380, height: 560 });
    w.show();
    expect(w.getBounds()).toMatchObject({ x: 0, y: 0 });
    expect(w.isFocused()).toBe(false);
    expect(w.isAlwaysOnTop()).toBe(false);
    expect(() => electron.screen.getCursorScreenPoint()).toThrow(/not supported on Wayland/);
  });

  it('under XWayland (--ozone-platform=x11 before ready) behaves like X11', async () => {
    fake.use('linux-wayland');
    electron.app.commandLine.appendSwitch('ozone-platform', 'x11');
    await fake.makeReady();
    const w = win();
    w.setBounds({ x: 10, y: 20, width: 380, height: 560 });
    expect(w.getBounds()).toMatchObject({ x: 10, y: 20 });
    expect(electron.screen.getCursorScreenPoint()).toEqual(fake.profile.cursor);
  });

  it('has the per-OS extras only where Electron has them', async () => {
    expect(electron.app.dock).toBeUndefined();
    expect(electron.app.setAppUserModelId).toBeUndefined();
    expect(typeof electron.app.setDesktopName).toBe('function');
    fake.use('macos-signed');
    expect(typeof electron.app.dock?.hide).toBe('function');
    fake.use('windows');
    expect(typeof electron.Notification.handleActivation).toBe('function');
    electron.app.setLoginItemSettings({ openAtLogin: true });
    expect(fake.world.loginItems).toHaveLength(1);
    fake.use('linux-x11');
    electron.app.setLoginItemSettings({ openAtLogin: true });
    expect(fake.world.loginItems).toEqual([]);
  });

  it('keys the single-instance lock on userData', () => {
    fake.os.installedAppRunning(electron.app.getPath('userData'));
    expect(electron.app.requestSingleInstanceLock()).toBe(false);
    expect(() => electron.app.setPath('userData', '/nonexistent/folder')).toThrow(/does not exist/);
  });

  it('removes the home folder it made on restore() and on the next use(), never one it was given', () => {
    const made = fake.world.home;
    expect(existsSync(made)).toBe(true);
    fake.use('windows');
    expect(existsSync(made)).toBe(false);
    const given = mkdtempSync(path.join(tmpdir(), 'fake-electron-given-'));
    try {
      const second = fake.world.home;
      fake.use('linux-x11', { home: given });
      expect(existsSync(second)).toBe(false);
      fake.restore();
      expect(existsSync(given)).toBe(true);
    } finally {
      rmSync(given, { recursive: true, force: true });
    }
  });
});
