/**
 * The Electron shell around the core: the popover window, the tray icon and menu, notifications,
 * the global shortcut and the app-wide security guards. main/index.ts builds it before the core
 * (the core needs its Notifier and TrayView) and connects the core's actions afterwards.
 */
import { app, globalShortcut, Menu, session, shell, type Rectangle } from 'electron';
import type { Logger, NotificationSpec } from '../../ports.js';
import { ElectronNotifier } from './notifier.js';
import { PopoverWindow } from './popover-window.js';
import { applicationMenuTemplate, PopoverShortcut } from './system-integration.js';
import { ElectronTrayView } from './tray-view.js';
import { denyAllPermissions, guardWebContents } from './web-guards.js';

export interface ShellOptions {
  preloadPath: string;
  iconDir: string;
  logger: Logger;
  /** Sends 'popover:visibility' and 'popover:focus-token' to the renderer. */
  onVisibility: (visible: boolean) => void;
  onFocusToken: (target: { accountId: string; id: string; intent?: 'rotate' | 'replace' }) => void;
  /** End-to-end runs keep the popover open when it loses focus. */
  keepOnBlur?: boolean;
  /** DevTools in development builds only. */
  devTools?: boolean;
  /** Icon shown in notifications (Windows/Linux; macOS uses the app's). */
  notificationIcon?: string;
}

/** What the shell asks of the core once it exists. */
export interface ShellActions {
  refresh(): void;
  switchAccount(accountId: string): void;
}

/** Denies permissions and guards every webContents the app will ever create. Call once, when ready. */
export function hardenApp(): void {
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => shell.openExternal(url)));
}

export class ElectronShell {
  readonly popover: PopoverWindow;
  readonly tray: ElectronTrayView;
  readonly notifier: ElectronNotifier;
  readonly shortcut: PopoverShortcut;
  private actions: ShellActions | null = null;

  constructor(private readonly options: ShellOptions) {
    const template = applicationMenuTemplate();
    Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
    app.dock?.hide();
    this.popover = new PopoverWindow({
      preloadPath: options.preloadPath,
      openExternal: (url) => shell.openExternal(url),
      onVisibility: options.onVisibility,
      keepOnBlur: options.keepOnBlur ?? false,
      devTools: options.devTools ?? false,
    });
    this.tray = new ElectronTrayView(options.iconDir, {
      open: (bounds) => this.showPopover(bounds),
      toggle: (bounds) => this.popover.toggle(this.boundsOr(bounds)),
      refresh: () => this.actions?.refresh(),
      switchAccount: (id) => this.actions?.switchAccount(id),
      quit: () => app.quit(),
    });
    this.notifier = new ElectronNotifier(
      {
        onClick: (spec) => this.openOn(spec),
        onAction: (action, spec) => {
          // Never rotate or replace unseen: each opens its confirmation (Rotate) or plan (Replace).
          // Renew (the Heroku CLI's login) opens the popover on it: the CLI card has Renew.
          this.openOn(spec, action === 'renew' ? undefined : action);
        },
      },
      options.notificationIcon,
    );
    this.shortcut = new PopoverShortcut(globalShortcut, () => this.showPopover(), options.logger);
    // Quitting closes every window; the popover's close handler must then let it go.
    app.on('before-quit', () => this.popover.allowClose());
    app.on('will-quit', () => globalShortcut.unregisterAll());
    // A tray app lives on with no window open.
    app.on('window-all-closed', () => undefined);
  }

  /** Connects the tray menu and notification actions to the core. */
  connect(actions: ShellActions): void {
    this.actions = actions;
  }

  /** Shows the popover next to the tray icon. */
  showPopover(bounds?: Rectangle): void {
    this.popover.show(this.boundsOr(bounds));
  }

  private boundsOr(bounds?: Rectangle): Rectangle {
    return bounds && bounds.width > 0 ? bounds : this.tray.bounds();
  }

  private openOn(spec: NotificationSpec, intent?: 'rotate' | 'replace'): void {
    this.showPopover();
    if (!spec.target) return;
    const target = { accountId: spec.target.accountId, id: spec.target.authorizationId };
    this.options.onFocusToken(intent ? { ...target, intent } : target);
  }
}
