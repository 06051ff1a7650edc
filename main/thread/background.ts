/**
 * The core's thread yields to the main thread. On two cores, the core's thread busy with a refresh,
 * V8's helper threads and anything else the machine runs are enough to keep the main thread (the
 * tray, the popover window, IPC) waiting for a core when it wakes: the core's work is background
 * work, so its thread runs at a lower priority. Linux schedules threads as tasks of their own, so
 * setpriority on this thread's id (from /proc/thread-self) lowers this thread only. macOS and
 * Windows offer no such call to Node: there the thread keeps the normal priority.
 */
import { readlinkSync } from 'node:fs';
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
