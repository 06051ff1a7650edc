/**
 * One CPU-heavy step at a time, each in an event-loop turn of its own. Ten accounts refreshing
 * at once get their answers in the same poll phase; parsing, checking and building all of them
 * back to back would hold Electron's main thread (IPC, the tray) for the sum. A step awaits its
 * turn first: turns are granted in order, one per loop iteration (an immediate queued from an
 * immediate runs in the next iteration), so timers and I/O, IPC included, run between any two.
 */
let queue: Promise<void> = Promise.resolve();

/** Resolves when it is this step's turn; run the step's synchronous work right after. */
export function takeTurn(): Promise<void> {
  const turn = queue.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  queue = turn;
  return turn;
}
