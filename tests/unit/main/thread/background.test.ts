/** The core's thread yields to the main thread: a lower priority for that thread only (Linux). */
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { CORE_THREAD_NICE, runAsBackgroundThread, threadId } from '../../../../main/thread/background.js';

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
