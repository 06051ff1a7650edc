/**
 * The bench's Node (20) does not name its threads; Node 24, the line Electron's main process runs,
 * names its V8 platform's helpers V8Worker (main/thread/background.ts V8_HELPER_THREAD), and the app
 * lowers them by that name. So that the event-loop benchmark's cold runs treat those helpers as the
 * app would, a run's main thread names them first, as that runtime would have.
 *
 * Which threads they are: Node's platform starts, before any script runs, its delayed-task
 * scheduler and then its pool of V8 helpers (--v8-pool-size, 4 by default); Node 24 names them
 * DelayedTaskSche and V8Worker ×4, in that order after the main thread (measured with node
 * 24.22.3). Linux hands out thread ids in order, so on Node 20 they are the 2nd to 5th threads after
 * the main one. Call it before any other thread starts (no worker yet).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { V8_HELPER_THREAD } from '../../main/thread/background.js';

/** V8's default pool of helpers in Node (its --v8-pool-size). */
const NODE_V8_POOL = 4;

/** Names this process's V8 helpers as Node 24 does, where nothing named them; returns their thread ids (none where they already had the name, or off Linux). */
export function nameV8HelpersAsNode24(taskDir = '/proc/self/task'): number[] {
  if (process.platform !== 'linux') return [];
  const ids = readdirSync(taskDir).map(Number).sort((a, b) => a - b);
  const names = ids.map((id) => readFileSync(`${taskDir}/${id}/comm`, 'utf8').trim());
  if (names.includes(V8_HELPER_THREAD)) return [];
  // Another pool size moves the threads after it: refuse rather than name the wrong ones.
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (flags.some((f) => f.startsWith('--v8-pool-size'))) throw new Error(`--v8-pool-size is set (${flags.join(' ')}): this naming assumes Node's default pool of ${NODE_V8_POOL}`);
  if (ids[0] !== process.pid) throw new Error(`the main thread (${process.pid}) is not the first of ${ids.join(', ')}`);
  const helpers = ids.slice(2, 2 + NODE_V8_POOL);
  if (helpers.length !== NODE_V8_POOL) throw new Error(`expected Node's ${NODE_V8_POOL} V8 helpers after the main thread and the scheduler, found threads ${ids.join(', ')}`);
  // Unnamed threads carry the main thread's name; one named otherwise is not one of them.
  const renamed = helpers.filter((id) => names[ids.indexOf(id)] !== names[0]);
  if (renamed.length > 0) throw new Error(`threads ${renamed.join(', ')} already have names of their own: not Node 20's unnamed V8 helpers`);
  for (const id of helpers) writeFileSync(`${taskDir}/${id}/comm`, V8_HELPER_THREAD);
  return helpers;
}
