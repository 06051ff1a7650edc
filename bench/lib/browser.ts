/** Browser-preview plumbing shared by the Chromium benchmarks. */
import type { Browser, Page } from 'playwright-core';
import { startStack, type Stack } from '../../tests/support/preview.js';
import type { EmulatorOptions } from '../../tests/heroku-emulator/server.js';
import { seedTo, type BenchEmulator } from './emulator.js';
import { installProbe, type ProbeState } from './page-probe.js';

/** Emulator with exactly `tokens` tokens + preview, signed in after seeding (so no early list is cached). */
export async function seededStack(tokens: number): Promise<Stack & { emulator: BenchEmulator }> {
  const dir = process.env.BENCH_RENDERER_DIR;
  // BENCH_RENDERER_DIR=/some/build measures another renderer build (e.g. `npx vite build --outDir /tmp/x`).
  const stack = await startStack({ signIn: false, emulator: { seed: 'empty' } as EmulatorOptions, rendererDir: dir || undefined });
  seedTo(stack.emulator, tokens);
  const r = await stack.preview.core.accounts.signIn(stack.emulator.apiKey);
  if (!r.ok) throw new Error(`sign-in failed: ${r.error.message}`);
  return stack;
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
