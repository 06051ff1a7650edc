/**
 * Test-only hooks for the Playwright `_electron` tests, installed only when HTT_E2E=1: a way to
 * click the tray icon (no OS lets a test click it) and a record of notification titles (never
 * bodies, which may name tokens). Normal runs never install them.
 */
import type { NotificationSpec, Notifier } from '../../ports.js';
import type { ElectronShell } from './app-shell.js';

export const E2E_GLOBAL = '__httE2E';

export interface E2eHooks {
  clickTray(): void;
  /** The tray menu's Open, Refresh or Quit (on Linux the menu is the tray's only way in). */
  chooseTrayMenuItem(id: 'open' | 'refresh' | 'quit'): void;
  popoverVisible(): boolean;
  notifications: Array<{ key: string; title: string }>;
}

/** True when this run is an end-to-end test run. */
export function isE2eRun(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.HTT_E2E === '1';
}

/** Wraps the notifier so the tests see what was raised. */
export function recordingNotifier(inner: Notifier, record: E2eHooks['notifications']): Notifier {
  return {
    isSupported: () => inner.isSupported(),
    show: (spec: NotificationSpec) => {
      record.push({ key: spec.key, title: spec.title });
      return inner.show(spec);
    },
  };
}

/** Puts the hooks on globalThis for `electronApp.evaluate`. */
export function installE2eHooks(shell: ElectronShell, notifications: E2eHooks['notifications']): void {
  const hooks: E2eHooks = {
    clickTray: () => shell.tray.tray.emit('click', {}, shell.tray.bounds()),
    chooseTrayMenuItem: (id) => shell.tray.chooseMenuItem(id),
    popoverVisible: () => shell.popover.isVisible(),
    notifications,
  };
  (globalThis as Record<string, unknown>)[E2E_GLOBAL] = hooks;
}
