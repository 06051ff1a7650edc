/**
 * Small OS hooks: wake-from-sleep, unlock and clock jumps, launch at login, the global shortcut, the macOS
 * dock and edit menu. Each takes the Electron module it needs, so tests pass fakes.
 */
import type { App, GlobalShortcut, MenuItemConstructorOptions, Net, PowerMonitor } from 'electron';
import type { Connectivity, Logger, PowerEvent, PowerEvents } from '../../ports.js';

/** Opens the popover from anywhere; Control on Windows/Linux, Command on macOS. */
export const POPOVER_SHORTCUT = 'CommandOrControl+Shift+H';

const CLOCK_CHECK_MS = 60_000;
/** A wall clock that moved this much more (or less) than the monotonic clock was set by someone. */
const CLOCK_JUMP_MS = 30_000;

interface ClockSources {
  wall: () => number;
  monotonic: () => number;
  every: (fn: () => void, ms: number) => { unref?: () => unknown } & object;
  stop: (handle: object) => void;
}

const realClocks: ClockSources = {
  wall: Date.now,
  monotonic: () => performance.now(),
  every: (fn, ms) => setInterval(fn, ms),
  stop: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * The PowerEvents port on Electron's powerMonitor: 'resume' after sleep, 'unlock' when the
 * session is unlocked (or becomes active again on macOS), 'clock-jump' when the wall clock moves
 * away from the monotonic clock (Electron has no time-change event).
 */
export class ElectronPowerEvents implements PowerEvents {
  constructor(
    private readonly powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>,
    private readonly clocks: ClockSources = realClocks,
  ) {}

  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: PowerEvent, listener: () => void): () => void {
    if (event === 'clock-jump') return this.watchClock(listener);
    const names = event === 'resume' ? (['resume'] as const) : (['unlock-screen', 'user-did-become-active'] as const);
    const wrapped = () => listener();
    for (const name of names) this.powerMonitor.on(name as 'resume', wrapped);
    return () => {
      for (const name of names) this.powerMonitor.removeListener(name as 'resume', wrapped);
    };
  }

  private watchClock(listener: () => void): () => void {
    let wall = this.clocks.wall();
    let mono = this.clocks.monotonic();
    const handle = this.clocks.every(() => {
      const [w, m] = [this.clocks.wall(), this.clocks.monotonic()];
      const drift = w - wall - (m - mono);
      [wall, mono] = [w, m];
      if (Math.abs(drift) >= CLOCK_JUMP_MS) listener();
    }, CLOCK_CHECK_MS);
    handle.unref?.();
    return () => this.clocks.stop(handle);
  }
}

const ONLINE_CHECK_MS = 15_000;

/**
 * The Connectivity port on Electron's net.isOnline(). Electron's main process has no online/offline
 * event, so a cheap, unref'd poll turns the flag into changes.
 */
export class ElectronConnectivity implements Connectivity {
  constructor(
    private readonly net: Pick<Net, 'isOnline'>,
    private readonly clocks: Pick<ClockSources, 'every' | 'stop'> = realClocks,
  ) {}

  /** True when the system believes it is online. */
  isOnline(): boolean {
    return this.net.isOnline();
  }

  /** Calls listener when the flag changes; returns the unsubscribe function. */
  onChange(listener: (online: boolean) => void): () => void {
    let last = this.isOnline();
    const handle = this.clocks.every(() => {
      const now = this.isOnline();
      if (now !== last) listener((last = now));
    }, ONLINE_CHECK_MS);
    handle.unref?.();
    return () => this.clocks.stop(handle);
  }
}

/** Applies the launch-at-login setting (macOS and Windows; Linux has no login items in Electron). */
export function applyLaunchAtLogin(app: Pick<App, 'setLoginItemSettings'>, enabled: boolean, platform: string = process.platform): void {
  if (platform !== 'darwin' && platform !== 'win32') return;
  app.setLoginItemSettings({ openAtLogin: enabled });
}

/** Registers the popover shortcut; a shortcut taken by another app is logged, not fatal. */
export function registerPopoverShortcut(
  globalShortcut: Pick<GlobalShortcut, 'register'>,
  onPress: () => void,
  logger: Logger,
  accelerator: string = POPOVER_SHORTCUT,
): boolean {
  const ok = globalShortcut.register(accelerator, onPress);
  if (!ok) logger.warn('global shortcut is taken by another app', { accelerator });
  return ok;
}

/** The application menu: only the Edit roles on macOS, so copy/paste work in text fields. */
export function applicationMenuTemplate(platform: string = process.platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }];
}
