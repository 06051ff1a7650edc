/**
 * Where the app finds its parts, in development (`electron .`) and packaged (app.asar). Pure, so
 * the packaging test can check that the asar holds what main asks for.
 */
import path from 'node:path';

/** The preload bundle, next to main.js in dist-electron/. */
export const PRELOAD_FILE = 'preload.cjs';
/** The built renderer, relative to the app root. */
export const RENDERER_DIR = path.join('dist', 'renderer');

export interface AppPathFacts {
  /** app.getAppPath(): the project root, or resources/app.asar when packaged. */
  appPath: string;
  /** The folder of the running main bundle (dist-electron). */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath. */
  resourcesPath: string;
}

/** The preload, renderer and tray-icon locations for this run. */
export function appPaths(facts: AppPathFacts): { preload: string; renderer: string; trayIcons: string; appIcon: string } {
  return {
    preload: path.join(facts.mainDir, PRELOAD_FILE),
    renderer: path.join(facts.appPath, RENDERER_DIR),
    trayIcons: facts.isPackaged ? path.join(facts.resourcesPath, 'tray') : path.join(facts.appPath, 'build', 'tray'),
    appIcon: facts.isPackaged ? path.join(facts.resourcesPath, 'icon.png') : path.join(facts.appPath, 'build', 'icon.png'),
  };
}
