/** An in-memory window.tokenTray for component tests: typed by the contract, no transport. */
import type { AccountView, EventName, EventPayloads, TokenTrayBridge } from '../../shared/contract.js';
import { CHANNELS, EVENTS } from '../../shared/contract.js';
import type { AuthorizationView } from '../../shared/domain/authorization.js';
import type { AppError, Result } from '../../shared/result.js';
import { authorizationView } from './authorization-view.js';

export const account: AccountView = { id: 'acc-1', email: 'dev@example.com', name: 'Dev', source: 'sign-in', active: true };

/** An authorization of the fake account. */
export const view = (over: Partial<AuthorizationView>): AuthorizationView => authorizationView({ accountId: account.id, ...over });

export interface FakeOptions {
  listError?: AppError;
  items?: AuthorizationView[];
  handlers?: Partial<Record<string, (args: unknown) => Promise<Result<unknown>>>>;
}

/** Installs a fake bridge on window and returns a function that pushes events to the page. */
export function installFakeBridge(opts: FakeOptions = {}): <E extends EventName>(name: E, payload: EventPayloads[E]) => void {
  const items = opts.items ?? [
    view({ id: 'a1', description: 'CI deploy key', scopes: ['write'], expiresAt: '2030-01-01T00:00:00Z' }),
    view({ id: 'a2', description: 'Laptop', scopes: ['global'] }),
  ];
  const defaults: Record<string, (args: unknown) => Promise<Result<unknown>>> = {
    'account:current': async () => ({ ok: true, value: account }),
    'authorizations:list': async () =>
      opts.listError
        ? { ok: false, error: opts.listError }
        : { ok: true, value: { accountId: account.id, items, fetchedAt: new Date().toISOString(), lastError: null } },
  };
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      (args: unknown) =>
        (opts.handlers?.[c] ?? defaults[c] ?? (async () => ({ ok: false, error: { code: 'internal', message: `no fake for ${c}` } })))(args),
    ]),
  );
  const events = Object.fromEntries(
    EVENTS.map((e) => [
      e,
      (l: (p: unknown) => void) => {
        const set = listeners.get(e) ?? new Set();
        set.add(l);
        listeners.set(e, set);
        return () => set.delete(l);
      },
    ]),
  );
  (window as unknown as { tokenTray: TokenTrayBridge }).tokenTray = { api, events } as unknown as TokenTrayBridge;
  return (name, payload) => {
    for (const l of listeners.get(name) ?? []) l(payload);
  };
}
