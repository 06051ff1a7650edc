/** Starts bench/lib/emulator-child.ts in its own Node process and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './machine.js';

export interface EmulatorProcess {
  url: string;
  apiKey: string;
  /** Adds `count` accounts of `tokens` tokens each; their API keys. */
  addAccounts(count: number, tokens: number): Promise<string[]>;
  /** Moves the emulator clock (every live expires_in changes). */
  advance(ms: number): Promise<void>;
  /** Makes every token of the first account never expire, so its pages stop changing. */
  freeze(): Promise<void>;
  /** Moves every token's updated_at of the first account on a second (every item changed). */
  touch(): Promise<void>;
  requests(): Promise<Array<{ method: string; path: string; status: number }>>;
  close(): Promise<void>;
}

/**
 * An emulator process whose first account holds `tokens` tokens (the sign-in key included).
 * `remote`: the emulator stands in for Heroku's servers, which do not share the user's cores. On
 * this two-core machine a busy emulator at normal priority competes with the app's main thread for
 * the CPU; run at the lowest priority (nice 19), it takes only what the app's threads leave, as a
 * server elsewhere would. For the event-loop benchmark, which judges the main thread's blocks.
 * Linux sets priorities per thread: every thread the process has once it is ready is lowered
 * (V8's and libuv's helpers included; threads it makes later inherit its main thread's).
 */
export async function startEmulatorProcess(tokens: number, options: { remote?: boolean } = {}): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(path.join(ROOT, 'bench/lib/emulator-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_EMU_TOKENS: String(tokens) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (v: unknown) => void>();
  const ready = new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code}) before it was ready`)));
    child.on('message', (m: { id?: number; value?: unknown; ready?: { url: string; apiKey: string } }) => {
      if (m.ready) resolve(m.ready);
      else if (m.id !== undefined) waiting.get(m.id)?.(m.value);
    });
  });
  if (options.remote) {
    await ready;
    lowerEveryThread(child.pid);
  }
  const call = <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, (v) => {
        waiting.delete(id);
        resolve(v as T);
      });
      child.send({ id, cmd, ...args });
    });
  const { url, apiKey } = await ready;
  child.removeAllListeners('exit');
  return {
    url,
    apiKey,
    addAccounts: (count, perAccount) => call<string[]>('accounts', { count, tokens: perAccount }),
    advance: async (ms) => void (await call('advance', { ms })),
    freeze: async () => void (await call('freeze')),
    touch: async () => void (await call('touch')),
    requests: () => call('requests'),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ id: 0, cmd: 'close' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}

/** Every thread of process `pid` to nice 19 (Linux: /proc/<pid>/task); elsewhere the process as a whole. */
function lowerEveryThread(pid: number | undefined): void {
  if (pid === undefined) return;
  let tids: number[] = [pid];
  try {
    tids = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    // No /proc: setpriority on the pid is the whole process there.
  }
  for (const tid of tids) {
    try {
      os.setPriority(tid, 19);
    } catch {
      // A thread that ended meanwhile.
    }
  }
}
