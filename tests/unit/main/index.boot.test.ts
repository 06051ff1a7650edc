/**
 * How main/index.ts starts, booted against the behavioural Electron fake: the single-instance
 * hand-off, the refusal of debugging switches in a packaged app, a packaged app ignoring the
 * test/demo switches, a launch at login starting hidden, and IPC only from the popover.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHANNELS } from '../../../shared/contract.js';
import { fake, type ProfileName } from '../../support/fake-electron/index.js';
import type { UseOptions } from '../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../support/fake-electron/index.js')).electronModule);

const ROOT = path.resolve(import.meta.dirname, '../../..');
// Generous: this machine runs several test files at once.
const WAIT = { timeout: 15_000 };

/** Boots a fresh main/index.ts on a profile; resolves once it settled (ready and started, or gone). */
async function boot(profile: ProfileName, options: Omit<UseOptions, 'home'> = {}, env: Record<string, string | undefined> = {}, before = () => {}): Promise<void> {
  fake.use(profile, { appPath: ROOT, ...options });
  before();
  process.env.HEROKU_API_URL = 'http://127.0.0.1:9';
  delete process.env.HEROKU_API_KEY;
  delete process.env.HTT_E2E;
  process.env.HTT_DEMO = '1';
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  await import('../../../main/index.js');
  await vi.waitFor(() => expect(fake.world.ready || fake.world.exited).toBe(true), WAIT);
  if (!fake.world.exited) await vi.waitFor(() => expect(fake.windows()[0]?.loaded).toBeTruthy(), WAIT);
}

/** Quits and waits until the core stopped, so nothing of this instance reaches the next one. */
async function quit(): Promise<void> {
  if (fake.world.exited || !fake.world.ready) return;
  fake.user.quit();
  await vi.waitFor(() => expect(fake.world.exited).toBe(true), WAIT);
}

afterEach(async () => {
  await quit();
  rmSync(fake.world.home, { recursive: true, force: true });
  fake.restore();
  delete (globalThis as Record<string, unknown>).__httE2E;
});

describe('main/index.ts at start', () => {
  it('wires a secure, hidden popover on app://, every IPC channel, the tray and the shortcut', async () => {
    await boot('windows');
    expect(fake.world.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const win = fake.windows()[0]!;
    expect(fake.windows()).toHaveLength(1);
    expect(win.loaded).toBe('app://renderer/index.html');
    expect(win.visible).toBe(false);
    expect([...fake.world.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect([...fake.world.protocolHandlers.keys()]).toEqual(['app']);
    expect(fake.world.permission.request).toBeTypeOf('function');
    expect(fake.trays()).toHaveLength(1);
    expect(fake.trays()[0]!.image.path).toBe(path.join(ROOT, 'build', 'tray', 'tray-normal.ico'));
    // The shortcut comes from the settings, which live in the core's thread: bound once it answered.
    await vi.waitFor(() => expect(fake.world.shortcuts.size).toBe(1), WAIT);
  });

  it('answers IPC from the popover and refuses it from elsewhere', async () => {
    await boot('linux-x11');
    const win = fake.windows()[0]!;
    expect(await fake.invoke('app:info', win.webContents)).toMatchObject({ ok: true, value: { apiOrigin: 'http://127.0.0.1:9', isDefaultOrigin: false } });
    const stranger = new (await import('../../support/fake-electron/index.js')).FakeWebContents();
    stranger.url = 'app://renderer/index.html';
    expect(await fake.invoke('app:info', stranger)).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('hands off to the running instance and quits, creating nothing', async () => {
    await boot('linux-x11', {}, { HTT_DEMO: undefined }, () => fake.os.installedAppRunning(path.join(fake.world.home, '.config', 'Heroku Token Tray')));
    expect(fake.world.handedOff).toHaveLength(1);
    expect(fake.world.exited).toBe(true);
    expect(fake.windows()).toEqual([]);
    expect(fake.trays()).toEqual([]);
    expect(fake.world.ipcHandlers.size).toBe(0);
  });

  it('a packaged app started with a debugging switch exits at once, before anything exists', async () => {
    await boot('windows', { packaged: true, launchArgs: ['--remote-debugging-port=9222'] }, { HTT_DEMO: undefined });
    expect(fake.world.exitCode).toBe(1);
    expect(fake.world.ready).toBe(false);
    expect(fake.windows()).toEqual([]);
    expect(fake.world.ipcHandlers.size).toBe(0);
    expect(fake.world.lockHeldFor).toBeNull();
  });

  it('a packaged app ignores HTT_E2E and HTT_DEMO: the installed userData, no test hooks, the popover hides on blur', async () => {
    // Linux: this machine has the keychain's native binary for it (a packaged app loads the real keychain).
    await boot('linux-x11', { packaged: true }, { HTT_E2E: '1', HTT_DEMO: '1' });
    expect(fake.world.lockHeldFor).toBe(path.join(fake.world.home, '.config', 'Heroku Token Tray'));
    expect((globalThis as Record<string, unknown>).__httE2E).toBeUndefined();
    expect(fake.windows()[0]!.visible).toBe(true);
    fake.user.clickElsewhere();
    expect(fake.windows()[0]!.visible).toBe(false);
  });

  it('an e2e run in development gets its own throwaway userData and the hooks', async () => {
    await boot('linux-x11', {}, { HTT_E2E: '1', HTT_DEMO: undefined });
    expect(fake.world.lockHeldFor).toMatch(/heroku-token-tray-e2e-/);
    expect((globalThis as Record<string, unknown>).__httE2E).toBeDefined();
    rmSync(fake.world.lockHeldFor!, { recursive: true, force: true });
  });

  it('on Linux a launch shows the popover (there may be no tray), a launch at login (--hidden) does not', async () => {
    await boot('linux-wayland');
    expect(fake.windows()[0]!.visible).toBe(true);
    await quit();
    await boot('linux-wayland', { launchArgs: ['--hidden'] });
    expect(fake.windows()[0]!.visible).toBe(false);
  });

  it('macOS: a relaunch from Finder (activate) opens the popover', async () => {
    await boot('macos-signed');
    expect(fake.windows()[0]!.visible).toBe(false);
    fake.user.relaunch();
    expect(fake.windows()[0]!.visible).toBe(true);
  });
});

describe('main/index.ts when the system shuts down, restarts or logs off', () => {
  // Settings are written behind (main/adapters/settings-store.ts): a change is on disk a turn
  // later. Quitting writes what is pending (core.stop()), but Windows emits no before-quit when the
  // session ends, and Linux and macOS end an app that does not ask them to wait.
  it.each(['windows', 'macos-signed', 'linux-x11'] as const)('%s: the last settings change is in the file when the process ends', async (profile) => {
    await boot(profile, { packaged: true });
    const userData = fake.world.lockHeldFor!;
    const changed = await fake.invoke('settings:update', fake.windows()[0]!.webContents, { notifyNewAuthorizations: false });
    expect(changed).toMatchObject({ ok: true });
    const saved = () => (JSON.parse(readFileSync(path.join(userData, 'config.json'), 'utf8')) as { settings: { notifyNewAuthorizations: boolean } }).settings.notifyNewAuthorizations;
    fake.os.endSession();
    if (profile === 'windows') {
      // Ended right after 'session-end', before any later turn: only what ran in it is on disk.
      expect(fake.world.killed).toBe(true);
      expect(saved()).toBe(false);
      return;
    }
    // Linux and macOS waited: the app quit as it always does (its core stopped, its settings written).
    await vi.waitFor(() => expect(fake.world.exited).toBe(true), WAIT);
    expect(fake.world.killed).toBe(false);
    expect(fake.world.exitCode).toBe(0);
    expect(saved()).toBe(false);
  });
});
