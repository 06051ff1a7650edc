/**
 * main/index.ts booted against the fake electron: the composition root registers the scheme before
 * ready, takes the single-instance lock, and wires a secure popover, every IPC channel, the app://
 * handler, the tray, the shortcut and the core. HTT_DEMO=1 keeps the stores in memory.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHANNELS } from '../../../../../shared/contract.js';
import { FakeBrowserWindow, FakeTray, resetFake, state } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);
// electron-store is conf plus Electron's paths; its conf engine stands in (electron itself is faked).
vi.mock('electron-store', async () => ({ default: (await import('conf')).default }));
const electron = (await import('./fake-electron.js')).electronModule;

const saved = { ...process.env };
let tmp: string;
// index.ts runs on import, once per test file (the lock-refused case is in its own file).
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'htt-root-'));
  process.env.HTT_DEMO = '1';
  process.env.HEROKU_API_URL = 'http://127.0.0.1:9';
  delete process.env.HEROKU_API_KEY;
  delete process.env.HTT_E2E;
  resetFake();
  state.appPath = '/srv/app';
  state.userPath = tmp;
  await import('../../../../../main/index.js');
  // whenReady() resolved; start() runs until the popover is loaded.
  await vi.waitFor(() => expect(FakeBrowserWindow.all[0]?.loaded).toBeTruthy());
});
afterAll(() => {
  electron.app.emit('before-quit', { preventDefault: () => undefined });
  electron.app.emit('will-quit');
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
});

describe('main/index.ts', () => {
  it('wires a secure, hidden popover on app://, every IPC channel, the tray and the shortcut', async () => {
    expect(state.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(FakeBrowserWindow.all).toHaveLength(1);
    const win = FakeBrowserWindow.all[0]!;
    expect(win.loaded).toBe('app://renderer/index.html');
    expect(win.visible).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      preload: expect.stringMatching(/dist-electron[\\/]preload\.cjs$|preload\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect([...state.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect([...state.protocolHandlers.keys()]).toEqual(['app']);
    expect(state.permissionRequest).toBeTypeOf('function');
    expect(FakeTray.all).toHaveLength(1);
    expect(FakeTray.all[0]!.image.path).toBe(path.join('/srv/app', 'build', 'tray', 'tray-normal.png'));
    expect(state.shortcuts.size).toBe(1);
    expect(state.quitCalls).toBe(0);
  });

  it('answers IPC from the popover and refuses it from elsewhere', async () => {
    const win = FakeBrowserWindow.all[0]!;
    const info = await state.handlers.get('app:info')!({ sender: win.webContents, senderFrame: { url: 'app://renderer/index.html', parent: null } });
    expect(info).toMatchObject({ ok: true, value: { apiOrigin: 'http://127.0.0.1:9', isDefaultOrigin: false } });
    const refused = await state.handlers.get('app:info')!({ sender: { id: -1 }, senderFrame: { url: 'app://renderer/index.html', parent: null } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('a second launch shows the popover; visibility goes to the renderer', async () => {
    const win = FakeBrowserWindow.all[0]!;
    electron.app.emit('second-instance', {}, [], '/');
    expect(win.visible).toBe(true);
    expect(win.webContents.sent).toContainEqual(['popover:visibility', { visible: true }]);
  });

  it('holds the first quit until the core has stopped (clipboard cleared), then quits', async () => {
    const before = state.quitCalls;
    let prevented = 0;
    electron.app.emit('before-quit', { preventDefault: () => void prevented++ });
    expect(prevented).toBe(1);
    await vi.waitFor(() => expect(state.quitCalls).toBe(before + 1));
    // The second before-quit (from that app.quit()) goes through.
    electron.app.emit('before-quit', { preventDefault: () => void prevented++ });
    expect(prevented).toBe(1);
  });
});
