/**
 * Playwright `_electron` end-to-end: launches the built app against the emulator. Runs wherever
 * an Electron binary exists; elsewhere it is reported as skipped with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { CHANNELS } from '../../shared/contract.js';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');

/** The Electron binary's path, or null when the package was installed without it. */
export function electronBinary(): string | null {
  try {
    const bin = require('electron') as unknown as string;
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) console.log('Electron end-to-end: skipped: no Electron binary');

describe.skipIf(!binary)('Electron app (skipped: no Electron binary)', () => {
  let emu: Emulator;
  let app: ElectronApplication;

  beforeAll(async () => {
    emu = await startEmulator({});
    app = await electron.launch({
      executablePath: binary!,
      args: [root, '--no-sandbox'],
      env: {
        ...process.env,
        HOME: mkdtempSync(path.join(os.tmpdir(), 'htt-electron-home-')),
        HEROKU_API_URL: emu.url,
        HEROKU_API_KEY: emu.apiKey,
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await emu?.close();
  });

  it('opens a sandboxed, isolated popover window', async () => {
    const win = await app.firstWindow();
    // No Node in the page, and the bridge exposes exactly the contract.
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    const methods = await win.evaluate(() => Object.keys(window.tokenTray.api).sort());
    expect(methods).toEqual([...CHANNELS].sort());
  });
});
