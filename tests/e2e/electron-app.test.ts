/**
 * Playwright `_electron` end-to-end: the real app (the e2e build, dist-e2e/, with test hooks compiled
 * in) against the emulator, through the shell journeys of tests/unit/main/index.journeys.test.ts
 * as far as a real desktop allows: open from the tray (its menu too), close by the window manager
 * and reopen, a second launch, sign in, a token crossing a threshold notifies, copy, quit. Runs
 * wherever an Electron binary exists (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH);
 * elsewhere it is reported as skipped with its reason. HTT_E2E=1 keeps the stores in memory, keeps
 * the popover open on blur and exposes the hooks (main/adapters/electron/e2e-hooks.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { raw } from '../integration/support/emu-http.js';
import { electronBinary, ensureE2eAppBuilt } from '../support/app-build.js';

const binary = electronBinary();
if (!binary) console.log('Electron end-to-end: skipped: no Electron binary');

interface Hooks {
  clickTray(): void;
  chooseTrayMenuItem(id: 'open' | 'refresh' | 'quit'): void;
  popoverVisible(): boolean;
  notifications: Array<{ key: string; title: string }>;
}

describe.skipIf(!binary)('Electron app (skipped: no Electron binary)', () => {
  let emu: Emulator;
  let app: ElectronApplication;
  let page: Page;
  let home: string;
  let appDir: string;
  let env: Record<string, string>;
  // Test containers (root, no user namespaces) cannot sandbox; the app itself never passes this.
  const args = () => [appDir, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])];
  // Each of these runs in the main process (Playwright serialises the function).
  const popoverVisible = () => app.evaluate(() => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.popoverVisible());
  const clickTray = () => app.evaluate(() => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.clickTray());
  const trayMenu = (id: 'open' | 'refresh' | 'quit') => app.evaluate((_e, item) => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.chooseTrayMenuItem(item), id);
  const notificationTitles = () => app.evaluate(() => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.notifications.map((n) => n.title));
  const windows = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

  beforeAll(async () => {
    appDir = ensureE2eAppBuilt();
    emu = await startEmulator({ seed: 'demo' });
    home = mkdtempSync(path.join(os.tmpdir(), 'htt-electron-home-'));
    env = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'HEROKU_API_KEY') env[k] = v;
    // One userData for both launches, so the second hands off to the first.
    Object.assign(env, { HOME: home, HEROKU_API_URL: emu.url, HTT_E2E: '1', HTT_E2E_USER_DATA: path.join(home, 'user-data') });
    app = await electron.launch({ executablePath: binary!, args: args(), env });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await emu?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('opens a sandboxed, isolated popover window on app://', async () => {
    // getLastWebPreferences is internal to Electron (not in electron.d.ts), hence the cast.
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
      return contents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    expect(page.url()).toMatch(/^app:\/\/renderer\//);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  });

  it('opens from the tray icon, and from the tray menu’s Open (the only way on Linux)', async () => {
    expect(await popoverVisible()).toBe(false);
    await clickTray();
    await expect.poll(popoverVisible).toBe(true);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    await trayMenu('open');
    await expect.poll(popoverVisible).toBe(true);
  });

  it('survives the window manager closing it, and reopens', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect.poll(popoverVisible).toBe(false);
    expect(await windows()).toBe(1);
    await clickTray();
    await expect.poll(popoverVisible).toBe(true);
  });

  it('a second launch hands off to the running app, which opens the popover', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    const second = spawn(binary!, args(), { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    await expect.poll(popoverVisible).toBe(true);
  });

  it('signs in to the emulator and lists its tokens, with a banner naming the API origin', async () => {
    await page.getByLabel('API key').fill(emu.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const first = emu.liveAuthorizations()[0]!;
    await expect.poll(() => page.getByText(first.description, { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(new URL(emu.url).host, { exact: false }).count()).toBeGreaterThan(0);
  });

  it('notifies when a token appears from elsewhere and when it crosses a threshold', async () => {
    // As if `heroku authorizations:create --expires-in 2` ran on another machine.
    const created = await raw(emu, '/oauth/authorizations', { method: 'POST', body: { description: 'e2e short-lived', scope: ['global'], expires_in: 2 } });
    expect(created.status).toBe(201);
    await trayMenu('refresh');
    await expect.poll(async () => (await notificationTitles()).join('\n'), { timeout: 60_000 }).toMatch(/e2e short-lived.*expired/);
    expect((await notificationTitles()).join('\n')).not.toMatch(/HRKU-/);
  });

  it('creates a token and copies it to the real clipboard', async () => {
    await page.getByRole('button', { name: 'Create token' }).first().click();
    await page.getByLabel('Description').fill('e2e: electron copy');
    await page.locator('form.create-form').getByRole('button', { name: 'Create token' }).click();
    const shown = page.locator('#new-token');
    await expect.poll(() => shown.count()).toBe(1);
    const token = await shown.inputValue();
    expect(token).toMatch(/^HRKU-/);
    await page.locator('section.one-time').getByRole('button', { name: /copy/i }).first().click();
    await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toBe(token);
  });

  it('quits from the tray menu', async () => {
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', resolve));
    await trayMenu('quit').catch(() => undefined);
    expect(await exited).toBe(0);
  });
});
