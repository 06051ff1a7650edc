/**
 * Benchmark 1: time until a user sees every token of a 20-token account with its expiry.
 * App: a cold popover in the browser preview (fresh core, fresh page), from navigation start to
 * the moment every row of the "Tokens" list shows a <time datetime> or "Never expires".
 * Heroku CLI: `heroku authorizations --json`, then `heroku authorizations:info ID --json` for each
 * id, one after another as a user would (its list shows no expiry), on the same kind of emulator.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { ROOT } from './lib/machine.js';
import { probedPage, seededStack, waitForProbe } from './lib/browser.js';
import { requestsSince, startSeededEmulator } from './lib/emulator.js';
import { formatMs, formatRange, formatSpeedup, median, verdict, type Row } from './lib/stats.js';

const run = promisify(execFile);
const HEROKU = path.join(ROOT, 'node_modules/.bin/heroku');
export const TOKENS = 20;

export interface SeeEveryExpiryResult {
  tokens: number;
  appMs: number[];
  cliMs: number[];
  /** `heroku authorizations --json` alone: the one CLI command that prints every expires_in. */
  cliJsonMs: number[];
  appMedianMs: number;
  cliMedianMs: number;
  /** app median / CLI median (below 1: the app is faster), as in every result. */
  ratio: number;
  /** Per app sample: data arrival to the first screen painted (the popover's floor, for scale). */
  appFirstScreenMs: number[];
  /** Per app sample: whether the list was fetched from the emulator inside the measured window. */
  appFetchedInWindow: boolean[];
  cliInvocationsPerSample: number;
  notes: string[];
}

/** One cold open of the popover: fresh stack (no cached list), fresh page. */
async function appSample(browser: Browser): Promise<{ ms: number; firstScreenMs: number; fetched: boolean }> {
  const stack = await seededStack(TOKENS);
  try {
    const { page, errors } = await probedPage(browser, TOKENS, true);
    const from = stack.emulator.requests?.length ?? 0;
    await page.goto(stack.preview.url);
    const s = await waitForProbe(page, (p) => p.expiryAt !== null && p.screenPaintAt !== null);
    const fetched = requestsSince(stack.emulator, from).some((r) => r.method === 'GET' && r.path.startsWith('/oauth/authorizations'));
    await page.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { ms: s.expiryAt!, firstScreenMs: s.screenPaintAt! - (s.dataAt ?? Number.NaN), fetched };
  } finally {
    await stack.close();
  }
}

/** The CLI way: list, then info for every id, sequentially. */
async function cliSample(env: NodeJS.ProcessEnv): Promise<{ ms: number; invocations: number; expiries: number }> {
  const t0 = performance.now();
  const list = JSON.parse((await run(HEROKU, ['authorizations', '--json'], { env })).stdout) as Array<{ id: string }>;
  let expiries = 0;
  for (const { id } of list) {
    const info = JSON.parse((await run(HEROKU, ['authorizations:info', id, '--json'], { env })).stdout) as {
      access_token?: { expires_in?: number | null } | null;
    };
    if (info.access_token && 'expires_in' in info.access_token) expiries++;
  }
  return { ms: performance.now() - t0, invocations: 1 + list.length, expiries };
}

/** Runs `appSamples` cold opens and `cliSamples` CLI walks (after one untimed warm-up each). */
export async function runSeeEveryExpiry(
  browser: Browser,
  appSamples: number,
  cliSamples: number,
  /** performance.now() after which no further CLI sample starts (keeps the whole run under 10 min). */
  cliDeadline = Number.POSITIVE_INFINITY,
  cliJsonSamples = 5,
): Promise<SeeEveryExpiryResult> {
  const notes: string[] = [
    'Heroku CLI run through bench/cli-shim/register.mjs: this checkout hoists React 19, which crashes the CLI table renderer (React 18); users get React 18 with their CLI',
    'CLI telemetry off (DISABLE_TELEMETRY=true): this only removes work from the CLI',
    'App: cold popover (fresh core and page), navigation start to every row showing <time datetime> or "Never expires"',
  ];
  await appSample(browser);
  const appMs: number[] = [];
  const appFetchedInWindow: boolean[] = [];
  const appFirstScreenMs: number[] = [];
  for (let i = 0; i < appSamples; i++) {
    const s = await appSample(browser);
    appMs.push(s.ms);
    appFirstScreenMs.push(s.firstScreenMs);
    appFetchedInWindow.push(s.fetched);
  }
  const emu = await startSeededEmulator(TOKENS);
  const cliMs: number[] = [];
  const cliJsonMs: number[] = [];
  let invocations = 0;
  const cliHome = mkdtempSync(path.join(os.tmpdir(), 'htt-bench-cli-home-'));
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: cliHome,
      HEROKU_API_KEY: emu.apiKey,
      HEROKU_HOST: emu.url,
      HEROKU_DISABLE_AUTOUPDATE: '1',
      // No telemetry from a benchmark (and this machine has no internet): only removes work from the CLI.
      DISABLE_TELEMETRY: 'true',
      // Gives the CLI's table renderer the React 18 it ships with (see bench/cli-shim/register.mjs).
      NODE_OPTIONS: `--import ${pathToFileURL(path.join(ROOT, 'bench/cli-shim/register.mjs')).href}`,
    };
    await run(HEROKU, ['authorizations', '--json'], { env }); // warm-up: the CLI's first run builds caches
    for (let i = 0; i < cliJsonSamples; i++) {
      const t0 = performance.now();
      const list = JSON.parse((await run(HEROKU, ['authorizations', '--json'], { env })).stdout) as Array<{ access_token?: { expires_in?: unknown } }>;
      cliJsonMs.push(performance.now() - t0);
      if (list.length !== TOKENS || !list.every((a) => a.access_token && 'expires_in' in a.access_token)) {
        notes.push(`heroku authorizations --json printed ${list.length} of ${TOKENS} tokens or lacked expires_in`);
      }
    }
    for (let i = 0; i < cliSamples; i++) {
      const last = cliMs.at(-1);
      if (last !== undefined && performance.now() + last > cliDeadline) {
        notes.push(`stopped after ${i} CLI samples to keep the run under 10 minutes`);
        break;
      }
      const s = await cliSample(env);
      if (s.expiries !== TOKENS) notes.push(`CLI showed ${s.expiries} of ${TOKENS} expiries`);
      invocations = s.invocations;
      cliMs.push(s.ms);
    }
  } finally {
    await emu.close();
    rmSync(cliHome, { recursive: true, force: true });
  }
  const appMedianMs = median(appMs);
  const cliMedianMs = median(cliMs);
  return {
    tokens: TOKENS,
    appMs,
    cliMs,
    cliJsonMs,
    appMedianMs,
    cliMedianMs,
    ratio: appMedianMs / cliMedianMs,
    appFetchedInWindow,
    appFirstScreenMs,
    cliInvocationsPerSample: invocations,
    notes: [...new Set(notes)],
  };
}

/** Table rows: against the N+1 table path (no budget) and against `heroku authorizations --json` (≥ 5× faster). */
export function seeEveryExpiryRows(r: SeeEveryExpiryResult): Row[] {
  const json = r.appMedianMs / median(r.cliJsonMs);
  return [
    {
      benchmark: `See every expiry, ${r.tokens} tokens, vs the CLI's table path`,
      app: formatRange(r.appMs),
      reference: `${formatRange(r.cliMs)} (authorizations + ${r.cliInvocationsPerSample - 1}× authorizations:info)`,
      ratio: formatSpeedup(r.appMedianMs, r.cliMedianMs),
      budget: '',
      result: 'n/a',
    },
    {
      benchmark: `See every expiry, ${r.tokens} tokens, vs \`heroku authorizations --json\``,
      app: formatMs(r.appMedianMs),
      reference: formatRange(r.cliJsonMs),
      ratio: formatSpeedup(r.appMedianMs, median(r.cliJsonMs)),
      budget: '≥ 5× faster',
      result: verdict(json, { limit: 0.2, op: '<=', label: '' }),
    },
  ];
}
