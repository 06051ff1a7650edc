/**
 * One run of the event-loop benchmark in a process of its own (bench/event-loop.ts runStallRuns):
 * every run starts cold, as the app's first refresh after launch does, whatever the bench ran
 * before it. Sends the StallResult to the parent over IPC. Before anything else starts a thread,
 * V8's helpers get the name Node 24 gives them, so that the core's thread lowers them as it does in
 * the app (bench/lib/v8-helper-names.ts); the result's notes say which were named.
 */
import os from 'node:os';
import { runStall } from './event-loop.js';
import { nameV8HelpersAsNode24 } from './lib/v8-helper-names.js';

const named = nameV8HelpersAsNode24();
const result = await runStall();
if (named.length > 0) {
  // What the core's thread made of them (lowerV8Helpers), read after the run.
  const nice = [...new Set(named.map((id) => os.getPriority(id)))].join(', ');
  result.notes.push(`V8's ${named.length} helper threads named V8Worker, as Node 24 names them (this Node ${process.versions.node} does not); they ran at nice ${nice}`);
}
process.send?.(result, () => process.exit(0));
