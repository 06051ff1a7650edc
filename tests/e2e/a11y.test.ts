/** axe-core finds no violations on the list, the create form, settings and an error state, light and dark. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';
import { openPopover, tokenList } from './popover-support.js';

const require = createRequire(import.meta.url);
// The popover's CSP (script-src 'self') blocks an injected <script> tag, and it should stay on
// under test; evaluating axe through the DevTools protocol is not subject to it.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`);
}

describe.each(['light', 'dark'] as const)('accessibility (%s)', (scheme) => {
  let browser: Browser;
  let stack: Stack;
  let failing: Stack;

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startStack();
    failing = await startStack({ emulator: { faults: [{ route: 'list', kind: 'status', status: 503 }] } });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await failing?.close();
  });

  it('the list, with a row open', async () => {
    const { page } = await openPopover(browser, stack, scheme);
    await tokenList(page).getByRole('listitem').first().waitFor();
    expect(await axe(page)).toEqual([]);
    await tokenList(page).locator('[data-row-toggle]').nth(1).click();
    await tokenList(page).getByRole('button', { name: 'Revoke', exact: true }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it('the create form', async () => {
    const { page } = await openPopover(browser, stack, scheme);
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByRole('button', { name: 'Create token', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it('the settings view', async () => {
    const { page } = await openPopover(browser, stack, scheme);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it('an error state', async () => {
    const { page } = await openPopover(browser, failing, scheme);
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it('the revoke confirmation and the first-run screen', async () => {
    const { page } = await openPopover(browser, stack, scheme);
    await tokenList(page).locator('[data-row-toggle]').first().click();
    await tokenList(page).getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('alertdialog').waitFor();
    expect(await axe(page)).toEqual([]);
    const fresh = await startStack({ signIn: false });
    try {
      const first = await openPopover(browser, fresh, scheme);
      await first.page.getByLabel('API key').waitFor();
      expect(await axe(first.page)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
