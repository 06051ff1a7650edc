/**
 * Electron transport for the contract: one ipcMain.handle per channel. Each call checks that the
 * sender is the top frame of one of our windows, showing our own origin, before the arguments are
 * parsed and the handler runs. Results, never exceptions, cross the bridge. Which windows and which
 * URLs are ours is the caller's to say (SenderPolicy): transport knows no adapter.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, type EventName, type EventPayloads, type HandlerTable } from '../../shared/contract.js';
import { err } from '../../shared/result.js';
import type { Logger } from '../ports.js';
import { dispatch } from './dispatch.js';
import type { Relayed, RelayedTable } from '../../shared/relay.js';

export interface SenderPolicy {
  /** The webContents ids of our own windows. */
  trustedWebContents: () => Iterable<number>;
  /** True when a frame URL shows the app's own origin (the composition root passes isAppUrl). */
  isAppUrl: (url: string) => boolean;
}

/** True when an IPC event comes from the top frame of a trusted window on our origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: SenderPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (![...policy.trustedWebContents()].includes(event.sender.id)) return false;
  // The policy parses, not prefix-matches: app://renderer.evil/, app://x@renderer/ and app://renderer:1/ fail.
  return policy.isAppUrl(frame.url);
}

/** Registers a handler for every channel of the contract. Returns a function that removes them. */
export function registerIpc(handlers: HandlerTable | RelayedTable, policy: SenderPolicy, logger: Logger): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!isTrustedSender(event, policy)) {
        logger.warn('rejected IPC from an untrusted sender', { channel, url: event.senderFrame?.url ?? null });
        return err('untrusted_sender', 'This request did not come from the app’s own window.');
      }
      return dispatch(handlers as RelayedTable, channel, args, logger);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends a typed push event to one window (its payload may be JSON bytes from the core's thread: shared/relay.ts). */
export function sendEvent<E extends EventName>(target: WebContents, name: E, payload: Relayed<EventPayloads[E]>): void {
  if (!target.isDestroyed()) target.send(name, payload);
}
