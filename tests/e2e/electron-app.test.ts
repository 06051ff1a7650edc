/**
 * Playwright `_electron` end-to-end: launches the built app against the emulator. Runs wherever
 * an Electron binary exists (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH); elsewhere
 * it is reported as skipped with its reason. HTT_E2E=1 makes the app keep its stores in memory,
 * keep the popover open on blur and expose a tray-click hook (see main/adapters/electron/e2e-hooks.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { electronBinary, ensureAppBuilt, ROOT } from '../support/app-build.js';

const binary = electronBinary();
if (!binary) console.log('Electron end-to-end: skipped: no Electron binary');

interface Hooks {
  clickTray(): void;
  popoverVisible(): boolean;
  notifications: Array<{ key: string; title: string }>;
}

describe.skipIf(!binary)('Electron app (skipped: no Electron binary)', () => {
  let emu: Emulator;
  let app: ElectronApplication;
  let page: Page;
  let home: string;
  // Each of these runs in the main process (Playwright serialises the function).
  const popoverVisible = () => app.evaluate(() => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.popoverVisible());
  const clickTray = () => app.evaluate(() => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.clickTray());
  const notificationTitles = () =>
    app.evaluate(() => (globalThis as unknown as { __httE2E: Hooks }).__httE2E.notifications.map((n) => n.title));

  beforeAll(async () => {
    ensureAppBuilt();
    emu = await startEmulator({ seed: 'demo' });
    home = mkdtempSync(path.join(os.tmpdir(), 'htt-electron-home-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'HEROKU_API_KEY') env[k] = v;
    app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: { ...env, HOME: home, HEROKU_API_URL: emu.url, HTT_E2E: '1' },
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
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
    expect(await page.evaluate(() => Object.keys((window as unknown as { tokenTray: { api: object } }).tokenTray.api).length)).toBeGreaterThan(10);
  });

  it('opens the popover from the tray icon', async () => {
    expect(await popoverVisible()).toBe(false);
    await clickTray();
    await expect.poll(popoverVisible).toBe(true);
  });

  it('signs in to the emulator and lists its tokens, with a banner naming the API origin', async () => {
    await page.getByLabel('API key').fill(emu.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const first = emu.liveAuthorizations()[0]!;
    await expect.poll(() => page.getByText(first.description, { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(new URL(emu.url).host, { exact: false }).count()).toBeGreaterThan(0);
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

  it('raises a notification when a token appears from elsewhere', async () => {
    // As if `heroku login` ran on another machine; the next refresh spots it.
    emu.addAuthorizations(1);
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await expect.poll(async () => (await notificationTitles()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await notificationTitles()).join('\n')).not.toMatch(/HRKU-/);
  });
});
