/**
 * Work written as a generator that stops (yields) between steps, so a caller on Electron's main
 * thread can let the event loop run in between (view-cache.ts viewSteps, json-body.ts parseSteps).
 */

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps with `turn()` awaited between any two of them. */
export async function runStepsInTurns<T>(steps: Generator<void, T, void>, turn: () => Promise<void>): Promise<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await turn();
  }
}
