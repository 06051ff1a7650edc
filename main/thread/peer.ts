/**
 * One end of the link between the main thread and the core's thread (main/core-worker.ts): calls
 * with answers and one-way posts, carried by structured clone over a worker_threads port. Both ends
 * are the same class; each serves its own operations and calls the other's. An answer never
 * arrives once the other end is gone: every call still waiting then fails (close()), so nothing
 * waits forever on a thread that died.
 */

/** What a Worker, its parentPort and a MessageChannel's ports all offer. */
export interface PortLike {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Operations one end serves: each takes clonable arguments and returns a clonable value (or a promise of one). */
export type Ops = { [op: string]: (...args: never[]) => unknown };

type Wire =
  | { t: 'call'; id: number; op: string; args: unknown[] }
  | { t: 'post'; op: string; args: unknown[] }
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; message: string };

/** A call the other end could not answer: it failed there, or that end is gone. */
export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}

/**
 * The byte arrays a message carries (an answer, or an argument) that own their whole buffer: moved
 * to the other thread rather than copied, so the receiving thread allocates nothing for them (the
 * main thread receives every list the core sends). The sender must not use them afterwards; a view
 * on a shared or larger buffer (Node's Buffer pool) is copied as usual.
 */
function movable(message: Wire): ArrayBuffer[] {
  const values = message.t === 'reply' ? (message.ok ? [message.value] : []) : message.args;
  const out: ArrayBuffer[] = [];
  for (const v of values) {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.push(v.buffer);
  }
  return out;
}

function isWire(m: unknown): m is Wire {
  if (typeof m !== 'object' || m === null) return false;
  const w = m as Record<string, unknown>;
  if (w.t === 'reply') return typeof w.id === 'number' && typeof w.ok === 'boolean';
  return (w.t === 'call' || w.t === 'post') && typeof w.op === 'string' && Array.isArray(w.args) && (w.t === 'post' || typeof w.id === 'number');
}

export class Peer<Remote extends Ops, Local extends Ops> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed: string | null = null;
  private readonly listener = (m: unknown) => this.receive(m);

  /** `onProblem` hears about a malformed message or a failing post (the other end cannot be told). */
  constructor(
    private readonly port: PortLike,
    private readonly local: Local,
    private readonly onProblem: (message: string, detail?: Record<string, unknown>) => void,
  ) {
    port.on('message', this.listener);
  }

  /** Calls an operation of the other end; rejects with a LinkError when it failed there or the link closed. */
  call<K extends keyof Remote & string>(op: K, ...args: Parameters<Remote[K]>): Promise<Awaited<ReturnType<Remote[K]>>> {
    if (this.closed !== null) return Promise.reject(new LinkError(this.closed));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ t: 'call', id, op, args }, () => {
        this.pending.delete(id);
        reject(new LinkError(`could not send ${op} to the other thread`));
      });
    });
  }

  /** Tells the other end something; no answer. Dropped once the link closed. */
  post<K extends keyof Remote & string>(op: K, ...args: Parameters<Remote[K]>): void {
    if (this.closed !== null) return;
    this.send({ t: 'post', op, args }, () => this.onProblem('could not send a message to the other thread', { op }));
  }

  /** Ends the link: calls still waiting fail with `reason`, later ones at once. */
  close(reason: string): void {
    if (this.closed !== null) return;
    this.closed = reason;
    this.port.off('message', this.listener);
    for (const p of this.pending.values()) p.reject(new LinkError(reason));
    this.pending.clear();
  }

  /** Calls still waiting for their answer. */
  waiting(): number {
    return this.pending.size;
  }

  private send(message: Wire, failed: () => void): void {
    try {
      this.port.postMessage(message, movable(message));
    } catch (e) {
      // A value that cannot be cloned (a function, say): a bug on this side, said where it happened.
      this.onProblem('a message could not be cloned for the other thread', { error: e instanceof Error ? e.message : String(e) });
      failed();
    }
  }

  private receive(m: unknown): void {
    if (!isWire(m)) return this.onProblem('a malformed message came from the other thread');
    if (m.t === 'reply') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      return m.ok ? p.resolve(m.value) : p.reject(new LinkError(m.message));
    }
    const fn = Object.prototype.hasOwnProperty.call(this.local, m.op) ? (this.local[m.op] as (...a: unknown[]) => unknown) : undefined;
    if (m.t === 'post') {
      if (!fn) return this.onProblem('the other thread posted an unknown operation', { op: m.op });
      try {
        const r = fn(...m.args);
        if (r instanceof Promise) r.catch((e: unknown) => this.onProblem(`${m.op} failed`, { error: e instanceof Error ? e.message : String(e) }));
      } catch (e) {
        this.onProblem(`${m.op} failed`, { error: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    const id = m.id;
    const answer = (value: unknown) => this.reply({ t: 'reply', id, ok: true, value });
    const fail = (e: unknown) => this.reply({ t: 'reply', id, ok: false, message: e instanceof Error ? e.message : String(e) });
    if (!fn) return fail(new Error(`unknown operation ${m.op}`));
    try {
      Promise.resolve(fn(...m.args)).then(answer, fail);
    } catch (e) {
      fail(e);
    }
  }

  private reply(message: Wire): void {
    if (this.closed !== null) return;
    this.send(message, () => this.reply({ t: 'reply', id: (message as { id: number }).id, ok: false, message: 'the answer could not be cloned' }));
  }
}
