/**
 * The emulator in its own process, for the main-process benchmarks: the server's JSON building
 * and hashing then run on another thread, as Heroku's do, and never count as the app's time or
 * as a stall of the app's event loop. Started by emulator-process.ts over an IPC channel.
 */
import { startEmulator } from '../../tests/heroku-emulator/server.js';

type Command =
  | { id: number; cmd: 'accounts'; count: number; tokens: number }
  | { id: number; cmd: 'advance'; ms: number }
  | { id: number; cmd: 'freeze' }
  | { id: number; cmd: 'touch' }
  | { id: number; cmd: 'requests' }
  | { id: number; cmd: 'close' };

const emu = await startEmulator({ seed: 'empty', etags: 'strong', rateLimit: 1_000_000_000 });
const tokens = Number(process.env.BENCH_EMU_TOKENS ?? '1');
if (tokens > 1) emu.addAuthorizations(tokens - 1);

const answer = (id: number, value: unknown) => process.send?.({ id, value });

process.on('message', (m: Command) => {
  switch (m.cmd) {
    case 'accounts': {
      // More accounts of `tokens` tokens each (the sign-in key is one of them).
      const keys = Array.from({ length: m.count }, () => emu.addAccount({ authorizations: m.tokens - 1 }).apiKey);
      return answer(m.id, keys);
    }
    case 'advance':
      emu.clock.advance(m.ms);
      return answer(m.id, emu.clock.now());
    case 'freeze':
      // No live expires_in anywhere: the bodies stay byte for byte the same, so pages can 304.
      emu.account.authorizations.forEach((a) => (a.expiresAt = null));
      return answer(m.id, true);
    case 'touch':
      // Every authorization of the first account changed (as a rename would): every item differs.
      emu.account.authorizations.forEach((a) => (a.updatedAt += 1000));
      return answer(m.id, true);
    case 'requests':
      return answer(m.id, emu.requests.map((r) => ({ method: r.method, path: r.path, status: r.status })));
    case 'close':
      void emu.close().then(() => {
        answer(m.id, true);
        process.exit(0);
      });
  }
});
process.send?.({ ready: { url: emu.url, apiKey: emu.apiKey } });
