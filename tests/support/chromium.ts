/** Launches Debian's Chromium through playwright-core with a throwaway profile and HOME. */
import { chromium, type Browser } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium 15x builds its WebUI omnibox popup (~280 chrome://resources modules, seen in a trace) for
 * every new window, headless too: a browser-process workload on these 2 shared cores in the middle
 * of every page a test or bench opens (a cold popover sample took twice as long with it), and
 * nothing the popover has in Electron.
 */
const NO_OMNIBOX_WEBUI = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/**
 * Chromium keeps only the last --disable-features, and Playwright passes its own before ours: its
 * list (playwright-core 1.65, chromiumSwitches.ts) is repeated so that adding ours drops none.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...NO_OMNIBOX_WEBUI].join(',')}`,
];

/** Starts a headless Chromium; throws with a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (bash .ci/run does).`);
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'htt-chromium-home-'));
  const removeHome = () => {
    // Runs in the browser's 'disconnected' listener: a throw there would be an uncaught exception.
    try {
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A leftover temporary folder is not a test failure.
    }
  };
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      env: { ...process.env, HOME: home },
    });
    browser.once('disconnected', removeHome);
    return browser;
  } catch (e) {
    removeHome();
    throw e;
  }
}
