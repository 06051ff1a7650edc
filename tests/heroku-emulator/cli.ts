/** `npm run emulator -- --port 5999 --api-key KEY`: starts the emulator and prints its base URL and key. */
import { parseArgs } from 'node:util';
import { parseClockArg } from './clock.js';
import { FAULT_FLAG_HELP, parseFaultFlag, type FaultSpec } from './faults.js';
import { startEmulator } from './server.js';

const HELP = `Heroku Platform API emulator (for tests and the browser preview; listens on 127.0.0.1 only)

Usage: npm run emulator -- [options]

  --port <n>           port to listen on (default 5999; 0 = any free port)
  --api-key <key>      the sign-in key (default: a new HRKU-<uuid>, printed)
  --seed demo|empty|federated  demo: every token case; empty: only the sign-in key; federated: an SSO account
  --clock <when>       start the emulator clock at an ISO date-time or epoch ms (it then ticks)
  --redact             mask token values in list/info/update/delete answers (HRKU-********abcd)
  --rate-limit <n>     request budget reported in RateLimit-Remaining (default 4500)
  --page-size <n>      list page size when the request has no Range (default 200)
  --bulk <n>           add n generated authorizations to the seeded account
  --etags strong|weak|off  ETag on GET answers, 304 on a matching If-None-Match (default strong)
  ${FAULT_FLAG_HELP.replace(/\n/g, '\n  ')}
  -h, --help           this help

Control endpoint (same server): POST /__emulator/clock {"advanceMs":n}|{"setMs":n},
POST|DELETE /__emulator/faults, POST /__emulator/redaction {"enabled":bool},
POST /__emulator/rate-limit {"remaining":n}, GET /__emulator/requests, GET /__emulator/state`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5999' },
    'api-key': { type: 'string' },
    seed: { type: 'string', default: 'demo' },
    clock: { type: 'string' },
    redact: { type: 'boolean', default: false },
    'rate-limit': { type: 'string' },
    'page-size': { type: 'string' },
    bulk: { type: 'string' },
    etags: { type: 'string', default: 'strong' },
    fault: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const int = (name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer between ${min} and ${max}, got ${raw}`);
  return n;
};
const port = int('port', values.port, 0, 65535);
if (values.seed !== 'demo' && values.seed !== 'empty' && values.seed !== 'federated') fail(`--seed must be demo, empty or federated, got ${values.seed}`);
const etags = values.etags;
if (etags !== 'strong' && etags !== 'weak' && etags !== 'off') fail(`--etags must be strong, weak or off, got ${etags}`);
let clockStart: number | undefined;
let faults: FaultSpec[];
try {
  clockStart = values.clock === undefined ? undefined : parseClockArg(values.clock);
  faults = (values.fault ?? []).map(parseFaultFlag);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

const emu = await startEmulator({
  port,
  apiKey: values['api-key'],
  seed: values.seed,
  clockStart,
  redactTokens: values.redact,
  rateLimit: int('rate-limit', values['rate-limit'], 0),
  pageSize: int('page-size', values['page-size'], 1, 1000),
  etags,
  faults,
});
const bulk = int('bulk', values.bulk, 0);
if (bulk) emu.addAuthorizations(bulk);
console.log(`Heroku API emulator listening on ${emu.url}`);
console.log(`API key: ${emu.apiKey}`);
console.log(`Try: HEROKU_HOST=${emu.url} HEROKU_API_KEY=${emu.apiKey} npx heroku authorizations`);
if (faults.length > 0) console.log(`Faults: ${JSON.stringify(faults)}`);
const stop = () => void emu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
