/**
 * The core's side of the link (runs in main/core-worker.ts, or in the main thread when no worker
 * could start): the shell's parts the core needs (clipboard, notifications, tray, power and
 * network events, the shortcut's state, the log) as ports that ask the main thread, and the core's
 * handler table, events and life cycle served to it.
 */
import type { Core, CoreAdapters } from '../core.js';
import type { EventName, ShortcutStatus } from '../../shared/contract.js';
import { dispatch } from '../ipc/dispatch.js';
import type { Logger, PowerEvent } from '../ports.js';
import type { Result } from '../../shared/result.js';
import { encodeRelayed, okRelayed } from '../../shared/relay.js';
import { redact, redactDeep } from '../../shared/domain/redact.js';
import { Peer, type PortLike } from './peer.js';
import type { CoreInit, CoreOps, ShellOps } from './protocol.js';

/** The shell's ports, as the core's thread sees them. */
export type LinkedShell = Pick<CoreAdapters, 'clipboard' | 'notifier' | 'tray' | 'hidePopover' | 'power' | 'connectivity' | 'shortcutStatus' | 'logger'>;

/**
 * JSON bytes of what the core answers and announces (shared/relay.ts). A list's snapshot is a new
 * object whenever the list changed and is never changed in place (authorization-service.ts
 * publish()), so its JSON is kept with it and made once (a 1,000-token list is ~0.4 MB). The main
 * thread keeps the last snapshot of each account it was sent (with its 'authorizations:changed'):
 * an authorizations:list answered with that same snapshot is sent as `{ held: accountId }`, and the
 * main thread answers with the bytes it holds instead of receiving them again.
 */
export function relayBytes() {
  const kept = new WeakMap<object, Uint8Array>();
  const held = new Map<string, object>();
  const utf8 = new TextEncoder();
  const snapshotBytes = (snapshot: object) => {
    let bytes = kept.get(snapshot);
    if (bytes === undefined) kept.set(snapshot, (bytes = utf8.encode(JSON.stringify(snapshot))));
    return bytes;
  };
  const isSnapshot = (v: unknown): v is { accountId: string; items: unknown[] } =>
    typeof v === 'object' && v !== null && Array.isArray((v as { items?: unknown }).items) && typeof (v as { accountId?: unknown }).accountId === 'string';
  // Always a new buffer: what is sent is moved to the main thread (peer.ts); the kept bytes stay here.
  return {
    result: (channel: string, r: Result<unknown>, fresh: boolean): Uint8Array | { held: string } => {
      if (!(r.ok && SNAPSHOT_CHANNELS.has(channel) && isSnapshot(r.value))) return encodeRelayed(r);
      return !fresh && held.get(r.value.accountId) === r.value ? { held: r.value.accountId } : okRelayed(snapshotBytes(r.value));
    },
    event: (name: EventName, payload: unknown): { bytes: Uint8Array; accountId?: string } => {
      if (name === 'accounts:changed' && Array.isArray(payload)) {
        const ids = new Set(payload.map((a: { id?: unknown }) => a.id));
        for (const id of held.keys()) if (!ids.has(id)) held.delete(id);
      }
      if (!(name === 'authorizations:changed' && isSnapshot(payload))) return { bytes: encodeRelayed(payload) };
      held.set(payload.accountId, payload);
      // As the answer to authorizations:list: the main thread keeps it as that, and passes on its value part.
      return { bytes: okRelayed(snapshotBytes(payload)), accountId: payload.accountId };
    },
  };
}
const SNAPSHOT_CHANNELS = new Set(['authorizations:list', 'authorizations:refresh']);

/** A log line's metadata as the other thread can take it (a value that cannot be cloned becomes text). */
function clonable(meta: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (meta === undefined) return undefined;
  try {
    return structuredClone(meta);
  } catch {
    return Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, v instanceof Error ? v.message : String(v)]));
  }
}

/**
 * Serves a core over `port`: `build` gets the shell's ports and returns the core (its stores are the
 * caller's). Sends 'ready' with the settings once built. Returns the core.
 */
export function serveCore(port: PortLike, init: Pick<CoreInit, 'notificationsSupported' | 'online' | 'shortcut' | 'stopped'>, build: (shell: LinkedShell) => Core): Core {
  let core: Core | null = null;
  const the = () => core as Core;
  const power = new Map<PowerEvent, Set<() => void>>();
  const onlineListeners = new Set<(online: boolean) => void>();
  let online = init.online;
  let shortcut: ShortcutStatus | null = init.shortcut;
  // An event the shell raised goes to the core's listeners, not back (the shell delivered it
  // already): that very event, matched by its payload; anything a listener emits meanwhile goes.
  let fromShell: { name: EventName; payload: unknown } | null = null;
  const stopped = new Int32Array(init.stopped);
  const relay = relayBytes();

  const ops: CoreOps = {
    invoke: async (channel, args, fresh = false) => relay.result(channel, await dispatch(the().handlers, channel, args, logger), fresh),
    settings: () => the().settings(),
    start: () => the().start(),
    stop: () => {
      const done = the().stop();
      // stop() wrote the pending settings before its first await: a main thread waiting (session end) may go.
      Atomics.store(stopped, 0, 1);
      Atomics.notify(stopped, 0);
      return done;
    },
    publishStatus: () => the().publishStatus(),
    refresh: () => void the().authorizations.refresh(),
    switchAccount: (accountId) => void the().accounts.switchTo(accountId),
    signIn: (apiKey) => the().accounts.signIn(apiKey, 'env'),
    emit: (name: EventName, payload: unknown) => {
      fromShell = { name, payload };
      try {
        the().bus.emit(name, payload as never);
      } finally {
        fromShell = null;
      }
    },
    power: (event) => {
      for (const l of power.get(event) ?? []) l();
    },
    online: (value) => {
      if (value === online) return;
      online = value;
      for (const l of onlineListeners) l(value);
    },
    shortcut: (status) => {
      shortcut = status;
    },
  };
  // Problems of the link itself cannot go through the link: stderr, as a logger that broke does
  // (masked as the log file is: an error's text may quote what failed).
  const peer = new Peer<ShellOps, CoreOps>(port, ops, (message, detail) => console.error(`[core thread] ${redact(message)}`, detail ? JSON.stringify(redactDeep(detail)) : ''));
  const line = (level: keyof Logger) => (message: string, meta?: Record<string, unknown>) => peer.post('log', level, message, clonable(meta));
  const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  const shell: LinkedShell = {
    logger,
    clipboard: {
      writeText: (text) => peer.call('clipboardWrite', text),
      readText: () => peer.call('clipboardRead'),
      clear: () => peer.call('clipboardClear'),
    },
    notifier: {
      isSupported: () => init.notificationsSupported,
      // A notifier that answers nothing counts as shown, as in the main thread (expiry-watcher.ts).
      show: async (spec) => (await peer.call('notify', spec)) ?? { shown: true },
    },
    tray: { render: (state) => peer.post('tray', state) },
    hidePopover: () => peer.post('hidePopover'),
    power: {
      on: (event, listener) => {
        const set = power.get(event) ?? new Set();
        power.set(event, set.add(listener));
        return () => set.delete(listener);
      },
    },
    connectivity: {
      isOnline: () => online,
      onChange: (listener) => {
        onlineListeners.add(listener);
        return () => onlineListeners.delete(listener);
      },
    },
    shortcutStatus: () => shortcut,
  };
  core = build(shell);
  core.bus.subscribe((name, payload) => {
    if (fromShell !== null && fromShell.name === name && fromShell.payload === payload) return;
    const { bytes, accountId } = relay.event(name, payload);
    peer.post('event', name, bytes, accountId);
  });
  peer.post('ready', core.settings());
  return core;
}
