/**
 * Issue 13 in the browser preview (Chromium -> preview bridge -> real services -> emulator):
 * a lease is created, counts down, is copied as an export line (cleared from the clipboard after
 * the delay) and ended with exactly one DELETE; a held token is copied as curl; "Remove expired
 * tokens" revokes only the expired ones after one confirmation; a federated (SSO) account shows its
 * SSO note (and `UPDATE_SCREENSHOTS=1` writes docs/popover-cli-sso.png for the README).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

  beforeAll(async () => {
    stack = await startStack({ emulator: { seed: 'federated' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the SSO note; a long-lived token for the CLI is refused with a clear message', async () => {
    const context = await browser.newContext({ viewport: { width: 380, height: 560 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(stack.preview.url);
    const note = page.locator('.sso-note');
    await note.waitFor();
    expect(await note.textContent()).toBe('SSO account through acme-sso: its logins last 8 hours. Heroku recommends a non-SSO account for long-lived tokens.');
    await tokenList(page).getByRole('listitem').first().waitFor();
    await page.locator('#token-search').blur();
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      const docs = path.resolve(import.meta.dirname, '../../docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(path.join(docs, 'popover-cli-sso.png'), png);
    }
    const r = await stack.preview.core.handlers['leases:create']({ scopes: ['read'], lifetimeSeconds: 600 });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('federated') } });
    await context.close();
  });
});
