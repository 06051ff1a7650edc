/** The core's thread yields to the main thread: a lower priority for that thread only (Linux). */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { CORE_THREAD_NICE, lowerV8Helpers, runAsBackgroundThread, threadId, V8_HELPER_THREAD } from '../../../../main/thread/background.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('runAsBackgroundThread', () => {
  it.runIf(process.platform === 'linux')('lowers the calling worker thread only, not the process', async () => {
    const code = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify('file://' + path.join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs'))}).then(({ register }) => {
        register();
        return import(${JSON.stringify('file://' + path.join(ROOT, 'main/thread/background.ts'))});
      }).then((m) => parentPort.postMessage({ result: m.runAsBackgroundThread(), id: m.threadId() }));
    `;
    const before = os.getPriority(threadId()!);
    const worker = new Worker(code, { eval: true });
    const { result, id } = await new Promise<{ result: { lowered: boolean; nice?: number }; id: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(result).toEqual({ lowered: true, nice: Math.max(CORE_THREAD_NICE, before) });
    expect(id).not.toBe(process.pid);
    // The main thread kept its priority (whatever the test run was started with).
    expect(os.getPriority(threadId()!)).toBe(before);
  });

  it('says why where the OS has no per-thread priority', () => {
    expect(threadId('darwin')).toBeNull();
    expect(runAsBackgroundThread('win32')).toEqual({ lowered: false, reason: 'no per-thread priority on win32' });
    // An unreadable /proc/thread-self is no thread id, not a crash.
    expect(threadId('linux', () => {
      throw new Error('ENOENT');
    })).toBeNull();
    expect(threadId('linux', () => '123/task/4567')).toBe(4567);
  });
});

describe('lowerV8Helpers', () => {
  interface Seen {
    runtimeNamed: boolean;
    named: number[];
    helpers: number[];
    namedAgain: number[];
    before: Array<{ id: number; comm: string; nice: number }>;
    first: unknown;
    second: unknown;
    after: Array<{ id: number; comm: string; nice: number }>;
  }

  /** A fresh Node process (its own threads): names its V8 helpers as Node 24 would, lowers them, and reports every thread before and after. */
  function inChild(): Seen {
    const script = `
      import { readdirSync, readFileSync } from 'node:fs';
      import os from 'node:os';
      const { nameV8HelpersAsNode24 } = await import(${JSON.stringify('file://' + path.join(ROOT, 'bench/lib/v8-helper-names.ts'))});
      const { lowerV8Helpers } = await import(${JSON.stringify('file://' + path.join(ROOT, 'main/thread/background.ts'))});
      const threads = () => readdirSync('/proc/self/task').map(Number).sort((a, b) => a - b)
        .map((id) => ({ id, comm: readFileSync('/proc/self/task/' + id + '/comm', 'utf8').trim(), nice: os.getPriority(id) }));
      // Node 20 names no thread: named here as Node 24 names them. On Node 24 they already are.
      const runtimeNamed = threads().some((t) => t.comm === 'V8Worker');
      const named = nameV8HelpersAsNode24();
      const before = threads();
      const helpers = before.filter((t) => t.comm === 'V8Worker').map((t) => t.id);
      // One helper already lower than the core's priority: left there, not raised.
      os.setPriority(helpers[3], 15);
      const first = lowerV8Helpers();
      const second = lowerV8Helpers();
      process.stdout.write(JSON.stringify({ runtimeNamed, named, helpers, namedAgain: nameV8HelpersAsNode24(), before, first, second, after: threads() }));
    `;
    return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Seen;
  }

  it.runIf(process.platform === 'linux')('lowers the threads named V8Worker to the core’s priority, never raises one, and leaves every other thread alone', () => {
    const seen = inChild();
    // Node's platform: the main thread, its delayed-task scheduler, then its four V8 helpers (the
    // positions node 24.22.3 gives its V8Worker threads; on Node 20 the naming put them there).
    expect(seen.helpers).toEqual(seen.before.slice(2, 6).map((t) => t.id));
    expect(seen.named).toEqual(seen.runtimeNamed ? [] : seen.helpers);
    // Named once: a process whose helpers already carry the name is left as it is.
    expect(seen.namedAgain).toEqual([]);
    expect(seen.first).toEqual({ lowered: true, helpers: 4, nice: CORE_THREAD_NICE });
    expect(seen.second).toEqual({ lowered: true, helpers: 4, nice: CORE_THREAD_NICE });
    const after = new Map(seen.after.map((t) => [t.id, t]));
    const start = seen.before[0]!.nice;
    expect(start).toBeLessThan(CORE_THREAD_NICE);
    for (const t of seen.before) {
      if (t.id === seen.helpers[3]) expect(after.get(t.id)!.nice).toBe(15);
      else if (seen.helpers.includes(t.id)) expect(after.get(t.id)!.nice).toBe(CORE_THREAD_NICE);
      else expect(after.get(t.id)?.nice ?? t.nice, `${t.comm} ${t.id}`).toBe(t.nice);
    }
  });

  it('says why off Linux, where Node has no per-thread priority', () => {
    expect(lowerV8Helpers('darwin')).toEqual({ lowered: false, reason: 'no per-thread priority on darwin' });
    expect(lowerV8Helpers('win32')).toEqual({ lowered: false, reason: 'no per-thread priority on win32' });
  });

  it.runIf(process.platform === 'linux')('says why when it lowered nothing: no thread of that name, threads gone since the listing, no thread list', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tasks-'));
    try {
      for (const [id, comm] of [[101, 'MainThread'], [102, 'DelayedTaskSche'], [103, 'Chrome_IOThread']] as const) {
        mkdirSync(path.join(dir, String(id)));
        writeFileSync(path.join(dir, String(id), 'comm'), `${comm}\n`);
      }
      expect(lowerV8Helpers('linux', dir)).toEqual({ lowered: false, reason: 'no thread named V8Worker (a runtime that does not name its V8 helpers)' });
      // Threads that ended since the listing: one whose comm is gone, one named V8Worker with no such
      // thread any more (above Linux's largest possible id): skipped, not problems.
      mkdirSync(path.join(dir, '104'));
      mkdirSync(path.join(dir, '4194399'));
      writeFileSync(path.join(dir, '4194399', 'comm'), `${V8_HELPER_THREAD}\n`);
      expect(lowerV8Helpers('linux', dir)).toEqual({ lowered: false, reason: 'no thread named V8Worker (a runtime that does not name its V8 helpers)' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const missing = lowerV8Helpers('linux', path.join(os.tmpdir(), 'no-such-task-dir-for-this-test'));
    expect(missing.lowered).toBe(false);
    expect(missing.lowered === false && missing.reason).toContain('ENOENT');
  });

  it.runIf(process.platform === 'linux')('refuses to guess which threads are the helpers when the pool is not Node’s default', () => {
    const script = `
      import { readdirSync, readFileSync } from 'node:fs';
      const { nameV8HelpersAsNode24 } = await import(${JSON.stringify('file://' + path.join(ROOT, 'bench/lib/v8-helper-names.ts'))});
      const runtimeNamed = readdirSync('/proc/self/task').some((id) => readFileSync('/proc/self/task/' + id + '/comm', 'utf8').trim() === 'V8Worker');
      let out = 'named';
      try { nameV8HelpersAsNode24(); } catch (e) { out = e.message; }
      process.stdout.write(JSON.stringify({ runtimeNamed, out }));
    `;
    const { runtimeNamed, out } = JSON.parse(execFileSync(process.execPath, ['--v8-pool-size=3', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as { runtimeNamed: boolean; out: string };
    // A runtime that names its helpers (Node 24) needs no guess: nothing to name, no error.
    expect(out).toMatch(runtimeNamed ? /^named$/ : /^--v8-pool-size is set/);
  });
});
