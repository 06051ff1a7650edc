/**
 * main/index.ts starts the core (the keychain read and the first lists) before the popover window
 * loads, so the page's first authorizations:list joins that work instead of starting it. Booted
 * against the behavioural Electron fake; the core's start is seen through the power events the
 * expiry watcher and the refresh scheduler subscribe to when they start.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { electronModule, fake, PROFILE_NAMES } from '../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../support/fake-electron/index.js')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('conf')).default }));

const ROOT = path.resolve(import.meta.dirname, '../../..');
const WAIT = { timeout: 15_000 };

afterEach(async () => {
  if (fake.world.ready && !fake.world.exited) {
    fake.user.quit();
    await vi.waitFor(() => expect(fake.world.exited).toBe(true), WAIT);
  }
  rmSync(fake.world.home, { recursive: true, force: true });
  fake.restore();
});

describe('main/index.ts start order', () => {
  it.each(PROFILE_NAMES)('starts the core before the popover window loads (%s)', async (profile) => {
    fake.use(profile, { appPath: ROOT });
    process.env.HEROKU_API_URL = 'http://127.0.0.1:9';
    delete process.env.HEROKU_API_KEY;
    delete process.env.HTT_E2E;
    process.env.HTT_DEMO = '1';
    const power = electronModule.powerMonitor as unknown as NodeJS.EventEmitter;
    const proto = electronModule.BrowserWindow.prototype as unknown as { loadURL(url: string): Promise<void> };
    const loadURL = proto.loadURL;
    const seenAtLoad: number[] = [];
    const spy = vi.spyOn(proto, 'loadURL').mockImplementation(function (this: unknown, url: string) {
      seenAtLoad.push(power.listenerCount('resume'));
      return loadURL.call(this, url);
    });
    try {
      vi.resetModules();
      await import('../../../main/index.js');
      await vi.waitFor(() => expect(fake.windows()[0]?.loaded).toBeTruthy(), WAIT);
    } finally {
      spy.mockRestore();
    }
    // The expiry watcher and the refresh scheduler were already listening when the page loaded.
    expect(seenAtLoad).toHaveLength(1);
    expect(seenAtLoad[0]).toBeGreaterThanOrEqual(2);
  });
});
