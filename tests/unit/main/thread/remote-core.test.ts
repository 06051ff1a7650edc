/**
 * RemoteCore with real worker threads running the real core (main/core-worker.ts, booted from
 * source through tsx by main/thread/ts-boot.mjs): calls, events both ways, the clipboard served by
 * the main thread, a thread that dies mid-call, and the in-thread fallback.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RemoteCore, type CoreEndpoint, type RemoteCoreOptions } from '../../../../main/thread/remote-core.js';
import { coreWorkerSpawner, workerEndpoint } from '../../../../main/thread/spawn.js';
import type { CoreInit } from '../../../../main/thread/protocol.js';
import type { EventName, Settings } from '../../../../shared/contract.js';
import type { Result } from '../../../../shared/result.js';
import { decodeRelayed } from '../../../../shared/relay.js';
import { startEmulator, hrku, type Emulator } from '../../../heroku-emulator/server.js';
import { answer, inThreadCore, killableWorkers, NOWHERE, recordingShell, ROOT, WAIT, type Recorded } from '../../../support/remote-core.js';

describe('RemoteCore with a real core thread', () => {
  let userData: string;
  let shell: Recorded;
  let core: RemoteCore | null;
  /** Every endpoint a test started, and whether it ended. */
  let endpoints: Array<{ exited: boolean }>;
  const cleanups: Array<() => Promise<void> | void> = [];

  /** Records an endpoint so afterEach can check that no thread is left. */
  const track = (endpoint: CoreEndpoint): CoreEndpoint => {
    const entry = { exited: false };
    endpoints.push(entry);
    endpoint.onExit(() => (entry.exited = true));
    return endpoint;
  };
  const realSpawner = () => {
    const spawn = coreWorkerSpawner(path.join(ROOT, 'main'));
    return (init: CoreInit) => track(spawn(init));
  };
  const options = (apiOrigin: string, more: Partial<RemoteCoreOptions> = {}): RemoteCoreOptions => ({
    spawn: realSpawner(),
    init: { apiOrigin, version: '0.1.0-test', platform: 'test', hostname: 'test', volatile: true, userData },
    shell: shell.parts,
    ...more,
  });

  beforeEach(() => {
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-core-'));
    shell = recordingShell();
    core = null;
    endpoints = [];
  });

  afterEach(async () => {
    try {
      await core?.stop();
      // stop() ends every thread this test started.
      await vi.waitFor(() => expect(endpoints.filter((e) => !e.exited)).toEqual([]), WAIT);
    } finally {
      for (const c of cleanups.splice(0).reverse()) await c();
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });

  it('handlers answer from the worker; bad arguments are bad_request Results; the core is not in this thread', async () => {
    core = new RemoteCore(options(NOWHERE));
    const info = await answer(core.handlers['app:info'](undefined));
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ apiOrigin: NOWHERE, version: '0.1.0-test', isDefaultOrigin: false }) });
    const bad = await answer(core.handlers['authorizations:rename']({ id: 42, description: 'x' } as never));
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_request' }) });
    // Unknown extra keys are refused there as well (the worker parses again).
    const extra = await answer(core.handlers['settings:update']({ notifyNewAuthorizations: true, surprise: 1 } as never));
    expect(!extra.ok && extra.error.code).toBe('bad_request');
    expect(core.runsInThisThread()).toBe(false);
    expect(endpoints).toHaveLength(1);
  });

  it('ready() resolves with the settings; settings:update reaches subscribers as settings:changed and settings() follows', async () => {
    core = new RemoteCore(options(NOWHERE));
    expect(() => core!.settings()).toThrow(/ready/);
    await core.ready();
    expect(core.settings()).toEqual(expect.objectContaining({ notifyNewAuthorizations: true, clipboardClearSeconds: 30 }));
    const seen: Array<{ name: EventName; payload: unknown }> = [];
    const heard: Settings[] = [];
    core.subscribe((name, payload) => void seen.push({ name, payload }));
    core.onSettings((s) => void heard.push(s));
    const updated = await answer(core.handlers['settings:update']({ notifyNewAuthorizations: false }));
    expect(updated).toEqual({ ok: true, value: expect.objectContaining({ notifyNewAuthorizations: false }) });
    await vi.waitFor(() => expect(seen.some((e) => e.name === 'settings:changed')).toBe(true), WAIT);
    const changed = seen.find((e) => e.name === 'settings:changed')!;
    expect(decodeRelayed(changed.payload)).toEqual(expect.objectContaining({ notifyNewAuthorizations: false }));
    expect(heard).toEqual([expect.objectContaining({ notifyNewAuthorizations: false })]);
    expect(core.settings().notifyNewAuthorizations).toBe(false);
    // The worker keeps it: asked again, it says the same.
    const again = await answer(core.handlers['settings:get'](undefined));
    expect(again.ok && again.value.notifyNewAuthorizations).toBe(false);
  });

  it('a shell event reaches main-side subscribers exactly once (no echo from the worker)', async () => {
    core = new RemoteCore(options(NOWHERE));
    await core.ready();
    const seen: Array<{ name: EventName; payload: unknown }> = [];
    core.subscribe((name, payload) => {
      if (name === 'popover:visibility' || name === 'popover:focus-token') seen.push({ name, payload });
    });
    core.emit('popover:visibility', { visible: true });
    core.emit('popover:focus-token', { accountId: 'a', id: 'b' });
    // Delivered here at once, as values.
    expect(seen).toEqual([
      { name: 'popover:visibility', payload: { visible: true } },
      { name: 'popover:focus-token', payload: { accountId: 'a', id: 'b' } },
    ]);
    // A round trip after the posts: an echo sent by the worker would have arrived before this answer.
    expect((await answer(core.handlers['app:info'](undefined))).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(2);
  });

  it('copying a token puts it on the main thread’s clipboard; stop() clears it', async () => {
    const emu: Emulator = await startEmulator({ seed: 'demo' });
    cleanups.push(() => emu.close());
    core = new RemoteCore(options(emu.url));
    const signed = await answer(core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    expect(signed.ok).toBe(true);
    const created = await answer(core.handlers['authorizations:create']({ description: 'copied across threads', scopes: ['read'], expiresIn: 3600 }));
    if (!created.ok) throw new Error(`create failed: ${created.error.message}`);
    expect(created.value.token).toMatch(/^HRKU-/);
    expect(shell.clipboard.text).toBe('');
    const copied = await answer(core.handlers['tokens:copy']({ id: created.value.authorization.id }));
    expect(copied).toEqual({ ok: true, value: { clearsInSeconds: 30 } });
    expect(shell.clipboard.text).toBe(created.value.token);
    const running = core;
    core = null;
    await running.stop();
    expect(shell.clipboard.text).toBe('');
    expect(shell.logger.lines.filter((l) => l.startsWith('error:'))).toEqual([]);
  });

  it.each([
    ['still holds the token: it is cleared', false],
    ['holds something the user copied since: it is left alone', true],
  ])('a worker that dies with a token on the clipboard: the main thread checks the clipboard, which %s', async (_title, copiedSince) => {
    const emu: Emulator = await startEmulator({ seed: 'demo' });
    cleanups.push(() => emu.close());
    const { workers, spawn } = killableWorkers(track);
    core = new RemoteCore(options(emu.url, { spawn, restartDelayMs: 10 }));
    expect((await answer(core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }))).ok).toBe(true);
    const created = await answer(core.handlers['authorizations:create']({ description: 'copied, then a crash', scopes: ['read'], expiresIn: 3600 }));
    if (!created.ok) throw new Error(`create failed: ${created.error.message}`);
    expect((await answer(core.handlers['tokens:copy']({ id: created.value.authorization.id }))).ok).toBe(true);
    expect(shell.clipboard.text).toBe(created.value.token);
    if (copiedSince) await shell.clipboard.writeText('something else');
    // The core's clipboard guard (its 30 s timer) dies with its thread.
    await workers[0]!.terminate();
    await vi.waitFor(() => expect(workers).toHaveLength(2), WAIT);
    await vi.waitFor(() => expect(shell.clipboard.text).toBe(copiedSince ? 'something else' : ''), WAIT);
  });

  it('the core’s notifications, tray and hide requests reach the shell parts in this thread', async () => {
    const emu: Emulator = await startEmulator({ seed: 'demo' });
    cleanups.push(() => emu.close());
    core = new RemoteCore(options(emu.url));
    core.start();
    expect((await answer(core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }))).ok).toBe(true);
    // The demo account has tokens expiring: the expiry watch in the worker notifies and renders the tray here.
    await vi.waitFor(() => expect(shell.notified.length).toBeGreaterThan(0), WAIT);
    expect(shell.notified[0]).toEqual(expect.objectContaining({ key: expect.any(String), title: expect.stringMatching(/token/i), urgency: expect.any(String) }));
    await vi.waitFor(() => expect(shell.trays.at(-1)?.accounts).toEqual([expect.objectContaining({ email: emu.account.email, active: true })]), WAIT);
    // The notifier answered {shown:true} across the link: no "missed notification" notice in the tray.
    expect(shell.trays.at(-1)!.notice ?? null).toBeNull();
    expect(await answer(core.handlers['popover:hide'](undefined))).toEqual({ ok: true, value: null });
    await vi.waitFor(() => expect(shell.hides).toBe(1), WAIT);
  });

  it('a worker that dies mid-call fails the call with internal, a new one starts and answers, and the log says so', async () => {
    // A server that takes the sign-in's request and never answers it.
    const requests: http.IncomingMessage[] = [];
    const hanging = http.createServer((req) => void requests.push(req));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          hanging.closeAllConnections();
          hanging.close(() => resolve());
        }),
    );
    const origin = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const { workers, spawn } = killableWorkers(track);
    core = new RemoteCore(options(origin, { spawn, inThread: inThreadCore, restartDelayMs: 10 }));
    await core.ready();
    const call = answer(core.handlers['accounts:sign-in']({ apiKey: hrku() }));
    await vi.waitFor(() => expect(requests.length).toBeGreaterThan(0), WAIT);
    let settled = false;
    void call.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    await workers[0]!.terminate();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(shell.logger.lines.some((l) => l.startsWith('error: the core’s thread ended'))).toBe(true);
    expect(shell.logger.lines.some((l) => l.startsWith('error: accounts:sign-in did not reach the core'))).toBe(true);
    await vi.waitFor(() => expect(workers).toHaveLength(2), WAIT);
    const info = await answer(core.handlers['app:info'](undefined));
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ apiOrigin: origin }) });
    // It restarted as a thread of its own, not in this one.
    expect(core.runsInThisThread()).toBe(false);
  });

  it('a worker that keeps dying is not restarted past the limit, and calls then fail at once', async () => {
    const { workers, spawn } = killableWorkers(track);
    core = new RemoteCore(options(NOWHERE, { spawn, restarts: 0, restartDelayMs: 10 }));
    await core.ready();
    await workers[0]!.terminate();
    await vi.waitFor(() => expect(shell.logger.lines).toContain('error: the core’s thread keeps ending: not restarting it; quit and open the app again'), WAIT);
    await new Promise((r) => setTimeout(r, 200));
    expect(workers).toHaveLength(1);
    const info = await answer(core.handlers['app:info'](undefined));
    expect(info).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) });
    expect(core.runsInThisThread()).toBe(false);
  });

  it('the network state and the shortcut cross to the worker; stop() unsubscribes from the shell', async () => {
    let online = false;
    const onlineListeners = new Set<(value: boolean) => void>();
    const powerListeners = new Set<() => void>();
    const shortcut = { accelerator: 'CommandOrControl+Alt+H', registered: true };
    shell.parts.connectivity = {
      isOnline: () => online,
      onChange: (l) => {
        onlineListeners.add(l);
        return () => onlineListeners.delete(l);
      },
    };
    shell.parts.power = {
      on: (_event, l) => {
        powerListeners.add(l);
        return () => powerListeners.delete(l);
      },
    };
    shell.parts.shortcutStatus = () => shortcut;
    core = new RemoteCore(options(NOWHERE));
    expect(onlineListeners.size).toBe(1);
    expect(powerListeners.size).toBe(3);
    const before = await answer(core.handlers['app:status'](undefined));
    expect(before).toEqual({ ok: true, value: expect.objectContaining({ online: false, shortcut }) });
    online = true;
    for (const l of onlineListeners) l(true);
    shortcut.registered = false;
    core.publishStatus();
    const after = await answer(core.handlers['app:status'](undefined));
    expect(after).toEqual({ ok: true, value: expect.objectContaining({ online: true, shortcut: { accelerator: 'CommandOrControl+Alt+H', registered: false } }) });
    const running = core;
    core = null;
    await running.stop();
    expect(onlineListeners.size).toBe(0);
    expect(powerListeners.size).toBe(0);
  });

  it('a worker that cannot start: the core runs in this thread and calls still answer', async () => {
    const spawn = () => track(workerEndpoint(new Worker('throw new Error("no")', { eval: true })));
    core = new RemoteCore(options(NOWHERE, { spawn, inThread: inThreadCore }));
    await vi.waitFor(() => expect(core!.runsInThisThread()).toBe(true), WAIT);
    await core.ready();
    const info = await answer(core.handlers['app:info'](undefined));
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ apiOrigin: NOWHERE }) });
    expect(core.settings()).toEqual(expect.objectContaining({ clipboardClearSeconds: 30 }));
    expect(shell.logger.lines).toContain('warn: no thread of its own could start: the core runs in the main thread');
    expect(shell.logger.lines.some((l) => l.startsWith('error: the core’s thread ended') && l.includes('no'))).toBe(true);
  });

  it('a call made while a worker that never comes up starts is answered by the core in this thread, not failed with the worker', async () => {
    const spawn = () => track(workerEndpoint(new Worker('throw new Error("no")', { eval: true })));
    core = new RemoteCore(options(NOWHERE, { spawn, inThread: inThreadCore }));
    // At once, before anything is known about the worker: the popover's first call, and it is shown.
    core.emit('popover:visibility', { visible: true });
    const first = answer(core.handlers['app:info'](undefined));
    expect(await first).toEqual({ ok: true, value: expect.objectContaining({ apiOrigin: NOWHERE }) });
    expect(core.runsInThisThread()).toBe(true);
  });

  it('a settings listener that throws keeps settings:changed from no one else', async () => {
    core = new RemoteCore(options(NOWHERE));
    await core.ready();
    const seen: EventName[] = [];
    const heard: Settings[] = [];
    core.onSettings(() => {
      throw new Error('shortcut could not be bound');
    });
    core.onSettings((s) => void heard.push(s));
    core.subscribe((name) => void seen.push(name));
    await answer(core.handlers['settings:update']({ notifyNewAuthorizations: false }));
    await vi.waitFor(() => expect(seen).toContain('settings:changed'), WAIT);
    expect(heard).toEqual([expect.objectContaining({ notifyNewAuthorizations: false })]);
    expect(shell.logger.lines.some((l) => l.startsWith('error: a settings listener failed') && l.includes('shortcut could not be bound'))).toBe(true);
  });

  it('a spawn that throws at once: the core runs in this thread', async () => {
    const spawn = () => {
      throw new Error('no threads here');
    };
    core = new RemoteCore(options(NOWHERE, { spawn, inThread: inThreadCore }));
    expect(core.runsInThisThread()).toBe(true);
    expect(shell.logger.lines).toContain('error: the core’s thread could not start {"error":"no threads here"}');
    await core.ready();
    expect((await answer(core.handlers['app:info'](undefined))).ok).toBe(true);
  });

  it('a spawn that throws with no fallback: the constructor throws', () => {
    const spawn = () => {
      throw new Error('no threads here');
    };
    expect(() => new RemoteCore(options(NOWHERE, { spawn }))).toThrow('no threads here');
  });

  it('stopNow() waits, blocking, until a real worker wrote the settings change it still had pending', async () => {
    // The machine's stores (not volatile): the settings file in this test's folder.
    const base = options(NOWHERE);
    core = new RemoteCore({ ...base, init: { ...base.init, volatile: false } });
    await core.ready();
    const changed = await answer(core.handlers['settings:update']({ notifyNewAuthorizations: false }));
    expect(changed.ok).toBe(true);
    // Settings are written behind (a later turn of the core's thread): stopNow must wait for it.
    expect(core.stopNow(10_000)).toBe(true);
    const saved = JSON.parse(fs.readFileSync(path.join(userData, 'config.json'), 'utf8')) as { settings: { notifyNewAuthorizations: boolean } };
    expect(saved.settings.notifyNewAuthorizations).toBe(false);
  });

  it('a worker that neither answers nor ends is ended after the ready timeout, and the core runs in this thread', async () => {
    const spawn = () => track(workerEndpoint(new Worker('setInterval(() => {}, 1000)', { eval: true })));
    core = new RemoteCore(options(NOWHERE, { spawn, inThread: inThreadCore, readyTimeoutMs: 300 }));
    const info = await answer(core.handlers['app:info'](undefined));
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ apiOrigin: NOWHERE }) });
    expect(core.runsInThisThread()).toBe(true);
    expect(shell.logger.lines.some((l) => l.startsWith('error: the core’s thread did not answer in time'))).toBe(true);
  });

  it('what the shell says while a dead worker is being replaced reaches the new one', async () => {
    const { workers, spawn } = killableWorkers(track);
    core = new RemoteCore(options(NOWHERE, { spawn, restartDelayMs: 300 }));
    await core.ready();
    const statuses: unknown[] = [];
    core.subscribe((name, payload) => name === 'status:changed' && void statuses.push(decodeRelayed(payload)));
    await workers[0]!.terminate();
    await vi.waitFor(() => expect(shell.logger.lines.some((l) => l.startsWith('error: the core’s thread ended'))).toBe(true), WAIT);
    // In the gap before the new thread: asked for the status, which only a core can send.
    core.publishStatus();
    await vi.waitFor(() => expect(workers).toHaveLength(2), WAIT);
    await vi.waitFor(() => expect(statuses).toHaveLength(1), WAIT);
  });

  it('a list the main thread was sent with its event answers authorizations:list from there, the same bytes each time', async () => {
    const emu: Emulator = await startEmulator({ seed: 'demo' });
    cleanups.push(() => emu.close());
    core = new RemoteCore(options(emu.url));
    const signed = await answer<{ id: string }>(core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    if (!signed.ok) throw new Error('sign-in failed');
    await vi.waitFor(() => expect(core!.holdsList(signed.value.id)).toBe(true), WAIT);
    const one = await core.handlers['authorizations:list']({ accountId: signed.value.id });
    const two = await core.handlers['authorizations:list']({ accountId: signed.value.id });
    expect(one).toBeInstanceOf(Uint8Array);
    // Held here: not sent again by the core.
    expect(two).toBe(one);
    const list = decodeRelayed<Result<{ accountId: string; items: unknown[] }>>(one);
    expect(list.ok && list.value.accountId).toBe(signed.value.id);
    expect(list.ok && list.value.items.length).toBeGreaterThan(0);
  });
});
