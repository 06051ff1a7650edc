/** The one factory for every window's webPreferences: isolated, sandboxed, no Node. */
import type { WebPreferences } from 'electron';

/** Secure preferences for a window whose preload is at preloadPath. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    devTools: !process.env.HTT_NO_DEVTOOLS,
  };
}
