/**
 * The only bridge between the popover and main. It exposes one method per contract channel and
 * one subscribe method per event, derived from shared/contract.ts: no raw ipcRenderer, nothing
 * generic. Bundled as a single CommonJS file so it runs with sandbox: true.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, type TokenTrayApi, type TokenTrayBridge, type TokenTrayEvents } from '../shared/contract.js';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (args?: unknown) => ipcRenderer.invoke(channel, args)]),
) as unknown as TokenTrayApi;

const events = Object.fromEntries(
  EVENTS.map((name) => [
    name,
    (listener: (payload: unknown) => void) => {
      // Wrap so the page never sees the IpcRendererEvent (it carries `sender`).
      const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(name, wrapped);
      return () => {
        ipcRenderer.removeListener(name, wrapped);
      };
    },
  ]),
) as unknown as TokenTrayEvents;

const bridge: TokenTrayBridge = { api, events };
contextBridge.exposeInMainWorld('tokenTray', bridge);
