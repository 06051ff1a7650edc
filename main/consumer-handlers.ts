/**
 * The consumers part of the use-case table (where tokens are used, Replace), spread into
 * main/handlers.ts. No value of a consumer crosses here: services return names, ids and states.
 */
import type { HandlerTable } from '../shared/contract.js';
import { ok } from '../shared/result.js';
import type { ConsumerScanService } from './services/consumer-scan.js';
import type { ReplaceService } from './services/replace-service.js';

export type ConsumerChannels = Extract<keyof HandlerTable, `consumers:${string}` | `replace:${string}`>;

export interface ConsumerHandlerDeps {
  consumers: ConsumerScanService;
  replace: ReplaceService;
  /** The active account's id, when no accountId is given. */
  activeAccountId: () => string | null;
  /** Re-reads watched files when the list of files changes. */
  filesChanged: () => void;
}

/** Handlers for the consumers:* and replace:* channels. */
export function createConsumerHandlers(d: ConsumerHandlerDeps): Pick<HandlerTable, ConsumerChannels> {
  const account = (id?: string) => id ?? d.activeAccountId();
  return {
    'consumers:estimate': async (args) => d.consumers.estimate(args?.accountId),
    'consumers:list': async (args) => {
      const id = account(args?.accountId);
      return id ? ok(d.consumers.snapshot(id)) : d.consumers.estimate().then((r) => (r.ok ? ok(d.consumers.snapshot(r.value.accountId)) : r));
    },
    'consumers:scan': async (args) => d.consumers.scan(args?.accountId),
    'consumers:add-file': async ({ path }) => {
      const r = d.consumers.addFile(path);
      if (r.ok) d.filesChanged();
      return r;
    },
    'consumers:remove-file': async ({ path }) => {
      const r = d.consumers.removeFile(path);
      if (r.ok) d.filesChanged();
      return r;
    },
    'replace:plan': async ({ id, accountId }) => d.replace.plan(id, accountId),
    'replace:start': async ({ id, accountId, expiresIn, revokeOld }) => d.replace.start({ authorizationId: id, accountId, expiresIn, revokeOld }),
    'replace:list': async (args) => {
      const id = account(args?.accountId);
      return ok(id ? d.replace.operations(id) : []);
    },
    'replace:retry': async ({ operationId }) => d.replace.retry(operationId),
    'replace:rollback': async ({ operationId }) => d.replace.rollback(operationId),
    'replace:dismiss': async ({ operationId }) => d.replace.dismiss(operationId),
  };
}
