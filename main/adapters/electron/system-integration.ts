/**
 * Small OS hooks: wake-from-sleep, unlock and clock jumps, launch at login, the global shortcut, the macOS
 * dock and edit menu. Each takes the Electron module it needs, so tests pass fakes.
 */
import type { GlobalShortcut, MenuItemConstructorOptions, Net, PowerMonitor } from 'electron';
import { DEFAULT_POPOVER_SHORTCUT, type ShortcutStatus } from '../../../shared/contract.js';
import type { Connectivity, Logger, PowerEvent, PowerEvents } from '../../ports.js';

/** Opens the popover from anywhere (Control+Alt+Shift+H; Command+Option+Shift+H on macOS); configurable in Settings. */
export const POPOVER_SHORTCUT = DEFAULT_POPOVER_SHORTCUT;

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

/**
 * The global shortcut that opens the popover. The OS or another app may hold it: register() then
 * returns false, which is logged and reported (the popover shows it), never ignored.
 */
export class PopoverShortcut {
  private current: ShortcutStatus = { accelerator: '', registered: false };

  constructor(
    private readonly globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
    private readonly onPress: () => void,
    private readonly logger: Logger,
  ) {}

  /** Binds accelerator ('' = none) in place of the previous one; returns whether the OS accepted it. */
  bind(accelerator: string): ShortcutStatus {
    if (accelerator === this.current.accelerator && this.current.registered) return this.current;
    if (this.current.registered) this.globalShortcut.unregister(this.current.accelerator);
    let registered = false;
    try {
      registered = accelerator !== '' && this.globalShortcut.register(accelerator, this.onPress);
    } catch {
      registered = false;
    }
    if (accelerator !== '' && !registered) this.logger.warn('the global shortcut is taken by another app or the desktop', { accelerator });
    this.current = { accelerator, registered };
    return this.current;
  }

  /** The accelerator in force and whether it is registered. */
  status(): ShortcutStatus {
    return this.current;
  }
}

/** The application menu: only the Edit roles on macOS, so copy/paste work in text fields. */
export function applicationMenuTemplate(platform: string = process.platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }];
}
