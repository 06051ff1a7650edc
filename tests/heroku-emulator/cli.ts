/** `npm run emulator -- --port 5999 --api-key KEY`: starts the emulator and prints its base URL. */
import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '5999' }, 'api-key': { type: 'string' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}
const emu = await startEmulator({ port, apiKey: values['api-key'] });
console.log(`Heroku API emulator listening on ${emu.url}`);
console.log(`API key: ${emu.apiKey}`);
const stop = () => void emu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
