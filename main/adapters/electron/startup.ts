/**
 * What main/index.ts decides before Electron is ready: the run mode (a packaged app has no test or
 * demo modes), refusing debugging switches, a userData folder of its own for demo and test runs
 * (set before the single-instance lock, which Electron keys on it), XWayland on Wayland sessions,
 * and the app's identity on Windows and Linux.
 */
import type { App, CommandLine } from 'electron';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** electron-builder.yml's appId: Windows' AppUserModelID and the Linux desktop file's name. */
export const APP_ID = 'io.github.heroku-token-tray';
/** package.json's desktopName: the installed .desktop file, the Wayland app_id and the portal identity. */
export const DESKTOP_NAME = `${APP_ID}.desktop`;
/** Login items start the app with this flag: it then starts in the tray, without the popover. */
export const HIDDEN_FLAG = 'hidden';

export interface RunMode {
  /** Playwright `_electron` run: memory stores, popover kept open on blur, test hooks (e2e builds only). */
  e2e: boolean;
  /** `npm run demo`: memory stores, signed in to the emulator. */
  demo: boolean;
  /** Key and settings in memory: never the user's keychain or settings. */
  volatile: boolean;
}

/** The run mode: HTT_E2E=1 and HTT_DEMO=1 count only in development; a packaged app ignores them. */
export function runMode(isPackaged: boolean, env: NodeJS.ProcessEnv): RunMode {
  const e2e = !isPackaged && env.HTT_E2E === '1';
  const demo = !isPackaged && env.HTT_DEMO === '1';
  return { e2e, demo, volatile: e2e || demo };
}

// They would let another program drive the popover (the fuses already disable --inspect and
// NODE_OPTIONS; Chromium's switches have no fuse).
export const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port', 'js-flags'];

/** True when a packaged app was started with a debugging switch (it must exit at once). */
export function hasDebugSwitch(isPackaged: boolean, commandLine: Pick<CommandLine, 'hasSwitch'>): boolean {
  return isPackaged && DEBUG_SWITCHES.some((s) => commandLine.hasSwitch(s));
}

/**
 * Gives demo and test runs their own userData, so they neither take the installed app's
 * single-instance lock nor share its files. Call before requestSingleInstanceLock().
 */
export function separateUserData(app: Pick<App, 'getPath' | 'setPath' | 'getName'>, mode: RunMode, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!mode.volatile) return null;
  // Every e2e run alone (tests run side by side) unless the test names one folder for a relaunch;
  // demos share one folder, so a second demo hands off.
  const dir = mode.e2e
    ? (env.HTT_E2E_USER_DATA ?? mkdtempSync(path.join(os.tmpdir(), 'heroku-token-tray-e2e-')))
    : path.join(app.getPath('appData'), `${app.getName()} Demo`);
  mkdirSync(dir, { recursive: true });
  app.setPath('userData', dir);
  return dir;
}

/**
 * On a Wayland session Electron (38+) runs as a native Wayland client, where a window cannot be
 * positioned or focused by code and the cursor position is unknown (browser-window.md). The
 * popover needs all three, so it runs under XWayland, as Electron's docs advise, when an X server
 * is there and the user did not choose a platform. Returns whether it switched.
 */
export function preferXWayland(commandLine: Pick<CommandLine, 'hasSwitch' | 'appendSwitch'>, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux' || env.XDG_SESSION_TYPE !== 'wayland' || !env.DISPLAY) return false;
  if (commandLine.hasSwitch('ozone-platform') || commandLine.hasSwitch('ozone-platform-hint')) return false;
  commandLine.appendSwitch('ozone-platform', 'x11');
  return true;
}

/** Windows: our AppUserModelID, or Electron rewrites the installer's Start Menu shortcut to its own. */
export function applyIdentity(app: Partial<Pick<App, 'setAppUserModelId'>>, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId?.(APP_ID);
}
