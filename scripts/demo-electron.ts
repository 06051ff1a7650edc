/**
 * `npm run demo`: starts the Heroku API emulator with its demo seed on loopback and launches the
 * built app against it (HEROKU_API_URL + HEROKU_API_KEY, HTT_DEMO=1 so the demo keeps its key and
 * settings in memory and never touches your keychain). The popover shows a banner naming the
 * emulator's origin. Ctrl+C or quitting the app stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEmulator } from '../tests/heroku-emulator/server.js';

const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const emulator = await startEmulator({ seed: 'demo' });
  console.log(`Heroku API emulator (demo seed) at ${emulator.url}`);
  // electron/cli.js finds the binary, downloading it on first use if npm skipped the install script.
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'electron', 'cli.js'), root, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HEROKU_API_URL: emulator.url, HEROKU_API_KEY: emulator.apiKey, HTT_DEMO: '1' },
  });
  const stop = async (code: number) => {
    await emulator.close();
    process.exit(code);
  };
  child.on('exit', (code) => void stop(code ?? 1));
  child.on('error', (e) => {
    console.error(`Could not start Electron: ${e.message}. Try \`npx install-electron --no\`.`);
    void stop(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

void main();
