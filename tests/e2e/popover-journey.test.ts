/**
 * The whole journey in the browser preview: Chromium -> preview bridge -> real services -> emulator.
 * Sign in with a key, watch a countdown, create, copy (and see the clipboard cleared), rename,
 * rotate (the old token gets 401), revoke (gone from the list and the emulator).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { accountStatus, openPopover, openRow, pollText, readClipboard, row, tokenList, type PopoverPage } from './popover-support.js';

describe('popover journey (browser preview)', () => {
  let browser: Browser;
  let stack: Stack;
  let pp: PopoverPage;
  let page: Page;
  let createdToken = '';

  beforeAll(async () => {
    stack = await startStack({ signIn: false });
    browser = await launchChromium();
    pp = await openPopover(browser, stack);
    page = pp.page;
  });
  afterAll(async () => {
    expect(pp?.errors ?? []).toEqual([]);
    await browser?.close();
    await stack?.close();
  });

  it('signs in with an API key from the emulator and lists every token, soonest first', async () => {
    await page.getByLabel('API key').fill(stack.emulator.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const live = stack.emulator.liveAuthorizations();
    await expect.poll(() => tokenList(page).getByRole('listitem').count(), { timeout: 15_000 }).toBe(live.length);
    for (const a of live) expect(await row(page, a.description).count()).toBe(1);
    const datetimes = await tokenList(page).locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    expect(datetimes.length).toBeGreaterThan(3);
    expect([...datetimes].sort((a, b) => a - b)).toEqual(datetimes);
    expect(await tokenList(page).getByText('Never expires', { exact: true }).count()).toBe(live.filter((a) => a.expiresAt === null).length);
    await expect.poll(() => page.getByText(`API: ${stack.emulator.url}`).count()).toBe(1);
  });

  it('counts down live', async () => {
    const time = row(page, 'GitHub Actions deploy').locator('time');
    const first = (await time.textContent()) ?? '';
    expect(first).toMatch(/^in \d+ min \d\d s$/);
    await pollText(time, (t) => t !== first);
  });

  it('before revoking the app’s own key or the CLI’s login, says what stops working (crack 10); Cancel keeps both', async () => {
    const cases = [
      ['Token Tray demo key', /Heroku Token Tray signs out of this account/, 'Revoke and sign out'],
      ['Heroku CLI login from dev-laptop.local', /heroku commands on this machine stop working until you log in again/, 'Revoke CLI session'],
    ] as const;
    for (const [description, words, confirm] of cases) {
      const r = await openRow(page, description);
      await r.getByRole('button', { name: 'Revoke', exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      expect(await dialog.textContent()).toMatch(words);
      expect(await dialog.getByRole('button', { name: confirm }).count()).toBe(1);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
      await r.locator('[data-row-toggle]').click();
    }
    expect(await row(page, 'Token Tray demo key').count()).toBe(1);
  });

  it('sets a short clipboard clear delay in Settings', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Clear copied tokens after (seconds)');
    await field.fill('5');
    await field.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    await page.getByRole('checkbox', { name: '30 days before' }).check();
    await page.getByRole('checkbox', { name: 'Launch at login' }).check();
    await page.getByLabel('Refresh every').selectOption('15');
    await expect
      .poll(async () => {
        const s = await stack.preview.core.handlers['settings:get'](undefined);
        return s.ok ? s.value : null;
      })
      .toMatchObject({ clipboardClearSeconds: 5, launchAtLogin: true, refreshIntervalMinutes: 15, thresholdsSeconds: [30 * 86400, 7 * 86400, 86400, 3600, 0] });
    await page.getByRole('button', { name: 'Back to tokens' }).click();
  });

  it('creates a token and shows it once; it works against the API', async () => {
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByLabel('Description').fill('E2E deploy key');
    await page.getByRole('checkbox', { name: 'write', exact: true }).check();
    await page.getByRole('radio', { name: '1 day' }).check();
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByRole('heading', { name: 'Token created' }).waitFor();
    createdToken = await page.getByLabel('New token').inputValue();
    expect(createdToken).toMatch(/^HRKU-/);
    expect(await accountStatus(stack, createdToken)).toBe(200);
    const made = stack.emulator.liveAuthorizations().find((a) => a.description === 'E2E deploy key');
    expect(made?.scope).toEqual(['read', 'write']);
  });

  it('copies it; the clipboard holds it, then is cleared after the delay', async () => {
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => readClipboard(page)).toBe(createdToken);
    await expect.poll(() => readClipboard(page), { timeout: 15_000, interval: 250 }).toBe('');
    await page.getByRole('button', { name: 'Done' }).click();
    const r = row(page, 'E2E deploy key');
    await r.waitFor();
    expect(await r.locator('time').textContent()).toMatch(/^in (23 h|1 day)/);
    expect(await r.textContent()).toContain(`•••• ${createdToken.slice(-4)}`);
    await r.getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(() => readClipboard(page)).toBe(createdToken);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'cleared in 5 s' }).count()).toBe(1);
  });

  it('renames inline', async () => {
    const r = await openRow(page, 'E2E deploy key');
    await r.getByRole('button', { name: 'Rename' }).click();
    const input = r.getByLabel('New description');
    await input.fill('E2E renamed key');
    await input.press('Enter');
    await row(page, 'E2E renamed key').waitFor();
    await expect.poll(() => stack.emulator.liveAuthorizations().some((a) => a.description === 'E2E renamed key')).toBe(true);
  });

  it('rotates after a confirmation; the old token now gets 401', async () => {
    const r = await openRow(page, 'E2E renamed key');
    await r.getByRole('button', { name: 'Rotate', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('E2E renamed key');
    await dialog.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByRole('heading', { name: 'Token rotated' }).waitFor();
    const fresh = await page.getByLabel('New token').inputValue();
    expect(fresh).toMatch(/^HRKU-/);
    expect(fresh).not.toBe(createdToken);
    expect(await accountStatus(stack, createdToken)).toBe(401);
    expect(await accountStatus(stack, fresh)).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();
    createdToken = fresh;
  });

  it('revokes after a confirmation naming the token; gone from the list and the emulator', async () => {
    const r = await openRow(page, 'E2E renamed key');
    await r.getByRole('button', { name: 'Revoke', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('Revoke “E2E renamed key”?');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await expect.poll(() => row(page, 'E2E renamed key').count()).toBe(0);
    expect(stack.emulator.liveAuthorizations().some((a) => a.description === 'E2E renamed key')).toBe(false);
    expect(await accountStatus(stack, createdToken)).toBe(401);
  });

  it('opens the token a notification named', async () => {
    const a = stack.emulator.liveAuthorizations().find((x) => x.description === 'Release bot')!;
    const accountId = (await stack.preview.core.handlers['account:current'](undefined)) as { ok: true; value: { id: string } };
    stack.preview.core.bus.emit('popover:focus-token', { accountId: accountId.value.id, id: a.id });
    const toggle = row(page, 'Release bot').locator('[data-row-toggle]');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('filters by description, scope and id, and works from the keyboard', async () => {
    const search = page.getByLabel('Search tokens');
    await search.fill('write-protected');
    await expect.poll(() => tokenList(page).getByRole('listitem').count()).toBe(1);
    await search.fill('staging');
    await expect.poll(() => tokenList(page).getByRole('listitem').count()).toBe(1);
    const id = stack.emulator.liveAuthorizations().find((a) => a.description === 'Release bot')!.id;
    await search.fill(id.slice(0, 13));
    await expect.poll(() => tokenList(page).getByRole('listitem').textContent()).toContain('Release bot');
    await search.press('Escape');
    expect(await search.inputValue()).toBe('');
    await search.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-id'));
    expect(focused).toBe(await tokenList(page).getByRole('listitem').nth(1).getAttribute('data-id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => tokenList(page).getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => tokenList(page).getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(0);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-search');
  });
});
