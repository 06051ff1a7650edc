/** The Clipboard port on Electron's clipboard module (asynchronous since Electron 45). */
import { clipboard } from 'electron';
import type { Clipboard } from '../../ports.js';

export const electronClipboard: Clipboard = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: async () => clipboard.clear(),
};
