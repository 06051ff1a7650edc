/**
 * The browser preview's stand-in for main/preload.ts: the same TokenTrayBridge shape, carried
 * over HTTP (calls) and a WebSocket (events, and the preview's clipboard) instead of Electron IPC.
 * The server prepends `CHANNELS` and `EVENTS` from shared/contract.ts when it serves this file.
 */
declare const CHANNELS: readonly string[];
declare const EVENTS: readonly string[];

(() => {
  const base = new URL('./', location.href);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let queue: string[] = [];

  function connect(): void {
    const wsUrl = new URL('events', base);
    wsUrl.protocol = 'ws:';
    const ws = new WebSocket(wsUrl);
    socket = ws;
    ws.onopen = () => {
      for (const m of queue) ws.send(m);
      queue = [];
    };
    ws.onmessage = (m) => void onMessage(ws, String(m.data));
    ws.onclose = () => {
      socket = null;
      setTimeout(connect, 500);
    };
  }

  async function onMessage(ws: WebSocket, data: string): Promise<void> {
    let msg: { kind: string; id?: number; name?: string; payload?: unknown; text?: string } | null;
    try {
      msg = JSON.parse(data) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    if (msg.kind === 'event' && msg.name) {
      for (const l of listeners.get(msg.name) ?? []) l(msg.payload);
      return;
    }
    // The preview's clipboard lives in this browser: main asks, the page does it.
    try {
      if (msg.kind === 'clipboard-write') await navigator.clipboard.writeText(msg.text ?? '');
      const text = msg.kind === 'clipboard-read' ? await navigator.clipboard.readText() : undefined;
      ws.send(JSON.stringify({ kind: 'ack', id: msg.id, text }));
    } catch (e) {
      ws.send(JSON.stringify({ kind: 'ack', id: msg.id, error: e instanceof Error ? e.message : String(e) }));
    }
  }

  /**
   * Electron carries arguments by structured clone, so NaN, Infinity, undefined, BigInts and
   * Dates reach the contract's parse as themselves and are refused there. JSON would quietly turn
   * them into null or strings (NaN as "never expires"), so they travel tagged and the preview host
   * revives them (preview-wire.ts). An object that has the tag as a key of its own is wrapped, so
   * nothing a caller sends is mistaken for an encoding. Functions and symbols throw, as
   * structured clone does.
   */
  const TAG = '$tokenTray';
  function encode(value: unknown): unknown {
    if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: String(value) };
    if (value === undefined) return { [TAG]: 'undefined' };
    if (typeof value === 'bigint') return { [TAG]: 'bigint', value: String(value) };
    if (typeof value === 'function' || typeof value === 'symbol') throw new DOMException(`${String(value)} could not be cloned.`, 'DataCloneError');
    if (value instanceof Date) return { [TAG]: 'date', value: value.getTime() };
    if (Array.isArray(value)) return Array.from(value, encode);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value).map(([k, v]) => [k, encode(v)] as const);
    return Object.hasOwn(value, TAG) ? { [TAG]: 'object', entries } : Object.fromEntries(entries);
  }

  const api = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (args?: unknown) => {
        const res = await fetch(new URL(`rpc/${channel}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ args: args === undefined ? null : encode(args) }),
        });
        return res.json();
      },
    ]),
  );
  const events = Object.fromEntries(
    EVENTS.map((name) => [
      name,
      (listener: (payload: unknown) => void) => {
        const set = listeners.get(name) ?? new Set();
        set.add(listener);
        listeners.set(name, set);
        return () => set.delete(listener);
      },
    ]),
  );
  (window as unknown as { tokenTray: unknown }).tokenTray = Object.freeze({ api: Object.freeze(api), events: Object.freeze(events) });
  void queue;
  void socket;
  connect();
})();
