/** The real core wired to the emulator with in-memory stores: the integration tests' one setup. */
import { createCore, type Core, type CoreAdapters } from '../../main/core.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { MemoryClipboard, RecordingLogger } from './fakes.js';

/** createCore against `apiOrigin` with memory stores, a memory clipboard and a recording logger; overrides win. */
export function createTestCore(apiOrigin: string, overrides: Partial<CoreAdapters> = {}): Core {
  return createCore({
    secrets: new MemorySecretStore(),
    store: new MemorySettingsStore(),
    clipboard: new MemoryClipboard(),
    clock: systemClock,
    logger: new RecordingLogger(),
    apiOrigin,
    version: 'test',
    platform: 'linux',
    importer: envKeyImporter({}),
    ...overrides,
  });
}
