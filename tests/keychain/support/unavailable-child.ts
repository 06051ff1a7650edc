/**
 * Child process for the "no Secret Service" test: started with DBUS_SESSION_BUS_ADDRESS pointing
 * nowhere (the keyring binding keeps one bus connection per process, so this needs its own
 * process). Drives the real core and prints what happened as one JSON line.
 */
import { startHarness } from './harness.js';

const apiOrigin = process.env.HTT_EMU_URL ?? '';
const apiKey = process.env.HTT_EMU_KEY ?? '';
const h = startHarness({ apiOrigin, dataDir: process.env.HTT_DATA_DIR });
const status = await h.call('app:status');
const signIn = await h.call('accounts:sign-in', { apiKey });
const accounts = await h.call('accounts:list');
const secretStatus = await h.secrets.status();
process.stdout.write(`${JSON.stringify({ status, signIn, accounts, secretStatus, calls: h.calls, logs: h.consoleLines })}\n`);
