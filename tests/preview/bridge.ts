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

  const api = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (args?: unknown) => {
        const res = await fetch(new URL(`rpc/${channel}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ args: args ?? null }),
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
