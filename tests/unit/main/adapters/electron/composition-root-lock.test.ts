/** main/index.ts when another instance holds the single-instance lock: quit, create nothing. */
import { expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeTray, resetFake, state } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);
// electron-store is conf plus Electron's paths; its conf engine stands in (electron itself is faked).
vi.mock('electron-store', async () => ({ default: (await import('conf')).default }));

it('quits without a window, tray or IPC when another instance holds the lock', async () => {
  resetFake();
  state.singleInstance = false;
  await import('../../../../../main/index.js');
  await new Promise((resolve) => setImmediate(resolve));
  expect(state.quitCalls).toBe(1);
  expect(FakeBrowserWindow.all).toEqual([]);
  expect(FakeTray.all).toEqual([]);
  expect(state.handlers.size).toBe(0);
});
