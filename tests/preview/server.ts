/**
 * `npm run preview -- --port 5173`: the real renderer in a browser, driven by the real main
 * services. Without HEROKU_API_URL it starts the emulator with the demo seed and signs that
 * account in (`--no-sign-in` leaves the app on its first-run screen and prints the key instead).
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startPreview, RENDERER_DIST } from './preview-server.js';
import { startEmulator } from '../heroku-emulator/server.js';
import { parseApiOrigin } from '../../main/heroku/client.js';
import { createConsoleLogger } from '../../main/adapters/console-logger.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { KeyringSecretStore } from '../../main/adapters/keyring-secret-store.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    'no-sign-in': { type: 'boolean', default: false },
    // --keychain: keep secrets in the OS keychain (service heroku-token-tray) instead of memory.
    keychain: { type: 'boolean', default: false },
  },
});
const logger = createConsoleLogger('info');
if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) {
  console.error('The renderer is not built: run `npm run build` first (npm run preview does it for you).');
  process.exit(2);
}
let apiOrigin: string;
let demoKey: string | null = null;
let closeEmulator = async () => {};
if (process.env.HEROKU_API_URL) {
  const parsed = parseApiOrigin(process.env.HEROKU_API_URL);
  if (!parsed.ok) {
    console.error(parsed.error.message);
    process.exit(2);
  }
  apiOrigin = parsed.value;
} else {
  const emu = await startEmulator({});
  apiOrigin = emu.url;
  demoKey = emu.apiKey;
  closeEmulator = emu.close;
  console.log(`Heroku API emulator (demo seed) on ${emu.url}`);
}
const preview = await startPreview({
  port: Number(values.port),
  adapters: {
    // Its own keychain service: the preview must never touch the installed app's entries.
    secrets: values.keychain ? new KeyringSecretStore({ logger, service: 'heroku-token-tray-preview' }) : new MemorySecretStore(),
    store: new MemorySettingsStore(),
    clock: systemClock,
    logger,
    apiOrigin,
    version: '0.1.0',
    platform: process.platform,
    importer: envKeyImporter(process.env),
  },
});
if (demoKey && !values['no-sign-in']) {
  const r = await preview.core.accounts.signIn(demoKey);
  if (!r.ok) console.error(`Could not sign the demo account in: ${r.error.message}`);
} else if (demoKey) {
  console.log(`Demo API key (paste it into the app): ${demoKey}`);
}
console.log(`Browser preview: ${preview.url}`);
const stop = () => void Promise.all([preview.close(), closeEmulator()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
