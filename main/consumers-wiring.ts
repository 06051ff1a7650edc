/**
 * Wires the consumers feature (scan, local files, Replace) into the core: services, the file
 * watcher, events on the bus, and the consumers:* / replace:* handlers. Composition only.
 */
import type { HandlerTable } from '../shared/contract.js';
import { MemoryConsumerStore } from './adapters/consumer-store.js';
import { LocalConsumerFiles } from './adapters/local-consumer-files.js';
import { createConsumerHandlers, type ConsumerChannels } from './consumer-handlers.js';
import type { Clock, ConsumerFiles, ConsumerStore, Logger, SecretStore } from './ports.js';
import type { AccountService } from './services/account-service.js';
import type { AuthorizationService } from './services/authorization-service.js';
import { ConsumerScanService } from './services/consumer-scan.js';
import type { EventBus } from './services/events.js';
import { ReplaceService } from './services/replace-service.js';

export interface ConsumersWiring {
  scan: ConsumerScanService;
  replace: ReplaceService;
  handlers: Pick<HandlerTable, ConsumerChannels>;
  /** Starts watching the local files. */
  start(): void;
  stop(): void;
}

export interface ConsumersWiringDeps {
  accounts: AccountService;
  authorizations: AuthorizationService;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  store?: ConsumerStore;
  files?: ConsumerFiles;
}

/** Builds the consumers feature. */
export function createConsumersWiring(d: ConsumersWiringDeps): ConsumersWiring {
  const store = d.store ?? new MemoryConsumerStore();
  const files = d.files ?? new LocalConsumerFiles();
  const api = (id?: string) => d.accounts.api(id);
  const scan = new ConsumerScanService({
    api,
    authorizations: d.authorizations,
    secrets: d.secrets,
    files,
    store,
    clock: d.clock,
    logger: d.logger,
    onProgress: (p) => d.bus.emit('consumers:scan-progress', p),
    onChanged: (s) => d.bus.emit('consumers:changed', s),
  });
  const replace = new ReplaceService({
    api,
    authorizations: d.authorizations,
    files,
    store,
    clock: d.clock,
    logger: d.logger,
    onChanged: (op) => {
      d.bus.emit('replace:changed', op);
      if (op.status === 'done') d.bus.emit('consumers:changed', scan.snapshot(op.accountId));
    },
  });
  let unwatch: Array<() => void> = [];
  let watching = false;
  const rescan = () => {
    for (const accountId of Object.keys(store.read().scannedAt)) void scan.rescanFiles(accountId);
  };
  const watch = () => {
    unwatch.forEach((u) => u());
    unwatch = watching ? store.read().files.map((f) => files.watch(f, rescan)) : [];
  };
  const handlers = createConsumerHandlers({
    consumers: scan,
    replace,
    activeAccountId: () => d.accounts.current()?.id ?? null,
    filesChanged: () => {
      watch();
      rescan();
    },
  });
  // A removed account's consumer records go with it (Replace runs stay until dismissed).
  let unsubscribe: (() => void) | null = null;
  const prune = () => {
    const live = new Set(d.accounts.list().map((a) => a.id));
    const s = store.read();
    if (s.consumers.every((c) => live.has(c.accountId)) && Object.keys(s.scannedAt).every((id) => live.has(id))) return;
    store.update((st) => ({
      ...st,
      consumers: st.consumers.filter((c) => live.has(c.accountId)),
      scannedAt: Object.fromEntries(Object.entries(st.scannedAt).filter(([id]) => live.has(id))),
    }));
  };
  return {
    scan,
    replace,
    handlers,
    start: () => {
      watching = true;
      watch();
      unsubscribe ??= d.bus.subscribe((name) => {
        if (name === 'accounts:changed') prune();
      });
    },
    stop: () => {
      watching = false;
      watch();
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
