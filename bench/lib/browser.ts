/** Browser-preview plumbing shared by the Chromium benchmarks. */
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../../tests/support/preview.js';
import { startEmulator, type EmulatorOptions } from '../../tests/heroku-emulator/server.js';
import { startPreview } from '../../tests/preview/preview-server.js';
import { createConsoleLogger } from '../../main/adapters/console-logger.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { seedTo, type BenchEmulator } from './emulator.js';
import { installProbe, type ProbeState } from './page-probe.js';

/** Emulator with exactly `tokens` tokens + preview, signed in after seeding (so no early list is cached). */
export async function seededStack(tokens: number): Promise<Stack & { emulator: BenchEmulator }> {
  const dir = process.env.BENCH_RENDERER_DIR;
  const stack = dir ? await stackWithRenderer(dir) : await startStack({ signIn: false, emulator: { seed: 'empty' } as EmulatorOptions });
  seedTo(stack.emulator, tokens);
  const r = await stack.preview.core.accounts.signIn(stack.emulator.apiKey);
  if (!r.ok) throw new Error(`sign-in failed: ${r.error.message}`);
  return stack;
}

/**
 * BENCH_RENDERER_DIR=/some/build: measures another renderer build (e.g. a candidate fix built with
 * `npx vite build --outDir /tmp/x`) against the same services, as startStack() would wire them.
 */
async function stackWithRenderer(rendererDir: string): Promise<Stack> {
  const emulator = await startEmulator({ seed: 'empty' });
  const preview = await startPreview({
    rendererDir,
    adapters: {
      secrets: new MemorySecretStore(),
      store: new MemorySettingsStore(),
      clock: systemClock,
      logger: createConsoleLogger('warn'),
      apiOrigin: emulator.url,
      version: '0.1.0-bench',
      platform: process.platform,
      importer: envKeyImporter({}),
    },
  });
  return { emulator, preview, close: async () => (await preview.close(), await emulator.close()) };
}

/** A fresh page with the probe installed and page errors collected. */
export async function probedPage(browser: Browser, expect: number, needExpiry: boolean): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 380, height: 560 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // As source text with a __name shim: tsx (esbuild keepNames) wraps inner functions in __name(),
  // which does not exist in the page.
  const source = `var __name = (f) => f;\n(${installProbe.toString()})(${JSON.stringify({ expect, needExpiry })});`;
  await page.addInitScript({ content: source });
  return { page, errors };
}

/** Reads the probe's state. */
export function probe(page: Page): Promise<ProbeState> {
  return page.evaluate(() => (window as unknown as { __bench: ProbeState }).__bench);
}

/** Polls the probe until `done` holds (the probe's own marks carry the timing, not this poll). */
export async function waitForProbe(page: Page, done: (s: ProbeState) => boolean, timeoutMs = 60_000): Promise<ProbeState> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await probe(page);
    if (done(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for the page: ${JSON.stringify({ ...s, stacks: undefined })}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
