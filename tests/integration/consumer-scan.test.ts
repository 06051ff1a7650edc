/**
 * The consumer scan against the emulator: an account with 100 apps costs 101 requests (the apps
 * list, then one config-vars read per app; pages aside), the cost is said beforehand, the scan
 * pauses while RateLimit-Remaining is low and resumes when it recovers, matches are exact /
 * likely / broken, and a file change on disk is picked up.
 */
import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../shared/domain/consumers.js';
import { startConsumersHarness, type ConsumersHarness } from '../support/consumers-harness.js';
import { LocalConsumerFiles } from '../../main/adapters/local-consumer-files.js';
import { raw } from './support/emu-http.js';

let h: ConsumersHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const appRequests = (hh: ConsumersHarness, from: number) => hh.emu.requests.slice(from).filter((r) => r.path.startsWith('/apps'));

describe('consumer scan', () => {
  it('100 apps: 101 requests, the cost known beforehand for the next scan', async () => {
    h = await startConsumersHarness({ apps: [], envFile: false });
    const hh = h;
    for (let i = 0; i < 100; i++) hh.emu.addApp(`app-${String(i).padStart(3, '0')}`, i % 10 === 0 ? { HEROKU_API_KEY: hh.tokenA } : { FOO: 'bar' });
    const first = await hh.scan.estimate();
    expect(first.ok && first.value).toMatchObject({ apps: null, requests: null });
    const before = hh.emu.requests.length;
    const r = await hh.scan.scan();
    expect(r.ok).toBe(true);
    const reqs = appRequests(hh, before);
    expect(reqs.filter((x) => x.path === '/apps')).toHaveLength(1);
    expect(reqs.filter((x) => x.path.endsWith('/config-vars'))).toHaveLength(100);
    expect(reqs).toHaveLength(101);
    expect(r.ok && r.value.consumers.filter((c) => c.authorizationId === hh.idA && c.match === 'exact')).toHaveLength(10);
    const next = await hh.scan.estimate();
    expect(next.ok && next.value).toMatchObject({ apps: 100, requests: 101 });
  });

  it('pages aside: 100 apps served 30 per page make 4 list requests and 100 reads', async () => {
    h = await startConsumersHarness({ apps: [], envFile: false, appsPerPage: 30 });
    const hh = h;
    for (let i = 0; i < 100; i++) hh.emu.addApp(`app-${String(i).padStart(3, '0')}`, {});
    const before = hh.emu.requests.length;
    expect((await hh.scan.scan()).ok).toBe(true);
    const reqs = appRequests(hh, before);
    expect(reqs.filter((x) => x.path === '/apps')).toHaveLength(4);
    expect(reqs.filter((x) => x.path.endsWith('/config-vars'))).toHaveLength(100);
  });

  it('pauses while RateLimit-Remaining is below the reserve, and resumes when it recovers', async () => {
    h = await startConsumersHarness({ apps: [], envFile: false, reserve: 50, pauseMs: 100 });
    const hh = h;
    for (let i = 0; i < 20; i++) hh.emu.addApp(`app-${String(i).padStart(3, '0')}`, {});
    const progress: ScanProgress[] = [];
    (hh.scan as unknown as { deps: { onProgress?: (p: ScanProgress) => void } }).deps.onProgress = (p) => {
      progress.push(p);
      // Heroku refills the budget over time; here the test does, once the scan has paused.
      if (p.paused && progress.filter((x) => x.paused).length === 3) hh.emu.setRateLimitRemaining(1000);
    };
    hh.emu.setRateLimitRemaining(60);
    const before = hh.emu.requests.length;
    const r = await hh.scan.scan();
    expect(r.ok).toBe(true);
    const paused = progress.filter((p) => p.paused);
    expect(paused.length).toBe(3);
    // It stopped reading before the budget fell under the reserve, and read every app in the end.
    const reads = appRequests(hh, before).filter((x) => x.path.endsWith('/config-vars'));
    expect(reads).toHaveLength(20);
    const beforePause = progress.findIndex((p) => p.paused);
    // 60 left, reserve 50: the list refresh, the apps list and about eight reads, then the pause.
    expect(progress[beforePause]!.done).toBeGreaterThanOrEqual(7);
    expect(progress[beforePause]!.done).toBeLessThan(20);
    // While paused it only asked the free rate-limits route (no 429, nothing spent).
    expect(hh.emu.requests.slice(before).some((x) => x.status === 429)).toBe(false);
    expect(hh.emu.requests.slice(before).filter((x) => x.path === '/account/rate-limits').length).toBeGreaterThanOrEqual(3);
  });

  it('exact, likely (by Heroku mask) and broken; keeps no value anywhere', async () => {
    h = await startConsumersHarness({ apps: ['holds-a'], emulator: { redactTokens: true } });
    const hh = h;
    // A token the app does not hold: matched by the masked list only.
    const other = await raw(hh.emu, '/oauth/authorizations', { method: 'POST', body: { scope: ['read'], description: 'Made elsewhere' } });
    const otherToken = (other.json as { access_token: { token: string }; id: string }).access_token.token;
    const otherId = (other.json as { id: string }).id;
    hh.emu.addApp('holds-other', { HEROKU_API_KEY: otherToken });
    hh.emu.addApp('holds-junk', { HEROKU_API_KEY: 'HRKU-00000000-0000-0000-0000-000000000000', NOT_A_TOKEN: 'hello' });
    await hh.core.authorizations.refresh();
    const r = await hh.scan.scan();
    expect(r.ok).toBe(true);
    const found = r.ok ? r.value.consumers : [];
    const by = (loc: string) => found.find((c) => c.location === loc);
    expect(by('holds-a')).toMatchObject({ match: 'exact', authorizationId: hh.idA, varName: 'HEROKU_API_KEY' });
    expect(by('holds-other')).toMatchObject({ match: 'likely', authorizationId: otherId });
    expect(by('holds-junk')).toMatchObject({ match: 'broken', authorizationId: null });
    expect(by(hh.envFile)).toMatchObject({ match: 'exact', kind: 'file' });
    expect(found.some((c) => c.varName === 'NOT_A_TOKEN')).toBe(false);
    const kept = JSON.stringify(hh.store.read()) + hh.logger.lines.join('\n');
    for (const secret of [hh.tokenA, otherToken, 'HRKU-00000000-0000-0000-0000-000000000000']) expect(kept).not.toContain(secret);
    for (const c of found) expect(Object.keys(c).sort()).toEqual(['accountId', 'authorizationId', 'key', 'kind', 'location', 'match', 'varName']);
  });

  it('a file changed on disk is noticed by the watcher and rescanned without any API call', async () => {
    h = await startConsumersHarness({ apps: [] });
    const hh = h;
    await hh.scan.scan();
    const files = new LocalConsumerFiles();
    let changed = 0;
    const stop = files.watch(hh.envFile, () => void (changed += 1));
    const before = hh.emu.requests.length;
    appendFileSync(hh.envFile, 'SECOND_KEY=HRKU-11111111-2222-3333-4444-555555555555\n');
    await expect.poll(() => changed, { timeout: 5_000 }).toBeGreaterThan(0);
    stop();
    const r = await hh.scan.rescanFiles(hh.accountId);
    expect(r.ok && r.value.consumers.filter((c) => c.kind === 'file').map((c) => [c.varName, c.match])).toEqual([
      ['HEROKU_API_KEY', 'exact'],
      ['SECOND_KEY', 'broken'],
    ]);
    expect(hh.emu.requests.slice(before).filter((x) => x.path.startsWith('/apps'))).toHaveLength(0);
  });
});
