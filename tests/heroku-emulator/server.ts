/**
 * The Heroku Platform API emulator: a real HTTP server on 127.0.0.1 that answers like
 * api.heroku.com for the routes the app and the Heroku CLI use. Control API: /tmp/emu-spec.md
 * (mirrored in tests/heroku-emulator/README.md).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appsOf, demoApps, findApp, makeApp, type EmuApp } from './apps.js';
import { createClock, type EmuClock } from './clock.js';
import { handleControl } from './control.js';
import type { ETagStyle } from './etag.js';
import { FaultTable, type FaultSpec } from './faults.js';
import { createPipeline, type RequestLogEntry } from './pipeline.js';
import { demoSeed, emptySeed, federatedSeed, hrku, type EmuAccount, type EmuAuthorization } from './seed.js';
import { Store } from './store.js';

export type { EmuAccount, EmuAuthorization, EmuClient } from './seed.js';
export type { FaultSpec, FaultKind } from './faults.js';
export type { ETagStyle } from './etag.js';
export type { RequestLogEntry } from './pipeline.js';
export type { EmuApp } from './apps.js';
export { demoSeed, hrku } from './seed.js';

export interface EmulatorOptions {
  port?: number;
  apiKey?: string;
  /** demo: every token case; empty: only the sign-in key; federated: an SSO account. */
  seed?: 'demo' | 'empty' | 'federated';
  /** Emulator clock start (ms epoch); it then ticks in real time. */
  clockStart?: number;
  /** Mask token values in list/info/update/delete answers. */
  redactTokens?: boolean;
  /** Request budget (RateLimit-Remaining), default 4500; shared by every account. */
  rateLimit?: number;
  faults?: FaultSpec[];
  /** Default list page size when the request has no Range (Heroku: 200). */
  pageSize?: number;
  /** ETags on GET answers and 304 for a matching If-None-Match (default `strong`; see etag.ts). */
  etags?: ETagStyle;
  /** Apps of the seeded account, with their config vars. */
  apps?: Array<{ name: string; configVars?: Record<string, string> }>;
}

export interface Emulator {
  url: string;
  apiKey: string;
  /** The seeded account (demo or empty). */
  account: EmuAccount;
  clock: EmuClock;
  faults: { add(f: FaultSpec): void; clear(): void };
  setRedaction(on: boolean): void;
  setRateLimitRemaining(n: number): void;
  /** Adds an account; `federated` makes it an SSO account (identity provider set, creates refused). */
  addAccount(opts?: { email?: string; authorizations?: number; federated?: boolean }): { apiKey: string; account: EmuAccount };
  addAuthorizations(count: number, account?: EmuAccount): void;
  requests: RequestLogEntry[];
  liveAuthorizations(account?: EmuAccount): EmuAuthorization[];
  /** Adds an app with config vars to an account (default: the seeded one). */
  addApp(name: string, configVars?: Record<string, string>, account?: EmuAccount): EmuApp;
  /** An app by name or id (live object: config vars and release count as the API sees them). */
  app(identity: string, account?: EmuAccount): EmuApp | null;
  close(): Promise<void>;
}

/** Mutable settings shared by the pipeline and the control endpoint. */
export interface EmulatorState {
  store: Store;
  clock: EmuClock;
  faults: FaultTable;
  redact: boolean;
  rateLimitRemaining: number;
  pageSize: number;
  etags: ETagStyle;
  requests: RequestLogEntry[];
}

/** Starts the emulator on 127.0.0.1 (port 0 = any free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? hrku();
  const clock = createClock(options.clockStart);
  const store = new Store(clock.now);
  const seed = options.seed ?? 'demo';
  const account = seed === 'empty' ? emptySeed(clock.now(), apiKey) : seed === 'federated' ? federatedSeed(clock.now(), apiKey) : demoSeed(clock.now(), apiKey);
  store.addAccount(account);
  if (seed === 'demo') appsOf(account).push(...demoApps(clock.now(), account));
  for (const a of options.apps ?? []) appsOf(account).push(makeApp(clock.now(), a.name, a.configVars));
  const state: EmulatorState = {
    store,
    clock,
    faults: new FaultTable(),
    redact: options.redactTokens ?? false,
    rateLimitRemaining: options.rateLimit ?? 4500,
    pageSize: options.pageSize ?? 200,
    etags: options.etags ?? 'strong',
    requests: [],
  };
  for (const f of options.faults ?? []) state.faults.add(f);

  const pipeline = createPipeline(state);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const run = path.startsWith('/__emulator/') ? handleControl(state, req, res, path) : pipeline.handle(req, res, path);
    run.catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: 'internal_server_error', message: `emulator bug: ${String(e)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let extraAccounts = 0;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    account,
    clock,
    faults: { add: (f) => state.faults.add(f), clear: () => state.faults.clear() },
    setRedaction: (on) => {
      state.redact = on;
    },
    setRateLimitRemaining: (n) => {
      state.rateLimitRemaining = Math.max(0, Math.floor(n));
    },
    addAccount: (opts = {}) => {
      extraAccounts += 1;
      const key = hrku();
      const extra = emptySeed(clock.now(), key, opts.email ?? `user${extraAccounts}@example.com`);
      extra.name = `Test User ${extraAccounts}`;
      if (opts.federated) extra.identityProvider = federatedSeed(clock.now(), key).identityProvider ?? null;
      store.addAccount(extra);
      if (opts.authorizations) store.addBulk(extra, opts.authorizations);
      return { apiKey: key, account: extra };
    },
    addAuthorizations: (count, target = account) => store.addBulk(target, count),
    requests: state.requests,
    liveAuthorizations: (target = account) => store.live(target),
    addApp: (name, configVars = {}, target = account) => {
      if (findApp(target, name)) throw new Error(`emulator: app ${name} exists`);
      const app = makeApp(clock.now(), name, configVars);
      appsOf(target).push(app);
      return app;
    },
    app: (identity, target = account) => findApp(target, identity),
    close: async () => {
      pipeline.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
