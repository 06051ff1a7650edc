/**
 * Every state of the popover, driven by emulator faults and adapters: first run (sign in, import,
 * a locked keychain), loading with progress, the first load failing (error + Retry), and a
 * refresh failing over a good list (401, 429, 503, connection reset, "updated 12 min ago"),
 * and a keychain that locks while the app runs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { SecretStoreError } from '../../main/ports.js';
import type { FaultSpec } from '../heroku-emulator/server.js';
import { openPopover, tokenList, row, type PopoverPage } from './popover-support.js';

const LOCKED = 'The login keyring is locked. Unlock it and try again.';

/** A memory store that can be locked like a real keychain. */
class LockableSecretStore extends MemorySecretStore {
  locked = false;
  private check(): void {
    if (this.locked) throw new SecretStoreError('locked', LOCKED);
  }
  override async get(key: string) {
    this.check();
    return super.get(key);
  }
  override async set(key: string, value: string) {
    this.check();
    return super.set(key, value);
  }
  override async delete(key: string) {
    this.check();
    return super.delete(key);
  }
  override async status() {
    return this.locked ? { state: 'locked' as const, message: LOCKED } : { state: 'ok' as const, message: null };
  }
}

let browser: Browser;
const open: Array<{ stack: Stack; pp: PopoverPage }> = [];

async function popover(opts: Parameters<typeof startStack>[0] = {}): Promise<{ stack: Stack; page: Page }> {
  const stack = await startStack(opts);
  const pp = await openPopover(browser, stack);
  open.push({ stack, pp });
  return { stack, page: pp.page };
}

const banner = (page: Page, kind: string) => page.locator(`.banner[data-kind="${kind}"]`);
const listed = (page: Page) => tokenList(page).getByRole('listitem').count();

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  for (const { stack, pp } of open.splice(0)) {
    expect(pp.errors).toEqual([]);
    await pp.context.close();
    await stack.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('first run', () => {
  it('offers the API key field and Sign in; a wrong key is refused with a clear message', async () => {
    const { page } = await popover({ signIn: false });
    await page.getByLabel('API key').fill(`HRKU-${randomUUID()}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/did not accept (this|that) API key/);
    expect(await page.getByRole('list', { name: 'Tokens' }).count()).toBe(0);
  });

  it('imports a key the Heroku CLI left in the environment', async () => {
    const key = `HRKU-${randomUUID()}`;
    const { stack, page } = await popover({ signIn: false, emulator: { apiKey: key }, adapters: { importer: envKeyImporter({ HEROKU_API_KEY: key }) } });
    await page.getByRole('button', { name: 'Import from HEROKU_API_KEY environment variable' }).click();
    await expect.poll(() => listed(page), { timeout: 15_000 }).toBe(stack.emulator.liveAuthorizations().length);
  });

  it('says so when the keychain is locked at sign-in', async () => {
    const secrets = new LockableSecretStore();
    secrets.locked = true;
    const { stack, page } = await popover({ signIn: false, adapters: { secrets } });
    await page.getByLabel('API key').fill(stack.emulator.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(LOCKED);
  });
});

describe('loading and the first load failing', () => {
  it('shows progress while the list loads, without motion when reduced motion is asked for', async () => {
    const { stack, page } = await popover({ emulator: { faults: [{ route: 'list', kind: 'latency', latencyMs: 2500, times: 1 }] } });
    const bar = page.getByRole('progressbar', { name: 'Loading tokens' });
    await bar.waitFor();
    const animation = () => bar.locator('.progress-bar').evaluate((el) => getComputedStyle(el).animationName);
    expect(await animation()).toBe('indeterminate');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    await expect.poll(() => listed(page), { timeout: 15_000 }).toBe(stack.emulator.liveAuthorizations().length);
    expect(await page.getByRole('progressbar').count()).toBe(0);
  });

  it('shows the error with Retry, and Retry recovers', async () => {
    const { stack, page } = await popover({ emulator: { faults: [{ route: 'list', kind: 'status', status: 503 }] } });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('HTTP 503');
    stack.emulator.faults.clear();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => listed(page), { timeout: 15_000 }).toBe(stack.emulator.liveAuthorizations().length);
  });
});

describe('a refresh failing over a good list', () => {
  const cases: Array<{ name: string; fault: FaultSpec; kind: string; text: RegExp }> = [
    { name: '401', fault: { route: 'list', kind: 'status', status: 401 }, kind: 'unauthorized', text: /rejected this account’s API key.*sign in again/i },
    { name: '429', fault: { route: 'list', kind: 'status', status: 429, errorId: 'rate_limit' }, kind: 'rate-limited', text: /rate limit was reached/ },
    { name: '503', fault: { route: 'list', kind: 'status', status: 503 }, kind: 'stale', text: /Could not refresh · updated just now.*HTTP 503/ },
    { name: 'connection reset', fault: { route: 'list', kind: 'reset' }, kind: 'offline', text: /Offline · updated just now/ },
  ];
  for (const c of cases) {
    it(`keeps the list and explains a ${c.name}, then recovers on Retry`, async () => {
      const { stack, page } = await popover();
      const count = stack.emulator.liveAuthorizations().length;
      await expect.poll(() => listed(page), { timeout: 15_000 }).toBe(count);
      stack.emulator.faults.add(c.fault);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await banner(page, c.kind).waitFor();
      expect(await banner(page, c.kind).textContent()).toMatch(c.text);
      expect(await listed(page)).toBe(count);
      if (c.kind === 'unauthorized') expect(await banner(page, c.kind).getByRole('button', { name: 'Sign in again' }).count()).toBe(1);
      stack.emulator.faults.clear();
      const retry = banner(page, c.kind).getByRole('button', { name: 'Retry' });
      if (await retry.count()) await retry.click();
      else await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => banner(page, c.kind).count()).toBe(0);
    });
  }

  it('says how old the list is when offline ("updated 12 min ago")', async () => {
    // The app's clock runs 12 minutes behind the browser's, so its last good list is 12 minutes old.
    const clock = { now: () => Date.now() - 12.5 * 60_000, setTimeout: systemClock.setTimeout };
    const { stack, page } = await popover({ adapters: { clock } });
    await expect.poll(() => listed(page), { timeout: 15_000 }).toBeGreaterThan(0);
    stack.emulator.faults.add({ route: 'list', kind: 'reset' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await banner(page, 'offline').waitFor();
    expect(await banner(page, 'offline').textContent()).toContain('Offline · updated 12 min ago');
    expect(await page.locator('footer').textContent()).toContain('Updated 12 min ago');
  });
});

describe('a mutation whose outcome is unknown', () => {
  it('says so instead of retrying, and the list shows what really happened', async () => {
    const { stack, page } = await popover();
    await tokenList(page).getByRole('listitem').first().waitFor();
    stack.emulator.faults.add({ route: 'create', kind: 'reset-after-commit', times: 1 });
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByLabel('Description').fill('Maybe created');
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/not known whether the create happened.*not created twice/);
    expect(stack.emulator.liveAuthorizations().filter((a) => a.description === 'Maybe created')).toHaveLength(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await row(page, 'Maybe created').waitFor();
  });
});

describe('keychain locked while running', () => {
  it('shows the locked banner and explains a failed copy; Retry clears it once unlocked', async () => {
    const secrets = new LockableSecretStore();
    const { stack, page } = await popover({ adapters: { secrets } });
    const made = await stack.preview.core.handlers['authorizations:create']({ description: 'Held token', scopes: ['read'], expiresIn: 3600 });
    expect(made.ok).toBe(true);
    await row(page, 'Held token').waitFor();
    secrets.locked = true;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await banner(page, 'keychain').waitFor();
    expect(await banner(page, 'keychain').textContent()).toContain('Your keychain is locked');
    await row(page, 'Held token').getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(LOCKED);
    secrets.locked = false;
    await banner(page, 'keychain').getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => banner(page, 'keychain').count()).toBe(0);
  });
});
