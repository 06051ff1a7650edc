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
    named: number[];
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
      const named = nameV8HelpersAsNode24();
      const before = threads();
      // One helper already lower than the core's priority: left there, not raised.
      os.setPriority(named[3], 15);
      const first = lowerV8Helpers();
      const second = lowerV8Helpers();
      process.stdout.write(JSON.stringify({ named, namedAgain: nameV8HelpersAsNode24(), before, first, second, after: threads() }));
    `;
    return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Seen;
  }

  it.runIf(process.platform === 'linux')('lowers the threads named V8Worker to the core’s priority, never raises one, and leaves every other thread alone', () => {
    const seen = inChild();
    // Node's platform: the main thread, its delayed-task scheduler, then its four V8 helpers.
    expect(seen.named).toEqual(seen.before.slice(2, 6).map((t) => t.id));
    expect(seen.before.filter((t) => t.comm === V8_HELPER_THREAD).map((t) => t.id)).toEqual(seen.named);
    // Named once: a process whose helpers already carry the name is left as it is.
    expect(seen.namedAgain).toEqual([]);
    expect(seen.first).toEqual({ lowered: true, helpers: 4, nice: CORE_THREAD_NICE });
    expect(seen.second).toEqual({ lowered: true, helpers: 4, nice: CORE_THREAD_NICE });
    const after = new Map(seen.after.map((t) => [t.id, t]));
    const start = seen.before[0]!.nice;
    expect(start).toBeLessThan(CORE_THREAD_NICE);
    for (const t of seen.before) {
      if (t.id === seen.named[3]) expect(after.get(t.id)!.nice).toBe(15);
      else if (seen.named.includes(t.id)) expect(after.get(t.id)!.nice).toBe(CORE_THREAD_NICE);
      else expect(after.get(t.id)?.nice ?? t.nice, `${t.comm} ${t.id}`).toBe(t.nice);
    }
  });

  it('says why when it lowered nothing: no thread of that name, no thread list, no per-thread priority', () => {
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
    expect(lowerV8Helpers('darwin')).toEqual({ lowered: false, reason: 'no per-thread priority on darwin' });
  });
});
