/** The foundation slice end to end: Chromium -> preview bridge -> real services -> emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';

describe('browser preview: the list', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows every seeded authorization, fetched from the emulator by the real service', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(stack.preview.url);
    const list = page.getByRole('list', { name: 'Tokens' });
    const live = stack.emulator.account.authorizations.filter((a) => !a.revoked);
    for (const a of live) {
      await expect.poll(() => list.getByText(a.description, { exact: false }).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => list.getByRole('listitem').count()).toBe(live.length);
    expect(errors).toEqual([]);
  });

  it('rejects a request without the secret, or from a foreign origin', async () => {
    const base = `http://127.0.0.1:${stack.preview.port}`;
    expect((await fetch(`${base}/`)).status).toBe(403);
    expect((await fetch(`${base}/index.html`)).status).toBe(403);
    expect((await fetch(`${base}/wrong-secret/rpc/account:current`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(403);
    const foreign = await fetch(`${stack.preview.url}rpc/account:current`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const good = await fetch(`${stack.preview.url}rpc/account:current`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(good.status).toBe(200);
    const body = (await good.json()) as { ok: boolean; value: { email: string } };
    expect(body.ok).toBe(true);
    expect(body.value.email).toBe(stack.emulator.account.email);
  });
});
