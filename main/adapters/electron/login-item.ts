/**
 * Launch at login on every desktop. macOS and Windows: Electron's login items. Linux, where
 * app.setLoginItemSettings does nothing: an XDG autostart entry (~/.config/autostart), which GNOME,
 * KDE and the other freedesktop sessions start at login. Either way the app starts with --hidden:
 * in the tray, without the popover.
 */
import type { App } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../ports.js';
import { HIDDEN_FLAG } from './startup.js';

/** The autostart entry's file name. */
export const AUTOSTART_FILE = 'heroku-token-tray.desktop';

export interface LaunchFacts {
  platform: NodeJS.Platform;
  /** process.execPath: the app's binary (or Electron's, in development). */
  execPath: string;
  isPackaged: boolean;
  /** app.getAppPath(): the project, passed to Electron in development. */
  appPath: string;
  /** $APPIMAGE: an AppImage runs from a temporary mount, so the entry must name the .AppImage itself. */
  appImage?: string;
}

/** The command that starts this app hidden. */
export function launchCommand(f: LaunchFacts): string[] {
  const binary = f.appImage ?? f.execPath;
  return f.isPackaged ? [binary, `--${HIDDEN_FLAG}`] : [binary, f.appPath, `--${HIDDEN_FLAG}`];
}

/** Quotes one Exec argument as the Desktop Entry spec asks (double quotes; \ " ` $ escaped). */
function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_/.:=@+,-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/** The XDG autostart entry for a command. */
export function autostartEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Heroku Token Tray',
    'Comment=Heroku API tokens with live expiry countdowns, in your tray',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Applies the "Launch at login" setting for this OS. */
export class LoginItem {
  constructor(
    private readonly app: Pick<App, 'setLoginItemSettings' | 'getPath'>,
    private readonly facts: LaunchFacts,
    private readonly logger: Logger,
  ) {}

  /** Turns launch at login on or off; a failure is logged, never thrown. */
  apply(enabled: boolean): void {
    if (this.facts.platform !== 'linux') {
      this.app.setLoginItemSettings({ openAtLogin: enabled, args: [`--${HIDDEN_FLAG}`] });
      return;
    }
    // appData is $XDG_CONFIG_HOME or ~/.config on Linux (app.md), where autostart/ lives.
    const file = path.join(this.app.getPath('appData'), 'autostart', AUTOSTART_FILE);
    try {
      if (enabled) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, autostartEntry(launchCommand(this.facts)), { mode: 0o644 });
      } else {
        fs.rmSync(file, { force: true });
      }
    } catch (e) {
      this.logger.warn('could not change the autostart entry', { file, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
