/**
 * One run of the event-loop benchmark in a process of its own (bench/event-loop.ts runStallRuns):
 * every run starts cold, as the app's first refresh after launch does, whatever the bench ran
 * before it. Sends the StallResult to the parent over IPC.
 */
import { runStall } from './event-loop.js';

const result = await runStall();
process.send?.(result, () => process.exit(0));
