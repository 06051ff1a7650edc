/**
 * Screenshots of the consumers feature for the README: the "Used by" list on a row, the Replace
 * plan, and a replace that stopped half way (one app refused the write). `npm run screenshots`
 * (UPDATE_SCREENSHOTS=1) writes them to docs/; a plain run only checks each can be taken. Each
 * state is also checked with axe-core (no violations).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainLikeStore, saveScreenshot as save } from '../support/screenshots.js';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { row, tokenList } from './popover-support.js';

const DESCRIPTION = 'Nightly backup worker';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations on the page (evaluated through DevTools: the popover's CSP stays on). */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}



describe('consumers screenshots', () => {
  let browser: Browser;
  let stack: Stack;
  let page: Page;
  let dir = '';

  beforeAll(async () => {
    stack = await startStack({ adapters: { secrets: new KeychainLikeStore() } });
    const core = stack.preview.core;
    const made = await core.authorizations.create({ description: DESCRIPTION, scopes: ['read', 'write'], expiresIn: 6 * 86400 });
    if (!made.ok) throw new Error(made.error.message);
    const old = await core.authorizations.create({ description: 'Old cron key', scopes: ['read'], expiresIn: null });
    if (!old.ok) throw new Error(old.error.message);
    await core.authorizations.revoke(old.value.authorization.id);
    stack.emulator.addApp('backup-worker', { HEROKU_API_KEY: made.value.token });
    stack.emulator.addApp('deploy-bot', { HEROKU_API_KEY: made.value.token });
    stack.emulator.addApp('old-cron', { HEROKU_API_KEY: old.value.token });
    dir = mkdtempSync(path.join(os.tmpdir(), 'consumers-shots-'));
    const env = path.join(dir, '.env');
    writeFileSync(env, `HEROKU_API_KEY=${made.value.token}\n`);
    await stack.preview.core.handlers['consumers:add-file']({ path: env });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 380, height: 560 }, deviceScaleFactor: 2, colorScheme: 'light', reducedMotion: 'reduce' });
    page = await context.newPage();
    await page.goto(stack.preview.url);
    await tokenList(page).getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Find where tokens are used' }).click();
    await row(page, DESCRIPTION).getByText('Used by 2 apps, 1 file').waitFor();
    await page.locator('#token-search').blur();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the "Used by" list on a row', async () => {
    const r = row(page, DESCRIPTION);
    await r.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await save('consumers-used-by.png', await page.screenshot());
    expect(await axe(page)).toEqual([]);
  });

  it('the Replace plan', async () => {
    const r = row(page, DESCRIPTION);
    await r.locator('[data-row-toggle]').click();
    await r.getByRole('button', { name: 'Replace', exact: true }).click();
    await page.getByRole('button', { name: 'Replace token' }).waitFor();
    await save('consumers-plan.png', await page.screenshot());
    expect(await axe(page)).toEqual([]);
  });

  it('a replace that stopped half way', async () => {
    stack.emulator.faults.add({
      route: 'config-vars-update',
      kind: 'status',
      status: 403,
      errorId: 'forbidden',
      message: 'You do not have access to the app deploy-bot.',
      pathPrefix: '/apps/deploy-bot/',
      times: 1,
    });
    await page.getByRole('button', { name: 'Replace token' }).click();
    await page.getByRole('button', { name: 'Roll back' }).waitFor();
    await save('consumers-half-failed.png', await page.screenshot());
    expect(await axe(page)).toEqual([]);
  });
});
