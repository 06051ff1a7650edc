/**
 * Composition root of the Electron main process: adapters -> services -> IPC. Nothing else.
 */
import { app, BrowserWindow, Tray, nativeImage } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core.js';
import { parseApiOrigin } from './heroku/client.js';
import { registerIpc, APP_ORIGIN, sendEvent } from './ipc/handle.js';
import { createConsoleLogger } from './adapters/console-logger.js';
import { systemClock } from './adapters/system-clock.js';
import { electronClipboard } from './adapters/electron/clipboard.js';
import { secureWebPreferences } from './adapters/electron/web-preferences.js';
import { MemorySecretStore } from './adapters/memory-secret-store.js';
import { MemorySettingsStore } from './adapters/memory-settings-store.js';
import { envKeyImporter } from './adapters/env-key-importer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const logger = createConsoleLogger('info');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const origin = parseApiOrigin(process.env.HEROKU_API_URL);
  if (!origin.ok) {
    logger.error(origin.error.message);
    app.quit();
    return;
  }
  const popover = new BrowserWindow({
    width: 380,
    height: 560,
    show: false,
    frame: false,
    resizable: false,
    skipTaskbar: true,
    webPreferences: secureWebPreferences(path.join(here, 'preload.cjs')),
  });
  const core = createCore({
    secrets: new MemorySecretStore(),
    store: new MemorySettingsStore(),
    clipboard: electronClipboard,
    clock: systemClock,
    logger,
    apiOrigin: origin.value,
    version: app.getVersion(),
    platform: process.platform,
    importer: envKeyImporter(process.env),
    hidePopover: () => popover.hide(),
  });
  registerIpc(core.handlers, { trustedWebContents: () => [popover.webContents.id] }, logger);
  core.bus.subscribe((name, payload) => sendEvent(popover.webContents, name, payload));
  const tray = new Tray(nativeImage.createEmpty());
  tray.setToolTip('Heroku Token Tray');
  tray.on('click', () => (popover.isVisible() ? popover.hide() : popover.show()));
  app.on('second-instance', () => popover.show());
  await popover.loadURL(`${APP_ORIGIN}/index.html`);
}
