/**
 * Child process for the "no Secret Service" test: started with DBUS_SESSION_BUS_ADDRESS pointing
 * nowhere (the keyring binding keeps one bus connection per process, so this needs its own
 * process). Drives the real core and prints what happened as one JSON line.
 */
import { KeyringSecretStore } from '../../../main/adapters/keyring-secret-store.js';
import { startHarness } from './harness.js';

const apiOrigin = process.env.HTT_EMU_URL ?? '';
const apiKey = process.env.HTT_EMU_KEY ?? '';
const h = startHarness({ apiOrigin, dataDir: process.env.HTT_DATA_DIR });
const status = await h.call('app:status');
const signIn = await h.call('accounts:sign-in', { apiKey });
const accounts = await h.call('accounts:list');
const secretStatus = await h.secrets.status();
// The app's default: the kernel keyring as an open fallback (volatile), where the kernel allows it.
const fallback = new KeyringSecretStore();
const fallbackStatus = await fallback.status();
const fallbackBackend = await fallback.backendKind();
const out = { status, signIn, accounts, secretStatus, fallbackStatus, fallbackBackend, calls: h.calls, logs: h.consoleLines };
process.stdout.write(`${JSON.stringify(out)}\n`);
