/**
 * The OS profiles of the behavioural Electron fake: what each desktop does to a tray app, as
 * Electron 45's documentation describes it (sources in docs/ELECTRON.md). Data only; the
 * behaviour that reads it is in ./index.ts.
 */

export type ProfileName = 'macos-signed' | 'macos-unsigned' | 'windows' | 'linux-x11' | 'linux-wayland';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayFacts {
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

export interface OsProfile {
  name: ProfileName;
  platform: 'darwin' | 'win32' | 'linux';
  /** Session variables the OS sets (XDG_SESSION_TYPE, DISPLAY, ...); undefined = unset. */
  env: Record<string, string | undefined>;
  /**
   * 'native' = windows go wherever code puts them. 'wayland' = a native Wayland client: the
   * compositor ignores positioning, focus and always-on-top, and the cursor position is unknown
   * (tray.md, browser-window.md, screen.md), unless `--ozone-platform=x11` was appended before
   * ready and an X server (XWayland, DISPLAY) is there.
   */
  windowing: 'native' | 'wayland';
  tray: {
    /** macOS/Windows: a click on the icon emits 'click' with its bounds. Linux (StatusNotifierItem): the menu opens, no event. */
    clicks: boolean;
    /** Where the icon is (Linux reports zeros). */
    bounds: Rect;
  };
  notifications: {
    /** What `show()` leads to: 'show', or 'failed' (unsigned macOS builds: UNNotification refuses). */
    outcome: 'show' | 'failed';
    /** The error string of 'failed'. */
    failure: string;
    /** Windows: a toast that times out emits close {reason: 'timedOut'} and waits in Action Center. */
    actionCenter: boolean;
  };
  /** app.setLoginItemSettings works (macOS, Windows); on Linux it does nothing. */
  loginItems: boolean;
  /** app.dock exists (macOS only). */
  dock: boolean;
  /** app.setAppUserModelId and Notification.handleActivation exist (Windows only). */
  windowsOnly: boolean;
  /** app.setDesktopName exists (Linux only). */
  linuxOnly: boolean;
  /** A relaunch from the file manager/launcher: macOS emits 'activate' in the running app; others start a second process. */
  relaunch: 'activate' | 'second-instance';
  display: DisplayFacts;
  /** Where the pointer is (for 'native' windowing). */
  cursor: { x: number; y: number };
}

const FULL_HD = { x: 0, y: 0, width: 1920, height: 1080 };

const mac = (name: ProfileName, outcome: 'show' | 'failed'): OsProfile => ({
  name,
  platform: 'darwin',
  env: { XDG_SESSION_TYPE: undefined, WAYLAND_DISPLAY: undefined, DISPLAY: undefined },
  windowing: 'native',
  tray: { clicks: true, bounds: { x: 1500, y: 0, width: 24, height: 24 } },
  notifications: {
    outcome,
    failure: 'Notifications require a code-signed app (UNUserNotificationCenter: not authorized)',
    actionCenter: false,
  },
  loginItems: true,
  dock: true,
  windowsOnly: false,
  linuxOnly: false,
  relaunch: 'activate',
  // The menu bar is 25 px high.
  display: { bounds: FULL_HD, workArea: { x: 0, y: 25, width: 1920, height: 1055 }, scaleFactor: 2 },
  cursor: { x: 1510, y: 10 },
});

const linux = (name: ProfileName, wayland: boolean): OsProfile => ({
  name,
  platform: 'linux',
  env: wayland
    ? { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'GNOME' }
    : { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: undefined, DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'KDE' },
  windowing: wayland ? 'wayland' : 'native',
  tray: { clicks: false, bounds: { x: 0, y: 0, width: 0, height: 0 } },
  notifications: { outcome: 'show', failure: '', actionCenter: false },
  loginItems: false,
  dock: false,
  windowsOnly: false,
  linuxOnly: true,
  relaunch: 'second-instance',
  // A top panel (GNOME/KDE both vary; 32 px here).
  display: { bounds: FULL_HD, workArea: { x: 0, y: 32, width: 1920, height: 1048 }, scaleFactor: 1 },
  cursor: { x: 1800, y: 12 },
});

export const PROFILES: Record<ProfileName, OsProfile> = {
  'macos-signed': mac('macos-signed', 'show'),
  'macos-unsigned': mac('macos-unsigned', 'failed'),
  windows: {
    name: 'windows',
    platform: 'win32',
    env: { XDG_SESSION_TYPE: undefined, WAYLAND_DISPLAY: undefined, DISPLAY: undefined },
    windowing: 'native',
    tray: { clicks: true, bounds: { x: 1700, y: 1044, width: 32, height: 32 } },
    notifications: { outcome: 'show', failure: '', actionCenter: true },
    loginItems: true,
    dock: false,
    windowsOnly: true,
    linuxOnly: false,
    relaunch: 'second-instance',
    // Taskbar at the bottom, 40 px.
    display: { bounds: FULL_HD, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 },
    cursor: { x: 1716, y: 1060 },
  },
  'linux-x11': linux('linux-x11', false),
  'linux-wayland': linux('linux-wayland', true),
};

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
