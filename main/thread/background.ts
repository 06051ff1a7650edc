/**
 * The core's thread yields to the main thread. On two cores, the core's thread busy with a refresh,
 * V8's helper threads and anything else the machine runs are enough to keep the main thread (the
 * tray, the popover window, IPC) waiting for a core when it wakes: the core's work is background
 * work, so its thread runs at a lower priority. Linux schedules threads as tasks of their own, so
 * setpriority on this thread's id (from /proc/thread-self) lowers this thread only. macOS and
 * Windows offer no such call to Node: there the thread keeps the normal priority.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';

/** The niceness given to the core's thread (0 is normal, 19 the lowest). */
export const CORE_THREAD_NICE = 10;

/** This thread's id where the OS has one for it (Linux), else null. */
export function threadId(platform: string = process.platform, readlink: (p: string) => string = readlinkSync): number | null {
  if (platform !== 'linux') return null;
  try {
    const id = Number(readlink('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/**
 * Lowers the calling thread's priority to CORE_THREAD_NICE; call it from the core's worker only
 * (in the main thread it would slow the shell). Returns what it did, for the log.
 */
export function runAsBackgroundThread(platform: string = process.platform): { lowered: true; nice: number } | { lowered: false; reason: string } {
  const id = threadId(platform);
  if (id === null) return { lowered: false, reason: `no per-thread priority on ${platform}` };
  try {
    os.setPriority(id, CORE_THREAD_NICE);
    return { lowered: true, nice: os.getPriority(id) };
  } catch (e) {
    return { lowered: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The name Node gives the threads of its V8 platform (Node 24 on; measured with node 24.22.3).
 * Electron's main process runs Node's platform too (shell/browser/javascript_environment.cc creates
 * it with node::MultiIsolatePlatform::Create), so its V8 helpers should carry this name there as
 * well (not verified: no Electron binary was run); where they do not, nothing is lowered.
 */
export const V8_HELPER_THREAD = 'V8Worker';

/**
 * Lowers V8's helper threads (concurrent marking, parallel scavenges, optimising compiles) to the
 * core's priority. They belong to the process, not to the core, but during a refresh nearly all
 * their work is the core's: its heap and its code. At normal priority they kept the main thread
 * waiting for a CPU: on two cores, the event-loop benchmark's longest blocks were mostly the main
 * thread ready to run behind them (its run-queue wait), not running. A helper already at or below
 * that priority is left as it is, and only threads of that exact name are touched (never
 * Chromium's own, such as its IO thread). Linux only, as runAsBackgroundThread. `taskDir` lists
 * the process's threads (a test passes another process's).
 */
export function lowerV8Helpers(
  platform: string = process.platform,
  taskDir = '/proc/self/task',
): { lowered: true; helpers: number; nice: number; notLowered?: string } | { lowered: false; reason: string } {
  if (platform !== 'linux') return { lowered: false, reason: `no per-thread priority on ${platform}` };
  let ids: number[];
  try {
    ids = readdirSync(taskDir).map(Number).filter((id) => Number.isInteger(id) && id > 0);
  } catch (e) {
    return { lowered: false, reason: e instanceof Error ? e.message : String(e) };
  }
  let low = 0;
  const problems: string[] = [];
  for (const id of ids) {
    try {
      if (readFileSync(`${taskDir}/${id}/comm`, 'utf8').trim() !== V8_HELPER_THREAD) continue;
      if (os.getPriority(id) < CORE_THREAD_NICE) os.setPriority(id, CORE_THREAD_NICE);
      low++;
    } catch (e) {
      // A thread that ended since the listing (no comm, no such thread) is no problem.
      // (fs says ENOENT; os.getPriority/setPriority an ERR_SYSTEM_ERROR whose info.code is ESRCH.)
      const { code, info } = e as NodeJS.ErrnoException & { info?: { code?: string } };
      if (code === 'ENOENT' || info?.code === 'ESRCH') continue;
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (low === 0) return { lowered: false, reason: problems[0] ?? `no thread named ${V8_HELPER_THREAD} (a runtime that does not name its V8 helpers)` };
  const notLowered = problems.length === 0 ? {} : { notLowered: `${problems.length} could not be lowered: ${problems[0]}` };
  return { lowered: true, helpers: low, nice: CORE_THREAD_NICE, ...notLowered };
}
