/**
 * The core runs in a thread of its own (main/core-worker.ts). What it answers and announces crosses
 * the main thread as JSON encoded in UTF-8 bytes, which the main thread passes on without reading:
 * a list of 10,000 tokens is then one block of memory outside the JavaScript heap there, not an
 * object graph (or a large string) to build, collect and serialise again. The main thread runs the
 * tray and the popover window and must not stall. The renderer decodes it (renderer/api.ts).
 * Everything in the contract is plain JSON data already (the browser preview carries it as JSON),
 * and no answer or event of the contract is a byte array, so bytes always mean JSON.
 */
import type { Channel, ParsedArgsOf, ResponseOf } from './contract.js';
import type { Result } from './result.js';

/** A value, or its JSON in UTF-8 bytes. */
export type Relayed<T> = T | Uint8Array;

/** The handler table as the main thread holds it when the core runs elsewhere: answers may be JSON bytes. */
export type RelayedTable = { [C in Channel]: (args: ParsedArgsOf<C>) => Promise<Relayed<Result<ResponseOf<C>>>> };

/** A value's JSON in UTF-8 bytes, in an ArrayBuffer of its own (so a copy sent elsewhere holds only these bytes). */
export function encodeRelayed(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

const OK_HEAD = new TextEncoder().encode('{"ok":true,"value":');

/** The bytes of `{"ok":true,"value":<value>}` around a value's JSON bytes, in one new buffer. */
export function okRelayed(value: Uint8Array): Uint8Array {
  const out = new Uint8Array(OK_HEAD.length + value.length + 1);
  out.set(OK_HEAD, 0);
  out.set(value, OK_HEAD.length);
  out[out.length - 1] = 0x7d; // }
  return out;
}

/** The value's bytes inside okRelayed()'s bytes: a view, no copy. */
export function okRelayedValue(answer: Uint8Array): Uint8Array {
  return answer.subarray(OK_HEAD.length, answer.length - 1);
}

/** The value itself: JSON bytes parsed, anything else as it came. */
export function decodeRelayed<T>(value: Relayed<T> | unknown): T {
  return (value instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(value)) : value) as T;
}
