/** The one factory for every window's webPreferences: isolated, sandboxed, no Node. */
import type { WebPreferences } from 'electron';

/** Secure preferences for a window whose preload is at preloadPath; DevTools only when asked (development). */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
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
    devTools: options.devTools === true,
  };
}
