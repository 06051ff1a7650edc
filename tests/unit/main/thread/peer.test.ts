import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { LinkError, Peer, type Ops } from '../../../../main/thread/peer.js';

/** What the "server" end (port2) serves. */
type ServerOps = {
  add(a: number, b: number): number;
  later(text: string): Promise<string>;
  throws(): never;
  throwsText(): never;
  rejects(): Promise<never>;
  hold(): Promise<string>;
  note(text: string): void;
  noteFails(): void;
  noteRejects(): Promise<void>;
  echo(value: unknown): unknown;
  unclonableAnswer(): unknown;
};

/** What the "client" end (port1) serves. */
type ClientOps = {
  ping(): string;
};

interface Problem {
  message: string;
  detail?: Record<string, unknown>;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('Peer over a MessageChannel', () => {
  let port1: MessagePort;
  let port2: MessagePort;
  let client: Peer<ServerOps, ClientOps>;
  let server: Peer<ClientOps, ServerOps>;
  let clientProblems: Problem[];
  let serverProblems: Problem[];
  let notes: string[];
  let held: Array<(value: string) => void>;

  beforeEach(() => {
    ({ port1, port2 } = new MessageChannel());
    clientProblems = [];
    serverProblems = [];
    notes = [];
    held = [];
    const serverOps: ServerOps = {
      add: (a, b) => a + b,
      later: async (text) => {
        await tick();
        return `later ${text}`;
      },
      throws: () => {
        throw new Error('it broke there');
      },
      throwsText: () => {
        throw 'plain text';
      },
      rejects: () => Promise.reject(new Error('it was refused there')),
      hold: () => new Promise<string>((resolve) => held.push(resolve)),
      note: (text) => void notes.push(text),
      noteFails: () => {
        throw new Error('the note failed');
      },
      noteRejects: () => Promise.reject(new Error('the note was refused')),
      echo: (value) => value,
      unclonableAnswer: () => () => 'a function',
    };
    client = new Peer<ServerOps, ClientOps>(port1, { ping: () => 'pong' }, (message, detail) => clientProblems.push({ message, detail }));
    server = new Peer<ClientOps, ServerOps>(port2, serverOps, (message, detail) => serverProblems.push({ message, detail }));
  });

  afterEach(() => {
    client.close('test over');
    server.close('test over');
    port1.close();
    port2.close();
  });

  it('a call gets its answer, sync or async, and both ends can call', async () => {
    await expect(client.call('add', 2, 3)).resolves.toBe(5);
    await expect(client.call('later', 'x')).resolves.toBe('later x');
    await expect(server.call('ping')).resolves.toBe('pong');
    // Structured clone carries plain data both ways.
    await expect(client.call('echo', { a: [1, 2], d: new Date(0) })).resolves.toEqual({ a: [1, 2], d: new Date(0) });
    expect(client.waiting()).toBe(0);
    expect(clientProblems).toEqual([]);
    expect(serverProblems).toEqual([]);
  });

  it('concurrent calls each get their own answer', async () => {
    const answers = await Promise.all([client.call('later', 'a'), client.call('add', 1, 1), client.call('later', 'b'), client.call('add', 40, 2)]);
    expect(answers).toEqual(['later a', 2, 'later b', 42]);
  });

  it('an operation that throws on the other end rejects the call with a LinkError carrying its message', async () => {
    const call = client.call('throws');
    await expect(call).rejects.toBeInstanceOf(LinkError);
    await expect(client.call('throws')).rejects.toThrow('it broke there');
    const e = await client.call('throws').catch((x: unknown) => x);
    expect((e as Error).name).toBe('LinkError');
    // Something thrown that is not an Error still arrives as text.
    await expect(client.call('throwsText')).rejects.toThrow(new LinkError('plain text'));
    expect(client.waiting()).toBe(0);
  });

  it('an operation that rejects on the other end rejects the call with a LinkError carrying its message', async () => {
    const e = await client.call('rejects').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LinkError);
    expect((e as Error).message).toBe('it was refused there');
    // The link still works afterwards.
    await expect(client.call('add', 1, 2)).resolves.toBe(3);
  });

  it('an unknown operation rejects, including names only the prototype has', async () => {
    const loose = client as unknown as Peer<Ops, ClientOps>;
    await expect(loose.call('missing')).rejects.toThrow(new LinkError('unknown operation missing'));
    // Object.prototype's own names are not operations.
    await expect(loose.call('toString')).rejects.toThrow(new LinkError('unknown operation toString'));
    await expect(loose.call('hasOwnProperty')).rejects.toThrow(new LinkError('unknown operation hasOwnProperty'));
    expect(client.waiting()).toBe(0);
  });

  it('a post runs the other end’s operation with no answer', async () => {
    client.post('note', 'first');
    client.post('note', 'second');
    expect(client.waiting()).toBe(0);
    await vi.waitFor(() => expect(notes).toEqual(['first', 'second']));
    // No reply went back: a later call's answer is the only one the client sees, and nothing was malformed.
    await expect(client.call('add', 1, 1)).resolves.toBe(2);
    expect(clientProblems).toEqual([]);
    expect(serverProblems).toEqual([]);
  });

  it('a post that fails or names an unknown operation is reported on the end that ran it', async () => {
    client.post('noteFails');
    client.post('noteRejects');
    (client as unknown as Peer<Ops, ClientOps>).post('nothing-like-it');
    await vi.waitFor(() => expect(serverProblems).toHaveLength(3));
    expect(serverProblems).toEqual(
      expect.arrayContaining([
        { message: 'noteFails failed', detail: { error: 'the note failed' } },
        { message: 'noteRejects failed', detail: { error: 'the note was refused' } },
        { message: 'the other thread posted an unknown operation', detail: { op: 'nothing-like-it' } },
      ]),
    );
    expect(clientProblems).toEqual([]);
    await expect(client.call('add', 2, 2)).resolves.toBe(4);
  });

  it('a malformed message is reported through onProblem and nothing breaks', async () => {
    port1.postMessage({ t: 'nope' });
    port1.postMessage(null);
    port1.postMessage('text');
    port1.postMessage({ t: 'call', id: 'one', op: 'add', args: [] });
    port1.postMessage({ t: 'call', id: 7, op: 'add', args: 'not a list' });
    port1.postMessage({ t: 'post', op: 3, args: [] });
    await vi.waitFor(() => expect(serverProblems).toHaveLength(6));
    expect(serverProblems.every((p) => p.message === 'a malformed message came from the other thread')).toBe(true);
    await expect(client.call('add', 20, 22)).resolves.toBe(42);
    await expect(server.call('ping')).resolves.toBe('pong');
  });

  it('a reply nobody waits for is dropped quietly', async () => {
    port2.postMessage({ t: 'reply', id: 999, ok: true, value: 'stray' });
    port2.postMessage({ t: 'reply', id: 1, ok: false, message: 'stray' });
    await tick();
    expect(clientProblems).toEqual([]);
    // The first real call (id 1) is answered by the server, not by the stray reply sent before it.
    await expect(client.call('add', 1, 2)).resolves.toBe(3);
  });

  it('an argument that cannot be cloned rejects the call with a LinkError and is reported, without hanging', async () => {
    const fn = () => 'not clonable';
    const e = await client.call('echo', fn).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LinkError);
    expect((e as Error).message).toBe('could not send echo to the other thread');
    expect(client.waiting()).toBe(0);
    expect(clientProblems).toHaveLength(1);
    expect(clientProblems[0]!.message).toBe('a message could not be cloned for the other thread');
    expect(typeof clientProblems[0]!.detail?.error).toBe('string');
    // The server never saw it; the link still works.
    await tick();
    expect(serverProblems).toEqual([]);
    await expect(client.call('add', 1, 1)).resolves.toBe(2);
  });

  it('a post whose argument cannot be cloned is reported and nothing is sent', async () => {
    client.post('note', (() => 'x') as unknown as string);
    expect(clientProblems.map((p) => p.message)).toEqual(['a message could not be cloned for the other thread', 'could not send a message to the other thread']);
    expect(clientProblems[1]!.detail).toEqual({ op: 'note' });
    await tick();
    expect(notes).toEqual([]);
    expect(serverProblems).toEqual([]);
  });

  it('an answer that cannot be cloned fails the call instead of leaving it waiting', async () => {
    await expect(client.call('unclonableAnswer')).rejects.toThrow(new LinkError('the answer could not be cloned'));
    expect(serverProblems.map((p) => p.message)).toEqual(['a message could not be cloned for the other thread']);
    expect(client.waiting()).toBe(0);
  });

  it('waiting() counts the calls still waiting for their answer', async () => {
    expect(client.waiting()).toBe(0);
    const first = client.call('hold');
    const second = client.call('hold');
    expect(client.waiting()).toBe(2);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[0]!('one');
    await expect(first).resolves.toBe('one');
    expect(client.waiting()).toBe(1);
    held[1]!('two');
    await expect(second).resolves.toBe('two');
    expect(client.waiting()).toBe(0);
  });

  it('close(reason) rejects every waiting call with that reason, and later calls at once', async () => {
    const first = client.call('hold');
    const second = client.call('later', 'never seen');
    expect(client.waiting()).toBe(2);
    client.close('the other thread is gone');
    expect(client.waiting()).toBe(0);
    await expect(first).rejects.toThrow(new LinkError('the other thread is gone'));
    await expect(second).rejects.toBeInstanceOf(LinkError);
    await expect(second).rejects.toThrow('the other thread is gone');
    // Later calls fail at once, with the first reason even if closed again.
    client.close('another reason');
    const later = client.call('add', 1, 1);
    expect(client.waiting()).toBe(0);
    await expect(later).rejects.toThrow(new LinkError('the other thread is gone'));
    // An answer that arrives after the close changes nothing.
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held[0]!('too late');
    await tick();
    expect(clientProblems).toEqual([]);
  });

  it('after close, posts are dropped and the other end’s calls are no longer served', async () => {
    client.close('closed');
    client.post('note', 'dropped');
    await tick();
    expect(notes).toEqual([]);
    // The closed end stopped listening: a call to it is never answered (the owner of the link fails it, as RemoteCore does on exit).
    let settled = false;
    void server.call('ping').then(
      () => (settled = true),
      () => (settled = true),
    );
    await tick();
    expect(settled).toBe(false);
    expect(server.waiting()).toBe(1);
    server.close('gone');
    await vi.waitFor(() => expect(settled).toBe(true));
  });

  it('moves a byte array that owns its buffer (the sender keeps an empty one) and copies a view on a larger buffer', async () => {
    const own = new TextEncoder().encode('{"moved":true}');
    const back = (await client.call('echo', own)) as Uint8Array;
    expect(own.byteLength).toBe(0);
    expect(new TextDecoder().decode(back)).toBe('{"moved":true}');
    // Node's Buffer pool: moving the whole pool would take the other buffers in it along.
    const pooled = Buffer.from('pooled');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const copied = (await client.call('echo', pooled)) as Uint8Array;
    expect(pooled.toString()).toBe('pooled');
    expect(new TextDecoder().decode(copied)).toBe('pooled');
  });
});
