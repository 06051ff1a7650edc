/**
 * Screenshots of the popover for the README: the list (light and dark), the create flow and the
 * expiry timeline. `npm run screenshots` writes them to docs/; a plain test run only checks that
 * each one can be taken. The one-time token is masked: no real-looking token goes into an image.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { KeychainLikeStore, saveScreenshot as save } from '../support/screenshots.js';
import { tokenList } from './popover-support.js';




describe('screenshots', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ adapters: { secrets: new KeychainLikeStore() } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function popover(colorScheme: 'light' | 'dark'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 380, height: 560 }, deviceScaleFactor: 2, colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(stack.preview.url);
    await tokenList(page).getByRole('listitem').first().waitFor();
    // The seed's expired token is listed with expires_in 0: wait until it reads "expired".
    await tokenList(page).getByText(/^expired /).first().waitFor();
    // The search box takes focus on open (keyboard first); the pictures show the resting state.
    await page.locator('#token-search').blur();
    return page;
  }

  it.each(['light', 'dark'] as const)('the list (%s)', async (scheme) => {
    const page = await popover(scheme);
    await save(`popover-list-${scheme}.png`, await page.screenshot());
    if (scheme === 'light') {
      // Further down: the CLI's session badge and the hygiene flags.
      await page.locator('.scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await save('popover-list-flags.png', await page.screenshot());
    }
  });

  it('the create flow and the one-time panel', async () => {
    const page = await popover('light');
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByLabel('Description').fill('GitHub Actions: deploy to production');
    await page.getByRole('checkbox', { name: 'write', exact: true }).check();
    await page.getByRole('radio', { name: '7 days' }).check();
    await page.getByLabel('Description').blur();
    await save('popover-create.png', await page.screenshot());
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByRole('heading', { name: 'Token created' }).waitFor();
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText(/Copied\./).waitFor();
    const token = page.getByLabel('New token');
    await save('popover-created.png', await page.screenshot({ mask: [token], maskColor: '#ece6f7' }));
  });

  it('the expiry timeline, with a row open', async () => {
    const page = await popover('light');
    await tokenList(page).locator('[data-row-toggle]').nth(1).click();
    await save('popover-row-open.png', await page.screenshot());
    await save('popover-timeline.png', await page.locator('figure.timeline').screenshot());
  });
});
