/** The app's main-process core under plain Node, as the preview builds it, signed in to an emulator. */
import { createCore, type Core } from '../../main/core.js';
import { createConsoleLogger } from '../../main/adapters/console-logger.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import type { Clock, SettingsStore } from '../../main/ports.js';

/** createCore() with in-memory secrets and (unless `store` is given) settings, signed in with `apiKey`. */
export async function signedInCore(
  apiOrigin: string,
  apiKey: string,
  clock: Clock = systemClock,
  store: SettingsStore = new MemorySettingsStore(),
): Promise<Core & { store: SettingsStore }> {
  const core = createCore({
    secrets: new MemorySecretStore(),
    store,
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    clock,
    logger: createConsoleLogger('error'),
    apiOrigin,
    version: '0.1.0-bench',
    platform: process.platform,
    importer: envKeyImporter({}),
  });
  const r = await core.accounts.signIn(apiKey);
  if (!r.ok) throw new Error(`sign-in to the emulator failed: ${r.error.message}`);
  return { ...core, store };
}

/** The system clock moved on by `advance()`: the app's side of an emulator clock step (both move, as time does). */
export function steppingClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
    advance: (ms) => {
      offset += ms;
    },
  };
}
