/**
 * Crack 7: `app:status` asks the Secret Service whether the collection is locked instead of
 * writing and deleting a probe entry on every call. A sentinel under the probe's own name
 * (service heroku-token-tray, username status-probe) survives any number of status calls (the
 * old probe overwrote it, then deleted it), and status still says "locked" while the collection
 * is locked and "ok" once it is unlocked again.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../main/adapters/keyring-secret-store.js';
import { hasSecretService, isPrivateSession, lockKeyring, SKIP_REASON, secretToolSearch, unlockKeyring } from './support/secret-service.js';

const available = await hasSecretService();
const canLock = available && isPrivateSession();
if (!canLock) console.log(`Status probe tests: ${available ? 'skipped: not a private Secret Service session' : SKIP_REASON}`);

const SENTINEL = 'sentinel-left-by-the-test';
const probeName = { service: 'heroku-token-tray', username: 'status-probe' };
const run = promisify(execFile);

async function probeEntries(): Promise<Array<string | null>> {
  return (await secretToolSearch(probeName)).map((i) => i.secret);
}

describe.skipIf(!canLock)('keychain status', () => {
  const store = new KeyringSecretStore({ linuxFallback: 'none', timeoutMs: 20_000 });

  beforeAll(async () => {
    const child = execFile('secret-tool', ['store', '--label=sentinel', ...Object.entries(probeName).flat()]);
    child.stdin?.end(SENTINEL);
    await new Promise((resolve) => child.on('close', resolve));
    expect(await probeEntries()).toEqual([SENTINEL]);
  });
  afterAll(async () => {
    await unlockKeyring();
    await run('secret-tool', ['clear', ...Object.entries(probeName).flat()]).catch(() => undefined); // exits 1 when nothing matched
  });

  it('reports ok and writes nothing: an entry under the probe’s name is untouched', async () => {
    for (let i = 0; i < 3; i++) expect(await store.status()).toEqual({ state: 'ok', message: null });
    expect(await probeEntries()).toEqual([SENTINEL]);
  });

  it('reports locked while the collection is locked, and ok again once unlocked', async () => {
    await lockKeyring();
    expect(await store.status()).toMatchObject({ state: 'locked', message: expect.stringMatching(/locked/i) });
    await unlockKeyring();
    expect(await store.status()).toEqual({ state: 'ok', message: null });
    expect(await probeEntries()).toEqual([SENTINEL]);
  });
});
