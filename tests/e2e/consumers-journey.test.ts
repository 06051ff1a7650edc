/**
 * Where tokens are used, and Replace, in the browser preview against the emulator: three apps
 * (two hold token A in HEROKU_API_KEY, one holds a revoked token) and a .env holding A. The scan
 * shows "Used by 2 apps, 1 file" on A and the broken consumer; Replace writes the new token to
 * both apps and the file, verifies, revokes A; the real Heroku CLI prints the new token for each
 * app; A answers 401.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { HEROKU_BIN, herokuCliEnv } from '../support/heroku-cli.js';
import { startStack, type Stack } from '../support/preview.js';
import { accountStatus, openPopover, openRow, row, type PopoverPage } from './popover-support.js';

const run = promisify(execFile);
const DESCRIPTION = 'Backup worker key';

describe('consumers: find where tokens are used, then Replace (browser preview)', () => {
  let browser: Browser;
  let stack: Stack;
  let pp: PopoverPage;
  let page: Page;
  let tokenA = '';
  let idA = '';
  let dir = '';
  let envFile = '';

  beforeAll(async () => {
    // Only the sign-in key, so the account's apps are exactly the three.
    stack = await startStack({ emulator: { seed: 'empty' } });
    const made = await stack.preview.core.authorizations.create({ description: DESCRIPTION, scopes: ['read', 'write'], expiresIn: 20 * 86400 });
    if (!made.ok) throw new Error(made.error.message);
    tokenA = made.value.token;
    idA = made.value.authorization.id;
    const emu = stack.emulator;
    const revoked = await stack.preview.core.authorizations.create({ description: 'Old cron key', scopes: ['read'], expiresIn: null });
    if (!revoked.ok) throw new Error(revoked.error.message);
    await stack.preview.core.authorizations.revoke(revoked.value.authorization.id);
    emu.addApp('backup-worker', { HEROKU_API_KEY: tokenA, RAILS_ENV: 'production' });
    emu.addApp('deploy-bot', { HEROKU_API_KEY: tokenA });
    emu.addApp('old-cron', { HEROKU_API_KEY: revoked.value.token });
    dir = mkdtempSync(path.join(os.tmpdir(), 'consumers-e2e-'));
    envFile = path.join(dir, '.env');
    writeFileSync(envFile, `# backup script\nexport HEROKU_API_KEY="${tokenA}"\nBUCKET=s3://backups\n`, { mode: 0o600 });
    browser = await launchChromium();
    pp = await openPopover(browser, stack);
    page = pp.page;
  });
  afterAll(async () => {
    expect(pp?.errors ?? []).toEqual([]);
    await browser?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds the .env file and finds where tokens are used, saying what the scan costs first', async () => {
    await row(page, DESCRIPTION).waitFor();
    await page.getByText('Local files (0)').click();
    await page.getByLabel('File path').fill(envFile);
    await page.getByRole('button', { name: 'Add file' }).click();
    await page.getByText('Local files (1)').waitFor();
    expect(await page.getByText(/one request per app, plus one for the list/).count()).toBe(1);
    const before = stack.emulator.requests.length;
    await page.getByRole('button', { name: 'Find where tokens are used' }).click();
    const a = row(page, DESCRIPTION);
    await a.getByText('Used by 2 apps, 1 file').waitFor();
    const usedBy = a.getByRole('list', { name: 'Used by' });
    expect(await usedBy.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('app backup-worker'),
      expect.stringContaining('app deploy-bot'),
      expect.stringContaining('file .env'),
    ]);
    await page.getByText('app old-cron’s HEROKU_API_KEY holds a token that is revoked, expired or from another account').waitFor();
    // 3 apps: the apps list plus one config-vars read each.
    const scanRequests = stack.emulator.requests.slice(before).filter((r) => r.path.startsWith('/apps'));
    expect(scanRequests.map((r) => r.path).sort()).toEqual(['/apps', '/apps/backup-worker/config-vars', '/apps/deploy-bot/config-vars', '/apps/old-cron/config-vars']);
    await page.getByText(/Reads 3 apps’ config vars: about 4 requests/).waitFor();
  });

  it('the revoke confirmation names the consumers', async () => {
    const a = await openRow(page, DESCRIPTION);
    await a.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('It is used by app backup-worker, app deploy-bot and file .env, which will stop working.').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('Replace: plan, then new token written to both apps and the file, verified, A revoked', async () => {
    const a = await openRow(page, DESCRIPTION);
    await a.getByRole('button', { name: 'Replace', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Replace “${DESCRIPTION}”` });
    await dialog.getByRole('list', { name: 'Will be written to' }).waitFor();
    expect(await dialog.getByRole('list', { name: 'Will be written to' }).getByRole('listitem').count()).toBe(3);
    await dialog.getByText('Each config var change creates a release and restarts the dynos of backup-worker, deploy-bot.').waitFor();
    expect(await dialog.getByRole('checkbox', { name: /Revoke the old token/ }).isChecked()).toBe(true);
    const mode = statSync(envFile).mode & 0o777;
    await dialog.getByRole('button', { name: 'Replace token' }).click();
    await dialog.getByText(/Done\. 3 of 3 hold the new token; the old token was revoked\./).waitFor({ timeout: 30_000 });

    const fresh = stack.emulator.liveAuthorizations().filter((x) => x.description === DESCRIPTION);
    expect(fresh).toHaveLength(1);
    const newToken = fresh[0]!.token;
    expect(fresh[0]!.id).not.toBe(idA);
    expect(fresh[0]!.scope).toEqual(['read', 'write']);
    expect(newToken).not.toBe(tokenA);
    expect(readFileSync(envFile, 'utf8')).toBe(`# backup script\nexport HEROKU_API_KEY="${newToken}"\nBUCKET=s3://backups\n`);
    expect(statSync(envFile).mode & 0o777).toBe(mode);
    expect(stack.emulator.app('backup-worker')!.releases).toBe(1);
    expect(stack.emulator.app('old-cron')!.releases).toBe(0);
    expect(await accountStatus(stack, tokenA)).toBe(401);
    expect(await accountStatus(stack, newToken)).toBe(200);

    // The real Heroku CLI reads each app's config var and prints the new token.
    const home = mkdtempSync(path.join(os.tmpdir(), 'heroku-cli-home-'));
    try {
      const env = herokuCliEnv(stack.emulator.url, home, { HEROKU_API_KEY: stack.emulator.apiKey });
      for (const app of ['backup-worker', 'deploy-bot']) {
        const { stdout } = await run(HEROKU_BIN, ['config:get', 'HEROKU_API_KEY', '-a', app], { env, cwd: home, timeout: 120_000 });
        expect(stdout.trim()).toBe(newToken);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    // "Used by" followed the token to its replacement.
    await row(page, DESCRIPTION).getByText('Used by 2 apps, 1 file').waitFor();
  });
});
