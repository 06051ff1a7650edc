/**
 * The main thread's side of the link: the core as the Electron shell uses it (its handler table,
 * its events, start and stop), while the core itself runs in a thread of its own
 * (main/core-worker.ts). The lists of every account, their views, the expiry ledger and the
 * parsing of Heroku's pages then allocate and collect in that thread's heap: a refresh of 10,000
 * tokens no longer pauses the thread that runs the tray, the popover window and IPC
 * (bench/event-loop.ts measures it). The shell's own parts (clipboard, notifications, tray, power
 * and network events) stay here and are served to the core over the link.
 *
 * If the thread dies, calls waiting on it get a clear error and a new one starts (a few times,
 * then the app says so in the log); if no thread can start at all, the core runs in this thread.
 */
import { CHANNELS, type Channel, type EventName, type EventPayloads, type Settings } from '../../shared/contract.js';
import { err } from '../../shared/result.js';
import { decodeRelayed, type Relayed, type RelayedTable } from '../../shared/relay.js';
import { ClipboardRelay } from './clipboard-relay.js';
import { HeldLists } from './held-lists.js';
import type { Clipboard, Connectivity, Logger, Notifier, PowerEvent, PowerEvents, TrayView } from '../ports.js';
import type { ShortcutStatus } from '../../shared/contract.js';
import { Peer, type PortLike } from './peer.js';
import type { CoreInit, CoreOps, ShellOps } from './protocol.js';

/** One running core: its end of the link, and how it ends. */
export interface CoreEndpoint extends PortLike {
  /** Called once when the core's thread ended; `error` when it failed rather than was terminated. */
  onExit(listener: (error: Error | null) => void): void;
  terminate(): void;
  /** A core in this very thread cannot be waited for synchronously: it stops here and now instead. */
  stopNow?(): void;
}

/** The shell's parts the core uses, in this thread. */
export interface ShellParts {
  clipboard: Clipboard;
  notifier?: Notifier;
  tray?: TrayView;
  hidePopover: () => void;
  power?: PowerEvents;
  connectivity?: Connectivity;
  shortcutStatus?: () => ShortcutStatus | null;
  logger: Logger;
}

export interface RemoteCoreOptions {
  /** Starts a core in a thread of its own. */
  spawn: (init: CoreInit) => CoreEndpoint;
  /** Starts a core in this thread: used when no thread could start. */
  inThread?: (init: CoreInit) => CoreEndpoint;
  init: Omit<CoreInit, 'online' | 'shortcut' | 'stopped' | 'notificationsSupported'>;
  shell: ShellParts;
  /** How long a new thread may take to answer 'ready' before it is ended (and the core runs in this thread; default 20 s). */
  readyTimeoutMs?: number;
  /** Restarts allowed within `restartWindowMs` after the thread died (default 3 in 10 minutes). */
  restarts?: number;
  restartWindowMs?: number;
  /** Delay before a restart (default 1 s). */
  restartDelayMs?: number;
}

const POWER_EVENTS: PowerEvent[] = ['resume', 'unlock', 'clock-jump'];
const LEVELS = new Set(['debug', 'info', 'warn', 'error']);
const GONE = 'The app’s background worker stopped unexpectedly; it is restarting. Try again in a moment.';
const GAVE_UP = 'The app’s background worker keeps stopping. Quit the app and open it again; details are in the log.';

/** Hears an event: the core's as JSON bytes (passed on unread), the shell's own as a value. */
export type RelayListener = (name: EventName, payload: Relayed<EventPayloads[EventName]>) => void;

export class RemoteCore {
  /** The contract's handlers: each call runs in the core's thread and answers JSON bytes (shared/relay.ts). */
  readonly handlers: RelayedTable;
  private readonly listeners = new Set<RelayListener>();
  private readonly settingsListeners = new Set<(settings: Settings) => void>();
  private peer!: Peer<CoreOps, ShellOps>;
  /** The current core: its link, whether it answered 'ready' (false: it ended first), whether it has ended since. */
  private attempt!: { peer: Peer<CoreOps, ShellOps>; settled: Promise<boolean>; ended: boolean };
  private visibility: EventPayloads['popover:visibility'] | null = null;
  private readonly lists = new HeldLists();
  private endpoint!: CoreEndpoint;
  private current: Settings | null = null;
  private readyWaiters: Array<() => void> = [];
  private isReady = false;
  private started = false;
  private stopping = false;
  private inThread = false;
  private readonly deaths: number[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private stoppedFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly clipboard: ClipboardRelay;
  /** A restart under way (the thread died, a new one starts after a delay). */
  private restarting: Promise<void> | null = null;
  /** The thread died more often than restarts allows: no core is coming. */
  private gaveUp = false;


  constructor(private readonly options: RemoteCoreOptions) {
    this.clipboard = new ClipboardRelay(options.shell.clipboard, options.shell.logger);
    this.handlers = Object.fromEntries(CHANNELS.map((channel) => [channel, (args: unknown) => this.invoke(channel, args)])) as unknown as RelayedTable;
    for (const event of POWER_EVENTS) {
      const off = options.shell.power?.on(event, () => this.send('power', event));
      if (off) this.unsubscribe.push(off);
    }
    const offline = options.shell.connectivity?.onChange((online) => this.send('online', online));
    if (offline) this.unsubscribe.push(offline);
    this.launch(false);
  }

  /** Resolves once the core answered for the first time (its settings are known). */
  ready(): Promise<void> {
    return this.isReady ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** The current settings (known once ready). */
  settings(): Settings {
    if (!this.current) throw new Error('the core has not answered yet: await ready() first');
    return this.current;
  }

  /** Whether this thread holds an account's list (the core sent it): its authorizations:list needs no copy from the core. */
  holdsList(accountId: string): boolean {
    return this.lists.answer(accountId) !== undefined;
  }

  /** Whether the core runs in this thread (no thread of its own could start). */
  runsInThisThread(): boolean {
    return this.inThread;
  }

  /** Starts the core's background work (and again after a restart). */
  start(): void {
    this.started = true;
    this.peer.post('start');
  }

  /** Hears every event (the core's and the shell's); returns the unsubscribe function. */
  subscribe(listener: RelayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears the settings whenever they changed (parsed: the shell applies some of them). */
  onSettings(listener: (settings: Settings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /** Delivers a shell event here at once, and to the core. */
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    if (name === 'popover:visibility') this.visibility = payload as EventPayloads['popover:visibility'];
    this.deliver(name, payload);
    this.send('emit', name, payload);
  }

  /** One listener that throws never starves the others. */
  private deliver(name: EventName, payload: Relayed<EventPayloads[EventName]>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch (e) {
        this.options.shell.logger.error('an event listener failed', { event: name, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  /** Sends the current status to the renderer; the shortcut's state goes first, as the status reads it. */
  publishStatus(): void {
    this.send('shortcut', this.options.shell.shortcutStatus?.() ?? { accelerator: '', registered: false });
    this.send('publishStatus');
  }

  refresh(): void {
    this.send('refresh');
  }

  switchAccount(accountId: string): void {
    this.send('switchAccount', accountId);
  }

  /** Signs in with a key from the environment (the demo). */
  async signIn(apiKey: string): Promise<void> {
    const peer = await this.readyPeer();
    await (peer ?? this.peer).call('signIn', apiKey).catch((e: unknown) => this.options.shell.logger.error('sign-in with the environment’s key failed', { error: String(e) }));
  }

  /** Stops the core (timers, pending settings, a token left on the clipboard), then its thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await this.peer.call('stop');
    } catch (e) {
      this.options.shell.logger.error('the core did not stop cleanly', { error: e instanceof Error ? e.message : String(e) });
      await this.clipboard.clearLeftToken();
    } finally {
      this.close();
    }
  }

  /**
   * For the end of the OS session, when there may be no later turn: tells the core to stop and
   * waits, blocking, until it wrote its pending settings (at most `timeoutMs`). True when it did.
   */
  stopNow(timeoutMs = 2000): boolean {
    this.stopping = true;
    if (this.endpoint.stopNow) {
      this.endpoint.stopNow();
      return true;
    }
    this.peer.post('stop');
    try {
      return Atomics.wait(this.stoppedFlag, 0, 0, timeoutMs) !== 'timed-out';
    } catch (e) {
      // A thread that may not block (not verified for Electron's main thread): the core stops on its own time.
      this.options.shell.logger.warn('could not wait for the core to stop', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  private close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.peer.close('the app is quitting');
    this.endpoint.terminate();
  }

  /**
   * The link to a core that answered 'ready', waiting for it if need be; null when that core died
   * and none replaced it at once. A call made while the first thread starts thus reaches the core
   * in this thread if that thread never came up, instead of failing with it.
   */
  private async readyPeer(): Promise<Peer<CoreOps, ShellOps> | null> {
    for (;;) {
      const attempt = this.attempt;
      if ((await attempt.settled) && !attempt.ended) return attempt.peer;
      if (this.attempt !== attempt) continue;
      // A thread that died: wait for the one that replaces it, if one is coming.
      if (!this.restarting) return null;
      await this.restarting;
    }
  }

  /** Tells the core something once it can hear it (across a restart too); dropped if no core is coming. */
  private send<K extends keyof CoreOps & string>(op: K, ...args: Parameters<CoreOps[K]>): void {
    void this.readyPeer().then((peer) => peer?.post(op, ...args));
  }

  private async invoke(channel: Channel, args: unknown) {
    try {
      const peer = await this.readyPeer();
      if (!peer) return err('internal', GAVE_UP);
      const answer = await peer.call('invoke', channel, args);
      if (answer instanceof Uint8Array) return answer;
      // The list this thread was last sent for that account (serve-core.ts relayBytes): answered from here.
      return this.lists.answer(answer.held) ?? ((await peer.call('invoke', channel, args, true)) as Uint8Array);
    } catch (e) {
      this.options.shell.logger.error(`${channel} did not reach the core`, { error: e instanceof Error ? e.message : String(e) });
      return err('internal', this.gaveUp ? GAVE_UP : GONE);
    }
  }

  private launch(inThread: boolean): void {
    const { shell } = this.options;
    this.stoppedFlag = new Int32Array(new SharedArrayBuffer(4));
    const init: CoreInit = {
      ...this.options.init,
      notificationsSupported: shell.notifier?.isSupported() ?? false,
      online: shell.connectivity?.isOnline() ?? true,
      shortcut: shell.shortcutStatus?.() ?? null,
      stopped: this.stoppedFlag.buffer as SharedArrayBuffer,
    };
    let endpoint: CoreEndpoint;
    try {
      endpoint = inThread ? this.options.inThread!(init) : this.options.spawn(init);
    } catch (e) {
      shell.logger.error('the core’s thread could not start', { error: e instanceof Error ? e.message : String(e) });
      if (!inThread && this.options.inThread) return this.launch(true);
      throw e;
    }
    this.inThread = inThread;
    this.endpoint = endpoint;
    let readyHere = false;
    let settle!: (ready: boolean) => void;
    const settled = new Promise<boolean>((resolve) => (settle = resolve));
    const peer = new Peer<CoreOps, ShellOps>(
      endpoint,
      this.shellOps(() => {
        readyHere = true;
        settle(true);
      }),
      (message, detail) => shell.logger.error(message, detail),
    );
    this.peer = peer;
    const attempt = { peer, settled, ended: false };
    this.attempt = attempt;
    // A new core has sent nothing yet.
    this.lists.clear();
    if (!inThread) {
      // A worker that neither answers nor ends (a load that hangs) is ended, and the core runs here.
      const timer = setTimeout(() => {
        if (readyHere || this.stopping || this.peer !== peer) return;
        shell.logger.error('the core’s thread did not answer in time', { ms: this.options.readyTimeoutMs ?? 20_000 });
        endpoint.terminate();
      }, this.options.readyTimeoutMs ?? 20_000);
      timer.unref?.();
    }
    if (this.started) peer.post('start');
    // What the shell told a core that died before it could hear it (the popover is open, say).
    if (this.visibility) peer.post('emit', 'popover:visibility', this.visibility);
    endpoint.onExit((error) => {
      attempt.ended = true;
      peer.close(GONE);
      if (this.stopping || this.peer !== peer) return settle(false);
      shell.logger.error('the core’s thread ended', { error: error?.message ?? 'it exited' });
      void this.clipboard.clearLeftToken();
      this.recover(readyHere, inThread);
      settle(false);
    });
  }

  /** After the thread died: a new one (a few times), or the core in this thread if none ever started. */
  private recover(wasReady: boolean, inThread: boolean): void {
    const now = Date.now();
    const window = this.options.restartWindowMs ?? 600_000;
    while (this.deaths.length > 0 && now - this.deaths[0]! > window) this.deaths.shift();
    this.deaths.push(now);
    if (!wasReady && !inThread && this.options.inThread) {
      this.options.shell.logger.warn('no thread of its own could start: the core runs in the main thread');
      return this.launch(true);
    }
    if (this.deaths.length > (this.options.restarts ?? 3)) {
      this.options.shell.logger.error('the core’s thread keeps ending: not restarting it; quit and open the app again');
      this.gaveUp = true;
      return;
    }
    let restarted!: () => void;
    this.restarting = new Promise<void>((resolve) => (restarted = resolve));
    const timer = setTimeout(() => {
      if (!this.stopping) this.launch(inThread);
      this.restarting = null;
      restarted();
    }, this.options.restartDelayMs ?? 1000);
    timer.unref?.();
  }

  private shellOps(onReady: () => void): ShellOps {
    const { shell } = this.options;
    return {
      ready: (settings) => {
        onReady();
        this.current = settings;
        this.isReady = true;
        for (const w of this.readyWaiters.splice(0)) w();
      },
      event: (name, payload, accountId) => {
        if (name === 'authorizations:changed' && typeof accountId === 'string') payload = this.lists.keep(accountId, payload);
        // A removed account's list goes (the core's relay forgets it too).
        if (name === 'accounts:changed') this.lists.keepAccountsOf(payload);
        if (name === 'settings:changed') {
          try {
            this.current = decodeRelayed<Settings>(payload);
          } catch {
            return shell.logger.error('the core sent settings that could not be read');
          }
          for (const l of this.settingsListeners) {
            // One that throws (the shortcut could not be bound, say) never keeps the event from the others.
            try {
              l(this.current);
            } catch (e) {
              shell.logger.error('a settings listener failed', { error: e instanceof Error ? e.message : String(e) });
            }
          }
        }
        this.deliver(name, payload);
      },
      clipboardWrite: (text) => this.clipboard.write(text),
      clipboardRead: () => this.clipboard.read(),
      clipboardClear: () => this.clipboard.clear(),
      notify: async (spec) => (await shell.notifier?.show(spec)) ?? null,
      tray: (state) => shell.tray?.render(state),
      hidePopover: () => shell.hidePopover(),
      log: (level, message, meta) => {
        if (!LEVELS.has(level) || typeof message !== 'string') return shell.logger.warn('a malformed log line came from the core’s thread');
        shell.logger[level](message, meta);
      },
    };
  }
}
