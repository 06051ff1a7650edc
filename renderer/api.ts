/**
 * The renderer's only door to main: the bridge the preload (Electron) or the preview installs on
 * window.tokenTray. Typed end to end by shared/contract.ts.
 */
import type { ArgsOf, Channel, EventName, EventPayloads, ResponseOf, TokenTrayBridge } from '../shared/contract.js';
import type { Result } from '../shared/result.js';
import { decodeRelayed } from '../shared/relay.js';

function bridge(): TokenTrayBridge {
  const b = (window as Partial<Window>).tokenTray;
  if (!b) throw new Error('The app bridge is missing: open the popover from the tray app or the browser preview.');
  return b;
}

/** Calls one channel of the contract (an answer relayed as JSON bytes is decoded here: shared/relay.ts). */
export function call<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<Result<ResponseOf<C>>> {
  const fn = bridge().api[channel] as (a?: ArgsOf<C>) => Promise<unknown>;
  return fn(args).then((answer) => decodeRelayed<Result<ResponseOf<C>>>(answer)).catch((e: unknown) => ({
    ok: false as const,
    error: { code: 'internal' as const, message: e instanceof Error ? e.message : 'The request failed.' },
  }));
}

/** Subscribes to one push event; returns the unsubscribe function. */
export function on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
  const subscribe = bridge().events[name] as (l: (p: unknown) => void) => () => void;
  return subscribe((payload) => {
    let value: EventPayloads[E];
    try {
      value = decodeRelayed<EventPayloads[E]>(payload);
    } catch {
      console.error(`an event ${name} came that could not be read`);
      return;
    }
    listener(value);
  });
}
