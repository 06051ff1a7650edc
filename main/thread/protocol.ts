/**
 * What crosses between the main thread (the Electron shell: windows, tray, notifications, the
 * clipboard) and the core's thread (main/core-worker.ts: the Heroku client, the lists, the expiry
 * watch, the keychain and the settings file). Everything is structured-cloned: plain data only.
 */
import type { Channel, EventName, Settings, ShortcutStatus } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import type { Logger, NotificationOutcome, NotificationSpec, PowerEvent, TrayState } from '../ports.js';

/** How the core's thread is started: what the main thread knows and the worker cannot ask Electron. */
export interface CoreInit {
  apiOrigin: string;
  version: string;
  platform: string;
  hostname: string;
  /** Memory stores (demo, e2e): nothing is read from or written to the machine's keychain or files. */
  volatile: boolean;
  /** app.getPath('userData'): the settings file and consumers.json. */
  userData: string;
  /** Whether the OS can show notifications at all (Electron's Notification.isSupported()). */
  notificationsSupported: boolean;
  /** net.isOnline() when the thread started; changes follow as 'online' posts. */
  online: boolean;
  /** The global shortcut's state when the thread started; changes follow as 'shortcut' posts. */
  shortcut: ShortcutStatus | null;
  /**
   * One Int32 the core's thread sets to 1 once stop() wrote what it had pending (settings): the
   * main thread can wait for it synchronously when the OS ends the session (Windows 'session-end').
   */
  stopped: SharedArrayBuffer;
}

/** Served by the core's thread; called by the main thread. */
export interface CoreOps {
  [op: string]: (...args: never[]) => unknown;
  /**
   * One contract call (arguments parsed again there: the core trusts no other thread's parse).
   * The answer is the Result's JSON bytes, passed on to the renderer unread (shared/relay.ts), or
   * `{ held: accountId }` when it is the list the main thread was last sent for that account
   * (unless `fresh`: then always the bytes).
   */
  invoke(channel: Channel, args: unknown, fresh?: boolean): Promise<Uint8Array | { held: string }>;
  /** The current settings (the shell applies launch-at-login and the shortcut from them). */
  settings(): Settings;
  start(): void;
  /** Stops the timers, writes pending settings and clears a token still on the clipboard. */
  stop(): Promise<void>;
  publishStatus(): void;
  refresh(): void;
  switchAccount(accountId: string): void;
  /** Signs in with a key from the environment (the demo). */
  signIn(apiKey: string): Promise<Result<unknown>>;
  /** An event the shell raised ('popover:visibility', 'popover:focus-token'). */
  emit(name: EventName, payload: unknown): void;
  power(event: PowerEvent): void;
  online(online: boolean): void;
  shortcut(status: ShortcutStatus): void;
}

/** Served by the main thread; called by the core's thread. */
export interface ShellOps {
  [op: string]: (...args: never[]) => unknown;
  /** The core's thread is up: its first settings. */
  ready(settings: Settings): void;
  /**
   * A core event; its payload as JSON bytes, passed on to the renderer unread (shared/relay.ts).
   * An 'authorizations:changed' names its account and comes as the bytes of that account's
   * authorizations:list answer (`{"ok":true,"value":<snapshot>}`): the main thread keeps them as that
   * answer and passes on the snapshot's part (a view: nothing is copied in the main thread).
   */
  event(name: EventName, payload: Uint8Array, accountId?: string): void;
  clipboardWrite(text: string): Promise<void>;
  clipboardRead(): Promise<string>;
  clipboardClear(): Promise<void>;
  notify(spec: NotificationSpec): Promise<NotificationOutcome | null>;
  tray(state: TrayState): void;
  hidePopover(): void;
  log(level: keyof Logger, message: string, meta?: Record<string, unknown>): void;
}
