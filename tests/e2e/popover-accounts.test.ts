/** Several accounts in the browser preview: Add account, the switcher, each account's own list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { openPopover, row, tokenList, type PopoverPage } from './popover-support.js';

describe('accounts (browser preview)', () => {
  let browser: Browser;
  let stack: Stack;
  let pp: PopoverPage;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    pp = await openPopover(browser, stack);
  });
  afterAll(async () => {
    expect(pp?.errors ?? []).toEqual([]);
    await browser?.close();
    await stack?.close();
  });

  it('adds a second account, lists its tokens, and switches back and forth', async () => {
    const { page } = pp;
    const demoCount = stack.emulator.liveAuthorizations().length;
    await expect.poll(() => tokenList(page).getByRole('listitem').count(), { timeout: 15_000 }).toBe(demoCount);
    const ops = stack.emulator.addAccount({ email: 'ops@example.com', authorizations: 3 });
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('API key').fill(ops.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => tokenList(page).getByRole('listitem').count(), { timeout: 15_000 }).toBe(4);
    const switcher = page.getByRole('combobox', { name: 'Account' });
    expect(await switcher.inputValue()).toBe(ops.account.id);
    await switcher.selectOption({ label: 'demo@example.com' });
    await expect.poll(() => tokenList(page).getByRole('listitem').count(), { timeout: 15_000 }).toBe(demoCount);
    expect(await row(page, 'Release bot').count()).toBe(1);
    await page.getByRole('combobox', { name: 'Account' }).selectOption({ label: 'ops@example.com' });
    await expect.poll(() => tokenList(page).getByRole('listitem').count(), { timeout: 15_000 }).toBe(4);
  });
});
