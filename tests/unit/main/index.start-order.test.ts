/**
 * main/index.ts starts the core (the keychain read and the first lists) before the popover window
 * loads, so the page's first authorizations:list joins that work instead of starting it. Booted
 * against the behavioural Electron fake. The core runs in a worker thread: its start is seen in
 * what the main thread posted to that worker before the page loaded (the worker itself starts on
 * its own time, in parallel with the page).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { electronModule, fake, PROFILE_NAMES } from '../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../support/fake-electron/index.js')).electronModule);

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
    const proto = electronModule.BrowserWindow.prototype as unknown as { loadURL(url: string): Promise<void> };
    const loadURL = proto.loadURL;
    const posted: string[] = [];
    const seenAtLoad: Array<{ posted: string[] }> = [];
    const postMessage = Worker.prototype.postMessage;
    const post = vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, m: unknown, transfer?: Parameters<Worker['postMessage']>[1]) {
      const op = (m as { op?: unknown } | null)?.op;
      if (typeof op === 'string') posted.push(op);
      postMessage.call(this, m, transfer);
    });
    const spy = vi.spyOn(proto, 'loadURL').mockImplementation(function (this: unknown, url: string) {
      seenAtLoad.push({ posted: [...posted] });
      return loadURL.call(this, url);
    });
    try {
      vi.resetModules();
      await import('../../../main/index.js');
      await vi.waitFor(() => expect(fake.windows()[0]?.loaded).toBeTruthy(), WAIT);
    } finally {
      spy.mockRestore();
      post.mockRestore();
    }
    // The core's thread was told to start before the page loaded.
    expect(seenAtLoad).toHaveLength(1);
    expect(seenAtLoad[0]!.posted).toContain('start');
  });
});
