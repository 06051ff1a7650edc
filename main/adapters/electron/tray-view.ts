/**
 * The TrayView port on Electron's Tray: icon per level, tooltip and a context menu. Open is in
 * the menu because on Linux (AppIndicator) a click on the icon may never reach the app.
 * On macOS a set context menu would swallow the left click, so the menu pops up on right click.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage, type Rectangle } from 'electron';
import path from 'node:path';
import type { TrayLevel, TrayState, TrayView } from '../../ports.js';
import { trayIconFile } from './tray-icons.js';

export interface TrayActions {
  /** Open the popover; bounds are the icon's, when the OS reports them. */
  open(bounds?: Rectangle): void;
  /** Left click on the icon. */
  toggle(bounds?: Rectangle): void;
  refresh(): void;
  switchAccount(accountId: string): void;
  quit(): void;
}

/** The context menu for a state: Open, Refresh, one radio item per account, Quit. */
export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const accounts: MenuItemConstructorOptions[] = state.accounts.map((account) => ({
    label: account.email,
    type: 'radio',
    checked: account.active,
    click: () => actions.switchAccount(account.id),
  }));
  // A warning the OS refused to show as a notification: the menu is all some Linux trays show.
  const notice: MenuItemConstructorOptions[] = state.notice
    ? [{ id: 'notice', label: `⚠ ${state.notice.length > 60 ? `${state.notice.slice(0, 59)}…` : state.notice}`, click: () => actions.open() }, { type: 'separator' }]
    : [];
  return [
    ...notice,
    { id: 'open', label: 'Open Heroku Token Tray', click: () => actions.open() },
    { id: 'refresh', label: 'Refresh', click: () => actions.refresh() },
    ...(accounts.length > 0 ? [{ type: 'separator' } as const, ...accounts] : []),
    { type: 'separator' },
    { id: 'quit', label: 'Quit', click: () => actions.quit() },
  ];
}

export class ElectronTrayView implements TrayView {
  readonly tray: Tray;
  private readonly icons = new Map<TrayLevel, NativeImage>();
  private menu: Menu | null = null;

  constructor(
    private readonly iconDir: string,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(this.icon('normal'));
    this.tray.setToolTip('Heroku Token Tray');
    this.tray.on('click', (_event, bounds) => actions.toggle(bounds));
    if (platform === 'darwin') {
      this.tray.setIgnoreDoubleClickEvents(true);
      this.tray.on('right-click', () => this.tray.popUpContextMenu(this.menu ?? undefined));
    }
    this.render({ level: 'normal', tooltip: 'Heroku Token Tray', accounts: [] });
  }

  /** Renders a new state (icon, tooltip, menu). */
  render(state: TrayState): void {
    if (this.tray.isDestroyed()) return;
    this.tray.setImage(this.icon(state.level));
    this.tray.setToolTip(state.tooltip);
    this.menu = Menu.buildFromTemplate(trayMenuTemplate(state, this.actions));
    if (this.platform !== 'darwin') this.tray.setContextMenu(this.menu);
  }

  /** Chooses a menu item by id, as a click in the menu would (the e2e hooks; no OS lets a test open a tray menu). */
  chooseMenuItem(id: 'open' | 'refresh' | 'quit'): void {
    const item = this.menu?.getMenuItemById(id);
    item?.click(undefined, undefined, undefined as never);
  }

  /** The icon's bounds (all zeros on Linux). */
  bounds(): Rectangle {
    return this.tray.getBounds();
  }

  private icon(level: TrayLevel): NativeImage {
    let image = this.icons.get(level);
    if (!image) {
      image = nativeImage.createFromPath(path.join(this.iconDir, trayIconFile(this.platform, level)));
      if (this.platform === 'darwin') image.setTemplateImage(true);
      this.icons.set(level, image);
    }
    return image;
  }
}
