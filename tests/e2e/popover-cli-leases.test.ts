/**
 * Issue 13 in the browser preview (Chromium -> preview bridge -> real services -> emulator):
 * a lease is created, counts down, is copied as an export line (cleared from the clipboard after
 * the delay) and ended with exactly one DELETE; a held token is copied as curl; "Remove expired
 * tokens" revokes only the expired ones after one confirmation; a federated (SSO) account shows its
 * SSO note (and `UPDATE_SCREENSHOTS=1` writes docs/popover-cli-sso.png for the README).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliHostsFor, herokuCliLoginStore } from '../../main/adapters/heroku-cli-login-store.js';
import { KeychainLikeStore, saveScreenshot } from '../support/screenshots.js';
import type { CliLoginStore } from '../../main/ports.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { openPopover, openRow, pollText, readClipboard, tokenList, type PopoverPage } from './popover-support.js';

const deletes = (stack: Stack) => stack.emulator.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/oauth/authorizations/'));

describe('leases, copy as and clean up (browser preview)', () => {
  let browser: Browser;
  let stack: Stack;
  let pp: PopoverPage;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack({});
    const s = await stack.preview.core.handlers['settings:update']({ clipboardClearSeconds: 5 });
    expect(s.ok).toBe(true);
    browser = await launchChromium();
    pp = await openPopover(browser, stack);
    page = pp.page;
    await tokenList(page).getByRole('listitem').first().waitFor();
  });
  afterAll(async () => {
    expect(pp?.errors ?? []).toEqual([]);
    await browser?.close();
    await stack?.close();
  });

  it('leases a token: shown once, then listed with its Lease badge and a running countdown', async () => {
    await page.getByRole('button', { name: 'Lease a token' }).click();
    await page.getByRole('checkbox', { name: 'write', exact: true }).check();
    await page.getByLabel('Lease for').selectOption({ label: '15 minutes' });
    await page.getByRole('button', { name: 'Lease it' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    const lease = stack.emulator.account.authorizations.at(-1)!;
    expect(lease).toMatchObject({ description: 'Lease: read, write for 15 min (Heroku Token Tray)', scope: ['read', 'write'] });
    expect(Math.round((lease.expiresAt! - lease.createdAt) / 1000)).toBe(900);
    const leaseRow = page.locator(`[data-lease-id="${lease.id}"]`);
    await expect.poll(() => leaseRow.getByText('Lease', { exact: true }).count()).toBe(1);
    const first = await pollText(leaseRow.locator('time'), (t) => /in 1[45] min/.test(t));
    await pollText(leaseRow.locator('time'), (t) => t !== first);
  });

  it('copies the lease as an export line through the guard; the clipboard is cleared after the delay', async () => {
    const lease = stack.emulator.account.authorizations.at(-1)!;
    await page.locator(`[data-lease-id="${lease.id}"]`).getByRole('button', { name: 'Copy as export line' }).click();
    await expect.poll(() => readClipboard(page)).toBe(`export HEROKU_API_KEY=${lease.token}`);
    await expect.poll(() => readClipboard(page), { timeout: 15_000, interval: 250 }).toBe('');
  });

  it('copies a held token as curl, against the configured API origin; cleared after the delay', async () => {
    const lease = stack.emulator.account.authorizations.at(-1)!;
    const r = await openRow(page, lease.description);
    await r.getByRole('button', { name: 'Copy as curl' }).click();
    await expect
      .poll(() => readClipboard(page))
      .toBe(`curl ${stack.emulator.url}/account -H "Accept: application/vnd.heroku+json; version=3" -H "Authorization: Bearer ${lease.token}"`);
    await expect.poll(() => readClipboard(page), { timeout: 15_000, interval: 250 }).toBe('');
  });

  it('End lease sends exactly one DELETE, for the lease, and the lease is gone', async () => {
    const lease = stack.emulator.account.authorizations.at(-1)!;
    const before = deletes(stack).length;
    await page.locator(`[data-lease-id="${lease.id}"]`).getByRole('button', { name: 'End lease' }).click();
    await expect.poll(() => page.locator(`[data-lease-id="${lease.id}"]`).count()).toBe(0);
    expect(deletes(stack).slice(before).map((r) => r.path)).toEqual([`/oauth/authorizations/${lease.id}`]);
    expect(lease.revoked).toBe(true);
  });

  it('Remove expired tokens: one confirmation lists them, one DELETE each, never a live one', async () => {
    const now = stack.emulator.clock.now();
    const expired = stack.emulator.liveAuthorizations().filter((a) => a.expiresAt !== null && a.expiresAt <= now);
    expect(expired.length).toBeGreaterThan(0);
    const live = stack.emulator.liveAuthorizations().filter((a) => !expired.includes(a));
    const before = deletes(stack).length;
    await page.getByRole('button', { name: 'Remove expired tokens' }).click();
    const dialog = page.getByRole('alertdialog');
    for (const a of expired) await dialog.getByText(a.description).waitFor();
    await dialog.getByRole('button', { name: 'Remove them' }).click();
    await expect.poll(() => expired.every((a) => a.revoked)).toBe(true);
    expect(deletes(stack).slice(before).map((r) => r.path).sort()).toEqual(expired.map((a) => `/oauth/authorizations/${a.id}`).sort());
    expect(live.every((a) => !a.revoked)).toBe(true);
  });
});


describe('a federated (SSO) account (browser preview)', () => {
  let browser: Browser;
  let stack: Stack;
  let home: string;

  beforeAll(async () => {
    // The CLI's SSO login in a throwaway ~/.netrc (the emulator's host is known once it runs).
    home = mkdtempSync(path.join(os.tmpdir(), 'sso-home-'));
    let inner: CliLoginStore | null = null;
    const cliLogin: CliLoginStore = {
      location: () => inner!.location(),
      current: () => inner!.current(),
      snapshot: (l) => inner!.snapshot(l),
      install: (l, t) => inner!.install(l, t),
      restore: (s) => inner!.restore(s),
    };
    stack = await startStack({ emulator: { seed: 'federated' }, adapters: { cliLogin, secrets: new KeychainLikeStore() } });
    inner = herokuCliLoginStore({ env: { HEROKU_NETRC_WRITE: 'true' }, homeDir: home, platform: 'linux', keychain: null, ...cliHostsFor(stack.emulator.url) });
    writeFileSync(path.join(home, '.netrc'), `machine ${new URL(stack.emulator.url).host}\n  login ${stack.emulator.account.email}\n  password ${stack.emulator.apiKey}\n`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('shows the SSO note; a long-lived token for the CLI is refused with a clear message', async () => {
    const context = await browser.newContext({ viewport: { width: 380, height: 560 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(stack.preview.url);
    const note = page.locator('.sso-note');
    await note.waitFor();
    await page.locator('.cli-row').getByText('CLI session').waitFor();
    // The seed's CLI login has 6 h left when the stack starts; a countdown rounds time left up to
    // the second, so within the first second it reads "in 6 h 00 min", after it "in 5 h 59 min".
    expect(await page.locator('.cli-row time').textContent()).toMatch(/^in (5 h 5\d|6 h 00) min/);
    expect(await note.textContent()).toBe('SSO account through acme-sso: its logins last 8 hours. Heroku recommends a non-SSO account for long-lived tokens.');
    await tokenList(page).getByRole('listitem').first().waitFor();
    await page.locator('#token-search').blur();
    saveScreenshot('popover-cli-sso.png', await page.screenshot());
    const r = await stack.preview.core.handlers['leases:create']({ scopes: ['read'], lifetimeSeconds: 600 });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('federated') } });
    await page.getByRole('button', { name: 'Use for Heroku CLI' }).click();
    await page.getByRole('button', { name: 'Give it to the CLI' }).click();
    await page.getByRole('alert').getByText(/SSO \(federated\) account: Heroku does not let it create long-lived tokens/).waitFor();
    expect(readFileSync(path.join(home, '.netrc'), 'utf8')).toContain(stack.emulator.apiKey);
    await context.close();
  });
});
