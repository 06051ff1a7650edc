/**
 * The real main/index.ts booted against the behavioural Electron fake in every OS profile, with
 * the Heroku API emulator on loopback and memory stores (HTT_DEMO=1): the same user journeys
 * everywhere — open from the tray (its menu on Linux), close by the window manager and reopen,
 * relaunch, sign in, a token crossing a threshold notifies (and a failed notification is not
 * lost), copy and the clipboard cleared on quit, quit.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fake, PROFILE_NAMES, type FakeBrowserWindow } from '../../support/fake-electron/index.js';
import { startEmulator, type Emulator } from '../../heroku-emulator/server.js';
import { raw } from '../../integration/support/emu-http.js';
import { DEFAULT_POPOVER_SHORTCUT } from '../../../shared/contract.js';
import { decodeRelayed } from '../../../shared/relay.js';

vi.mock('electron', async () => (await import('../../support/fake-electron/index.js')).electronModule);

const ROOT = path.resolve(import.meta.dirname, '../../..');
// Generous: this machine runs several test files at once.
const WAIT = { timeout: 15_000 };
type Ok<T> = { ok: true; value: T };

describe.each(PROFILE_NAMES)('main/index.ts on %s', (profile) => {
  let home: string;
  let emu: Emulator;
  const popover = () => fake.windows()[0] as FakeBrowserWindow;
  const call = async <T>(channel: string, args?: unknown) => (await fake.invoke(channel, popover().webContents, args)) as Ok<T> | { ok: false; error: { code: string } };
  // As the page reads them (renderer/api.ts): the core's events come as JSON bytes.
  const sent = (name: string) => popover().webContents.sent.filter(([n]) => n === name).map(([, p]) => decodeRelayed(p));
  const isLinux = () => fake.profile.platform === 'linux';

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), `htt-journey-${profile}-`));
    emu = await startEmulator({ seed: 'demo' });
    fake.use(profile, { home, appPath: ROOT });
    // The installed app is running (it holds the lock on its own userData): the demo must still start.
    fake.os.installedAppRunning(path.join(fake.world.home, fake.profile.platform === 'darwin' ? 'Library/Application Support' : fake.profile.platform === 'win32' ? 'AppData/Roaming' : '.config', 'Heroku Token Tray'));
    // GNOME's shortcut portal refused the default (or another app holds it): reported, not ignored.
    if (profile === 'linux-wayland') fake.os.takeShortcut(DEFAULT_POPOVER_SHORTCUT);
    process.env.HTT_DEMO = '1';
    process.env.HEROKU_API_URL = emu.url;
    delete process.env.HEROKU_API_KEY;
    delete process.env.HTT_E2E;
    vi.resetModules();
    await import('../../../main/index.js');
    await vi.waitFor(() => expect(popover()?.loaded).toBe('app://renderer/index.html'), WAIT);
  });
  afterAll(async () => {
    if (!fake.world.exited) {
      fake.user.quit();
      await vi.waitFor(() => expect(fake.world.exited).toBe(true), WAIT);
    }
    await emu?.close();
    fake.restore();
    rmSync(home, { recursive: true, force: true });
  });

  it('starts with its own userData (not the installed app’s) and a secure popover', () => {
    expect(fake.world.exited).toBe(false);
    expect(fake.world.lockHeldFor).toMatch(/Heroku Token Tray Demo$/);
    expect(popover().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('fits this desktop: identity, Spaces, XWayland, a popover reachable without a tray', () => {
    const { platform } = fake.profile;
    expect(fake.world.appUserModelId).toBe(platform === 'win32' ? 'io.github.heroku-token-tray' : null);
    // macOS: a panel on every Space, above full-screen apps: clicking the menu bar never switches Spaces.
    if (platform === 'darwin') {
      expect(popover().options.type).toBe('panel');
      expect(popover().allWorkspaces).toMatchObject({ visible: true, options: { visibleOnFullScreen: true } });
    }
    // Wayland: run under XWayland, where the popover can be placed and focused.
    expect(fake.world.switches.get('ozone-platform')).toBe(profile === 'linux-wayland' ? 'x11' : undefined);
    // Linux: GNOME without the AppIndicator extension shows no tray, so a launch shows the popover.
    expect(popover().visible).toBe(platform === 'linux');
  });

  it('opens from the tray — a click, or on Linux its menu — next to the icon', () => {
    if (popover().visible) fake.user.clickElsewhere();
    if (popover().visible) popover().hide();
    const menu = fake.user.clickTray();
    if (isLinux()) {
      expect(menu, 'on Linux a click opens the menu, no event').not.toBeNull();
      fake.user.chooseTrayItem(/^Open/);
    }
    const win = popover();
    expect(win.visible).toBe(true);
    const { workArea } = fake.profile.display;
    const anchor = isLinux() ? fake.profile.cursor : fake.profile.tray.bounds;
    const b = win.getBounds();
    expect(b.x).toBeGreaterThanOrEqual(workArea.x);
    expect(b.y).toBeGreaterThanOrEqual(workArea.y);
    expect(b.y + b.height).toBeLessThanOrEqual(workArea.y + workArea.height);
    // Next to the icon (or the pointer, where the icon has no bounds), not wherever the compositor likes.
    expect(Math.abs(b.x + b.width / 2 - anchor.x)).toBeLessThan(b.width);
    expect(sent('popover:visibility')).toContainEqual({ visible: true });
  });

  it('hides when it loses focus', () => {
    fake.user.clickElsewhere();
    expect(popover().visible).toBe(false);
  });

  it('survives the window manager closing it, and reopens', () => {
    const win = popover();
    win.show();
    fake.user.closeWindow(win);
    expect(win.isDestroyed()).toBe(false);
    expect(win.visible).toBe(false);
    fake.user.relaunchFromTerminal();
    expect(win.visible).toBe(true);
  });

  it('opens when launched again (activate on macOS, a second instance elsewhere)', () => {
    popover().hide();
    fake.user.relaunch();
    expect(popover().visible).toBe(true);
  });

  it('signs in to the emulator and lists its tokens', async () => {
    const signedIn = await call<{ email: string }>('accounts:sign-in', { apiKey: emu.apiKey });
    expect(signedIn).toMatchObject({ ok: true, value: { email: emu.account.email } });
    await vi.waitFor(() => expect(sent('authorizations:changed').length).toBeGreaterThan(0), WAIT);
    const list = await call<{ items: unknown[] }>('authorizations:list');
    expect(list.ok && list.value.items.length).toBeGreaterThan(0);
  });

  it('a token crossing a threshold notifies; a failed notification reaches the tray and the popover', async () => {
    // As if `heroku authorizations:create --expires-in 2` ran on another machine.
    const created = await raw(emu, '/oauth/authorizations', { method: 'POST', body: { description: 'ci short-lived', scope: ['global'], expires_in: 2 } });
    expect(created.status).toBe(201);
    await call('authorizations:refresh');
    await vi.waitFor(() => expect(fake.notifications().some((n) => /ci short-lived.*expired/.test(n.title))).toBe(true), WAIT);
    const expiry = fake.notifications().find((n) => /ci short-lived.*expired/.test(n.title))!;
    await vi.waitFor(() => expect(expiry.state).not.toBe('created'), WAIT);
    if (fake.profile.notifications.outcome === 'failed') {
      expect(expiry.state).toBe('failed');
      const tray = fake.trays()[0]!;
      await vi.waitFor(() => expect(tray.tooltip).toMatch(/could not be shown/i), WAIT);
      const status = await call<{ missedNotification: { title: string } | null }>('app:status');
      expect(status).toMatchObject({ ok: true, value: { missedNotification: { title: expiry.title } } });
      return;
    }
    expect(expiry.state).toBe('shown');
    popover().hide();
    // Windows: the toast times out into Action Center; a click from there must still work.
    await fake.os.timeOutNotification(expiry);
    expect(await fake.user.clickNotification(expiry)).toBe(true);
    expect(popover().visible).toBe(true);
    expect(sent('popover:focus-token').at(-1)).toMatchObject({ id: expect.any(String) });
  });

  it('reports whether the global shortcut is registered, and takes another from settings', async () => {
    const taken = profile === 'linux-wayland';
    const status = await call<{ shortcut: { accelerator: string; registered: boolean } }>('app:status');
    expect(status).toMatchObject({ ok: true, value: { shortcut: { accelerator: DEFAULT_POPOVER_SHORTCUT, registered: !taken } } });
    expect(fake.user.pressShortcut(DEFAULT_POPOVER_SHORTCUT)).toBe(!taken);
    await call('settings:update', { popoverShortcut: 'CommandOrControl+Alt+K' });
    await vi.waitFor(() => expect(sent('status:changed').at(-1)).toMatchObject({ shortcut: { accelerator: 'CommandOrControl+Alt+K', registered: true } }), WAIT);
    popover().hide();
    expect(fake.user.pressShortcut('CommandOrControl+Alt+K')).toBe(true);
    expect(popover().visible).toBe(true);
  });

  it('copies a token it created to the clipboard', async () => {
    const created = await call<{ authorization: { id: string }; token: string }>('authorizations:create', { description: 'journey copy', scopes: ['read'], expiresIn: 3600 });
    if (!created.ok) throw new Error('create failed');
    const copy = await call('tokens:copy', { id: created.value.authorization.id });
    expect(copy).toMatchObject({ ok: true });
    expect(fake.world.clipboard).toBe(created.value.token);
  });

  it('keeps working when the popover window is destroyed anyway: events still reach the expiry watcher', async () => {
    const before = fake.notifications().length;
    popover().destroy();
    // As if `heroku login` ran elsewhere; the tray menu's Refresh fetches it.
    emu.addAuthorizations(1);
    fake.user.chooseTrayItem(/^Refresh$/);
    await vi.waitFor(() => expect(fake.notifications().slice(before).some((n) => /New Heroku authorization/.test(n.title))).toBe(true), WAIT);
    fake.user.relaunch();
    expect(fake.world.exited).toBe(false);
  });

  it('quits, and quitting clears the clipboard it still holds a token in', async () => {
    expect(fake.world.clipboard).not.toBe('');
    fake.user.chooseTrayItem(/^Quit$/);
    await vi.waitFor(() => expect(fake.world.exited).toBe(true), WAIT);
    expect(fake.world.clipboard).toBe('');
    expect(fake.world.exitCode).toBe(0);
    expect((globalThis as Record<string, unknown>).__httE2E).toBeUndefined();
  });
});
