/**
 * The built core worker (dist-electron/core-worker.js, as the packaged app starts it: plain
 * JavaScript, no tsx) runs the core in a worker thread and answers the shell through the link,
 * against the Heroku API emulator on loopback; and, where no worker can start, the same file runs the
 * core in the main thread (the fallback ships no copy of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureAppBuilt, ROOT } from '../support/app-build.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { RemoteCore } from '../../main/thread/remote-core.js';
import { inThreadCore } from '../../main/thread/in-thread.js';
import { coreModuleLoader, coreWorkerSpawner } from '../../main/thread/spawn.js';
import { decodeRelayed } from '../../shared/relay.js';
import type { Result } from '../../shared/result.js';

describe('the built core worker', () => {
  let emu: Emulator;
  let userData: string;
  let core: RemoteCore | null = null;
  const lines: string[] = [];
  const clipboard = { text: '' };

  beforeAll(async () => {
    ensureAppBuilt();
    emu = await startEmulator({ seed: 'demo' });
    userData = mkdtempSync(path.join(os.tmpdir(), 'htt-core-worker-'));
  }, 180_000);
  afterAll(async () => {
    await core?.stop();
    await emu?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('starts from dist-electron and answers: sign in, list, copy; stop clears the clipboard', async () => {
    const dir = path.join(ROOT, 'dist-electron');
    // The built file itself (the spawner would otherwise fall back to the TypeScript source).
    expect(existsSync(path.join(dir, 'core-worker.js'))).toBe(true);
    core = new RemoteCore({
      // No fallback: this must be the worker, not the core in this thread.
      spawn: coreWorkerSpawner(dir, path.join(dir, 'core-worker.js')),
      init: { apiOrigin: emu.url, version: '0.1.0-test', platform: 'test', hostname: 'test', volatile: true, userData },
      shell: {
        clipboard: { writeText: async (t) => void (clipboard.text = t), readText: async () => clipboard.text, clear: async () => void (clipboard.text = '') },
        hidePopover: () => undefined,
        logger: { debug: () => undefined, info: (m) => void lines.push(m), warn: (m) => void lines.push(m), error: (m) => void lines.push(m) },
      },
      restarts: 0,
    });
    await core.ready();
    expect(core.runsInThisThread()).toBe(false);
    const call = async <T>(p: Promise<unknown>) => decodeRelayed<Result<T>>(await p);
    const signedIn = await call<{ email: string }>(core.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
    expect(signedIn).toMatchObject({ ok: true, value: { email: emu.account.email } });
    const list = await call<{ items: unknown[] }>(core.handlers['authorizations:list'](undefined));
    expect(list.ok && list.value.items.length).toBeGreaterThan(0);
    const created = await call<{ authorization: { id: string }; token: string }>(
      core.handlers['authorizations:create']({ description: 'built worker', scopes: ['read'], expiresIn: 3600 }),
    );
    if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);
    expect(await call(core.handlers['tokens:copy']({ id: created.value.authorization.id }))).toMatchObject({ ok: true });
    expect(clipboard.text).toBe(created.value.token);
    await core.stop();
    core = null;
    expect(clipboard.text).toBe('');
    // It ran as a worker at a lower priority (Linux), and never ended or fell back to this thread.
    expect(lines).toContain(process.platform === 'linux' ? "the core's thread runs at nice 10" : `the core's thread runs at normal priority (no per-thread priority on ${process.platform})`);
    // And it said what became of V8's helpers: lowered where the runtime names them (Node 24;
    // Electron's main process), else at normal priority and why (Node 20 names none).
    const named = process.platform === 'linux' && readdirSync('/proc/self/task').some((id) => readFileSync(`/proc/self/task/${id}/comm`, 'utf8').trim() === 'V8Worker');
    expect(lines).toContainEqual(
      named
        ? expect.stringMatching(/^V8's \d+ helper threads run at nice 10 or above \(a lower priority\)$/)
        : expect.stringMatching(/^V8's helper threads run at normal priority \(.+\)$/),
    );
    expect(lines.filter((l) => /ended|could not start|main thread/.test(l))).toEqual([]);
  }, 60_000);

  it('falls back to the very same built file in this thread, and the build ships no second copy of the core', async () => {
    const dir = path.join(ROOT, 'dist-electron');
    // main.js loads the fallback from core-worker.js at run time: no chunk of its own holds the core.
    const scripts = readdirSync(dir).filter((f) => /\.(c|m)?js$/.test(f));
    expect(scripts.filter((f) => f.startsWith('core-worker'))).toEqual(['core-worker.js']);
    expect(readFileSync(path.join(dir, 'main.js'), 'utf8')).not.toMatch(/import\(["']\.\/core-worker/);
    const fallback = new RemoteCore({
      // A worker that cannot start: the core runs here, from the built file.
      spawn: () => {
        throw new Error('no worker here');
      },
      inThread: (init) => inThreadCore(init, coreModuleLoader(dir)),
      init: { apiOrigin: emu.url, version: '0.1.0-test', platform: 'test', hostname: 'test', volatile: true, userData },
      shell: {
        clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
        hidePopover: () => undefined,
        logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      },
      restarts: 0,
    });
    try {
      await fallback.ready();
      expect(fallback.runsInThisThread()).toBe(true);
      const signedIn = decodeRelayed<Result<{ email: string }>>(await fallback.handlers['accounts:sign-in']({ apiKey: emu.apiKey }));
      expect(signedIn).toMatchObject({ ok: true, value: { email: emu.account.email } });
    } finally {
      await fallback.stop();
    }
    // From source (no built file next to it): the TypeScript entry.
    const source = await coreModuleLoader(path.join(ROOT, 'main'))();
    expect(typeof source.startCore).toBe('function');
  }, 60_000);
});
