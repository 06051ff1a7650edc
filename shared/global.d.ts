import type { TokenTrayBridge } from './contract.js';

declare global {
  interface Window {
    /** Installed by main/preload.ts (Electron) or the browser preview's bridge. */
    tokenTray: TokenTrayBridge;
  }
}
export {};
