/**
 * The popover: one frameless window, created hidden at start, shown next to the tray icon and
 * hidden when it loses focus. Placement is the pure placePopover(); this file only feeds it
 * Electron's screen facts.
 *
 * The window manager may close it (Alt+F4, the close button of a compositor): closing hides it
 * instead, unless the app is quitting; and nothing touches the window once it is destroyed. On
 * macOS it is a panel on every Space, above full-screen apps, so clicking the menu-bar icon never
 * switches Spaces.
 */
import { BrowserWindow, screen, type Point, type Rectangle, type WebContents } from 'electron';
import { placePopover } from '../../../shared/domain/popover-geometry.js';
import { secureWebPreferences } from './web-preferences.js';
import { guardWebContents, type OpenExternal } from './web-guards.js';

export const POPOVER_SIZE = { width: 380, height: 560 } as const;
/** A click on the tray right after blur-hide is the same gesture that caused the blur: do not reopen. */
const REOPEN_GRACE_MS = 300;

export interface PopoverOptions {
  preloadPath: string;
  openExternal: OpenExternal;
  /** Called with true when shown, false when hidden. */
  onVisibility: (visible: boolean) => void;
  /** Keep it open on blur (the e2e tests drive it while unfocused). */
  keepOnBlur?: boolean;
  /** DevTools in development builds only. */
  devTools?: boolean;
  now?: () => number;
  platform?: NodeJS.Platform;
}

export class PopoverWindow {
  readonly window: BrowserWindow;
  private hiddenByBlurAt = -Infinity;
  private closable = false;
  private readonly now: () => number;

  constructor(options: PopoverOptions) {
    this.now = options.now ?? Date.now;
    const mac = (options.platform ?? process.platform) === 'darwin';
    this.window = new BrowserWindow({
      ...POPOVER_SIZE,
      // An NSPanel: floats over full-screen apps and shows on the current Space (base-window-options.md).
      ...(mac ? { type: 'panel' } : {}),
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      transparent: false,
      title: 'Heroku Token Tray',
      webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools ?? false }),
    });
    guardWebContents(this.window.webContents, options.openExternal);
    if (mac) this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    // The window manager's close hides it; only quitting closes it for real.
    this.window.on('close', (event) => {
      if (this.closable) return;
      event.preventDefault();
      this.hide();
    });
    this.window.on('show', () => options.onVisibility(true));
    this.window.on('hide', () => options.onVisibility(false));
    this.window.on('blur', () => {
      if (options.keepOnBlur || !this.window.isVisible()) return;
      this.hiddenByBlurAt = this.now();
      this.window.hide();
    });
  }

  /** Loads the renderer. */
  load(url: string): Promise<void> {
    return this.window.isDestroyed() ? Promise.resolve() : this.window.loadURL(url);
  }

  /**
   * Windows is ending the session (shut down, restart, log-off): `listener` runs in the window's
   * 'session-end', the last moment the process is sure to run (window.md: once it fires the session
   * cannot be kept from ending; app.md: no before-quit, will-quit or quit follows then). Only what
   * `listener` does synchronously is sure to happen.
   */
  onSessionEnd(listener: () => void): void {
    if (!this.window.isDestroyed()) this.window.on('session-end', () => listener());
  }

  /** From now on a close really closes (the app is quitting). */
  allowClose(): void {
    this.closable = true;
  }

  /** The page's webContents, or null once the window is gone. */
  contents(): WebContents | null {
    if (this.window.isDestroyed()) return null;
    const contents = this.window.webContents;
    return contents.isDestroyed() ? null : contents;
  }

  /** The webContents ids IPC trusts (none once the window is gone). */
  webContentsIds(): number[] {
    const contents = this.contents();
    return contents ? [contents.id] : [];
  }

  isVisible(): boolean {
    return !this.window.isDestroyed() && this.window.isVisible();
  }

  /** Shows it next to the tray icon (or the cursor when the tray has no bounds), focused. */
  show(trayBounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 }): void {
    if (this.window.isDestroyed()) return;
    const placement = placePopover({
      trayBounds,
      cursor: cursorOrCorner(),
      size: POPOVER_SIZE,
      displays: screen.getAllDisplays().map((d) => ({ bounds: d.bounds, workArea: d.workArea, scaleFactor: d.scaleFactor })),
    });
    this.window.setBounds({ x: placement.x, y: placement.y, width: placement.width, height: placement.height });
    this.window.show();
    this.window.focus();
  }

  hide(): void {
    if (!this.window.isDestroyed() && this.window.isVisible()) this.window.hide();
  }

  /** Tray click: open when closed, close when open. */
  toggle(trayBounds?: Rectangle): void {
    if (this.isVisible()) return this.hide();
    if (this.now() - this.hiddenByBlurAt < REOPEN_GRACE_MS) return;
    this.show(trayBounds);
  }
}

/** The pointer, or where the system tray usually is when the system cannot say (native Wayland). */
function cursorOrCorner(): Point {
  try {
    return screen.getCursorScreenPoint();
  } catch {
    const area = screen.getPrimaryDisplay().workArea;
    return { x: area.x + area.width - 1, y: area.y };
  }
}
