/**
 * Build-time constants (vite.config.ts `define`). __HTT_E2E_HOOKS__ is true only in the e2e build
 * (`vite build --mode e2e`) and in unit tests: in the app's own build the test hooks are
 * dead code, removed from main.js.
 */
declare const __HTT_E2E_HOOKS__: boolean;
