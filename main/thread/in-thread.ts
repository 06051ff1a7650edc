/**
 * The core in the calling thread, over a MessageChannel: the same link and the same core, for when
 * no worker could start (RemoteCore falls back to it). The core's code is loaded only then
 * (`load`: main/index.ts passes spawn.ts coreModuleLoader, the worker's own file), so the main thread
 * neither loads nor holds it while the worker runs.
 */
import { MessageChannel } from 'node:worker_threads';
import type { Core } from '../core.js';
import type { PortLike } from './peer.js';
import type { CoreInit } from './protocol.js';
import type { CoreEndpoint } from './remote-core.js';

/** What the fallback needs of main/core-worker.ts. */
export interface CoreModule {
  startCore(port: PortLike, init: CoreInit): Promise<Core>;
}

/** An endpoint at once; the core behind it once `load` gave its module (calls wait in the channel meanwhile). */
export function inThreadCore(init: CoreInit, load: () => Promise<CoreModule>): CoreEndpoint {
  const { port1, port2 } = new MessageChannel();
  const exits: Array<(error: Error | null) => void> = [];
  let core: Core | null = null;
  let stopWhenBuilt = false;
  load()
    .then((m) => m.startCore(port2, init))
    .then(
      (c) => {
        core = c;
        if (stopWhenBuilt) void c.stop();
      },
      (e: unknown) => exits.forEach((l) => l(e instanceof Error ? e : new Error(String(e)))),
    );
  return {
    postMessage: (m, transfer) => port1.postMessage(m, transfer),
    on: (event, listener) => port1.on(event, listener),
    off: (event, listener) => port1.off(event, listener),
    onExit: (listener) => void exits.push(listener),
    terminate: () => {
      port1.close();
      port2.close();
    },
    // Before the core exists there is nothing to write yet: it is stopped as soon as it exists.
    stopNow: () => {
      if (core) void core.stop();
      else stopWhenBuilt = true;
    },
  };
}
