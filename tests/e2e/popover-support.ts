/** Helpers for the popover's browser-preview tests: a page with clipboard rights, and emulator probes. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Stack } from '../support/preview.js';

export interface PopoverPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A 380x560 page on the preview, allowed to use the clipboard. */
export async function openPopover(browser: Browser, stack: Stack, colorScheme: 'light' | 'dark' = 'light'): Promise<PopoverPage> {
  const context = await browser.newContext({ viewport: { width: 380, height: 560 }, colorScheme });
  const origin = new URL(stack.preview.url).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(stack.preview.url);
  return { context, page, errors };
}

/** The list named "Tokens". */
export const tokenList = (page: Page): Locator => page.getByRole('list', { name: 'Tokens' });

/** The row (listitem) containing a description. */
export const row = (page: Page, description: string): Locator =>
  tokenList(page).getByRole('listitem').filter({ hasText: description });

/** Opens a row's actions (its toggle button carries the description). */
export async function openRow(page: Page, description: string): Promise<Locator> {
  const r = row(page, description);
  const toggle = r.locator('[data-row-toggle]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return r;
}

/** GET /account on the emulator with a token: 200 when it works, 401 when it does not. */
export async function accountStatus(stack: Stack, token: string): Promise<number> {
  const res = await fetch(`${stack.emulator.url}/account`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.heroku+json; version=3' },
  });
  await res.arrayBuffer();
  return res.status;
}

/** The browser's clipboard text. */
export const readClipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

/** Waits until a locator's text satisfies a check (no fixed sleeps). */
export async function pollText(locator: Locator, check: (t: string) => boolean, timeout = 15_000): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        last = (await locator.textContent()) ?? '';
        return check(last);
      },
      { timeout, interval: 100 },
    )
    .toBe(true);
  return last;
}
