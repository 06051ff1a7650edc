// Runs a TypeScript worker entry from source (tests, bench): tsx compiles it on load. Not in the build.
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(workerData.entry).href);
