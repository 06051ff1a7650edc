/**
 * A core signed in to a fresh emulator holding 1,500 tokens (two pages of the client's 1,000),
 * whose list pages pass through `rewrite` (body text in, body text out) whenever it returns one:
 * for tests of how the client treats changed, moved or wrong pages.
 */
import type { Core } from '../../main/core.js';
import { createHerokuClient } from '../../main/heroku/client.js';
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from './test-core.js';

export interface TwoPageCore {
  emu: Emulator;
  core: Core;
  /** A refresh that must succeed. */
  refresh(): Promise<AuthorizationsSnapshot>;
}

export async function twoPageCore(rewrite: () => ((text: string) => string) | null): Promise<TwoPageCore> {
  const rewriting: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const f = rewrite();
    if (!f || res.status === 304 || !String(input).includes('/oauth/authorizations') || String(input).includes('~')) return res;
    return new Response(f(await res.text()), { status: res.status, headers: res.headers });
  };
  const emu = await startEmulator({ seed: 'empty' });
  emu.addAuthorizations(1499);
  const core = createTestCore(emu.url, {
    apiFactory: (apiKey) => createHerokuClient({ origin: emu.url, apiKey, userAgent: 'test', fetch: rewriting }),
  });
  const signed = await core.accounts.signIn(emu.apiKey);
  if (!signed.ok) throw new Error(signed.error.message);
  const refresh = async () => {
    const r = await core.authorizations.refresh();
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { emu, core, refresh };
}
