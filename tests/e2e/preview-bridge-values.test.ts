/**
 * Crack 5: the browser preview must refuse what Electron IPC refuses. Electron carries arguments
 * by structured clone (NaN, Infinity, Dates and BigInts arrive as themselves) and zod then
 * rejects them; JSON used to turn NaN and Infinity into `null` ("never expires") and a Date into
 * a string, so the preview accepted calls the app refuses. Each case runs in real Chromium through
 * the preview's bridge and is compared with structuredClone + the contract's own parse.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../shared/contract.js';
import { launchChromium } from '../support/chromium.js';
import { startStack, type Stack } from '../support/preview.js';

let stack: Stack;
let browser: Browser;
let page: Page;

let rendererDir: string | undefined;
beforeAll(async () => {
  // A bare page is enough: the preview injects its bridge into any index.html with a module script.
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'htt-bridge-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>bridge</title><script type="module" src="./app.js"></script>');
  writeFileSync(path.join(rendererDir, 'app.js'), '');
  stack = await startStack({ rendererDir });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(stack.preview.url);
  await page.waitForFunction(() => 'tokenTray' in window);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

async function call(channel: Channel, args: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([c, a]) => (window as unknown as { tokenTray: { api: Record<string, (x: unknown) => Promise<never>> } }).tokenTray.api[c]!(a),
    [channel, args] as const,
  );
}

/** What Electron would do with these arguments: structured clone, then the contract's parse. */
const electronAccepts = (channel: Channel, args: unknown) => contract[channel].request.safeParse(structuredClone(args)).success;

const create = (extra: Record<string, unknown>) => ({ description: 'bridge test', scopes: ['read'], expiresIn: 3600, ...extra });

describe('preview bridge values', () => {
  it.each<[string, Channel, unknown]>([
    ['expiresIn NaN', 'authorizations:create', create({ expiresIn: NaN })],
    ['expiresIn Infinity', 'authorizations:create', create({ expiresIn: Infinity })],
    ['expiresIn -Infinity', 'authorizations:create', create({ expiresIn: -Infinity })],
    ['a Date as the description', 'authorizations:create', create({ description: new Date(0) })],
    ['a BigInt lifetime', 'authorizations:create', create({ expiresIn: 3600n })],
    ['a NaN setting', 'settings:update', { clipboardClearSeconds: NaN }],
    ['an Infinity threshold', 'settings:update', { thresholdsSeconds: [3600, Infinity] }],
  ])('refuses %s, as Electron IPC does', async (_what, channel, args) => {
    expect(electronAccepts(channel, args)).toBe(false);
    const r = await call(channel, args);
    expect(r.ok ? null : r.error?.code).toBe('bad_request');
  });

  it.each<[string, Channel, unknown]>([
    ['a never-expiring token (null)', 'authorizations:create', create({ expiresIn: null })],
    ['an optional argument left undefined', 'authorizations:create', create({ accountId: undefined })],
    ['a finite setting', 'settings:update', { clipboardClearSeconds: 30 }],
    ['no arguments', 'settings:get', undefined],
  ])('accepts %s, as Electron IPC does', async (_what, channel, args) => {
    expect(electronAccepts(channel, args)).toBe(true);
    const r = await call(channel, args);
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });

  it('an object that merely looks like the bridge’s own encoding arrives as it was sent', async () => {
    const r = await call('settings:update', { clipboardClearSeconds: { $tokenTray: 'NaN' } });
    expect(r.ok ? null : r.error?.code).toBe('bad_request');
    const s = await call('authorizations:create', create({ description: { $tokenTray: 'object', entries: [] } }));
    expect(s.ok ? null : s.error?.code).toBe('bad_request');
  });
});
