/**
 * Transport-independent dispatch: parse the arguments against the contract, run the handler,
 * and turn anything unexpected into one clear Result. Never throws.
 */
import { contract, type Channel, type HandlerTable } from '../../shared/contract.js';
import { err, type Result } from '../../shared/result.js';
import type { Logger } from '../ports.js';
import type { Relayed, RelayedTable } from '../../shared/relay.js';

/** True when a string names a channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Runs one call: unknown channel, bad arguments and thrown errors all come back as Results. */
export async function dispatch(handlers: HandlerTable, channel: unknown, rawArgs: unknown, logger: Logger): Promise<Result<unknown>>;
/** The same for a table whose answers may be JSON bytes (the core in its own thread: shared/relay.ts). */
export async function dispatch(handlers: RelayedTable, channel: unknown, rawArgs: unknown, logger: Logger): Promise<Relayed<Result<unknown>>>;
export async function dispatch(handlers: HandlerTable | RelayedTable, channel: unknown, rawArgs: unknown, logger: Logger): Promise<Relayed<Result<unknown>>> {
  if (!isChannel(channel)) return err('bad_request', 'Unknown request.');
  const parsed = contract[channel].request.safeParse(rawArgs ?? undefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return err('bad_request', `${where}${issue?.message ?? 'Invalid arguments.'}`);
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<Relayed<Result<unknown>>>;
    return await handler(parsed.data);
  } catch (e) {
    logger.error(`handler for ${channel} failed`, { error: e instanceof Error ? e.message : String(e) });
    return err('internal', 'Something went wrong inside the app. Details are in the log.');
  }
}
