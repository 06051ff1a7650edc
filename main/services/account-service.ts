/**
 * Accounts: sign in with an API key (checked with GET /account before anything is stored), keep
 * several at once, switch and remove. Keys live in the SecretStore only; settings hold the
 * non-secret metadata (email, name, source).
 */
import type { AccountView } from '../../shared/contract.js';
import { err, ok, type Result } from '../../shared/result.js';
import { DEFAULT_API_ORIGIN, type HerokuApi } from '../heroku/client.js';
import { SecretStoreError, type AccountRecord, type Logger, type SecretStore, type SettingsStore } from '../ports.js';
import { accountKey, tokenKey } from './secret-keys.js';

export type ApiFactory = (apiKey: string) => HerokuApi;

export interface AccountServiceDeps {
  /** The configured API origin: keys are bound to the origin they were checked against. */
  origin: string;
  secrets: SecretStore;
  store: SettingsStore;
  apiFactory: ApiFactory;
  logger: Logger;
  now: () => number;
  onChanged?: (accounts: AccountView[]) => void;
}

/** Turns a keychain failure into a Result the UI can show. */
export function keychainFailure<T>(e: unknown): Result<T> {
  if (e instanceof SecretStoreError) {
    return err(e.state === 'locked' ? 'keychain_locked' : 'keychain_unavailable', e.message);
  }
  return err('keychain_unavailable', 'The system keychain could not be used.');
}

export class AccountService {
  /** API clients per account, built once from the keychain. The key itself stays in the client. */
  private readonly clients = new Map<string, HerokuApi>();

  constructor(private readonly deps: AccountServiceDeps) {}

  /** Every signed-in account, the active one marked. */
  list(): AccountView[] {
    const state = this.deps.store.read();
    const active = state.activeAccountId ?? state.accounts[0]?.id ?? null;
    return state.accounts.map((a) => toView(a, a.id === active));
  }

  /** The active account, or null before the first sign-in. */
  current(): AccountView | null {
    return this.list().find((a) => a.active) ?? null;
  }

  /** Checks a key with GET /account, then stores it in the keychain and makes it active. */
  async signIn(apiKey: string, source: AccountRecord['source'] = 'sign-in'): Promise<Result<AccountView>> {
    const api = this.deps.apiFactory(apiKey.trim());
    const who = await api.getAccount();
    if (!who.ok) {
      if (who.error.code === 'unauthorized') return err('unauthorized', 'Heroku did not accept that API key. Check it and try again.');
      return who;
    }
    try {
      await this.deps.secrets.set(accountKey(who.value.id), apiKey.trim());
    } catch (e) {
      return keychainFailure(e);
    }
    this.clients.set(who.value.id, api);
    const record: AccountRecord = {
      id: who.value.id,
      email: who.value.email,
      name: who.value.name ?? null,
      source,
      addedAt: new Date(this.deps.now()).toISOString(),
      origin: this.deps.origin,
    };
    this.deps.store.update((s) => ({
      ...s,
      accounts: [...s.accounts.filter((a) => a.id !== record.id), record],
      activeAccountId: record.id,
    }));
    this.deps.logger.info('account signed in', { accountId: record.id, source });
    this.changed();
    return ok(toView(record, true));
  }

  /** Makes another signed-in account the active one. */
  switchTo(accountId: string): Result<AccountView> {
    const record = this.deps.store.read().accounts.find((a) => a.id === accountId);
    if (!record) return err('not_found', 'No such account is signed in.');
    this.deps.store.update((s) => ({ ...s, activeAccountId: accountId }));
    this.changed();
    return ok(toView(record, true));
  }

  /** Signs an account out: deletes its key and every token the app kept for it. */
  async remove(accountId: string): Promise<Result<{ accountId: string }>> {
    const state = this.deps.store.read();
    if (!state.accounts.some((a) => a.id === accountId)) return err('not_found', 'No such account is signed in.');
    try {
      for (const authId of state.heldTokens[accountId] ?? []) await this.deps.secrets.delete(tokenKey(accountId, authId));
      await this.deps.secrets.delete(accountKey(accountId));
    } catch (e) {
      return keychainFailure(e);
    }
    this.clients.delete(accountId);
    this.deps.store.update((s) => {
      const accounts = s.accounts.filter((a) => a.id !== accountId);
      const heldTokens = { ...s.heldTokens };
      delete heldTokens[accountId];
      const seen = { ...s.seenAuthorizations };
      delete seen[accountId];
      const activeAccountId = s.activeAccountId === accountId ? (accounts[0]?.id ?? null) : s.activeAccountId;
      return { ...s, accounts, heldTokens, seenAuthorizations: seen, activeAccountId };
    });
    this.deps.logger.info('account removed', { accountId });
    this.changed();
    return ok({ accountId });
  }

  /** After the app's own key was rotated: keep the new key and use it from now on. */
  async replaceKey(accountId: string, apiKey: string): Promise<Result<null>> {
    this.clients.delete(accountId);
    try {
      await this.deps.secrets.set(accountKey(accountId), apiKey);
    } catch (e) {
      return keychainFailure(e);
    }
    return ok(null);
  }

  /** Resolves an account id (default: the active one) to its id and API client. */
  async api(accountId?: string): Promise<Result<{ accountId: string; api: HerokuApi }>> {
    const id = accountId ?? this.current()?.id;
    if (!id) return err('not_signed_in', 'Sign in with a Heroku API key first.');
    const record = this.deps.store.read().accounts.find((a) => a.id === id);
    if (!record) return err('not_found', 'No such account is signed in.');
    // A key checked against one API is never sent to another (HEROKU_API_URL may have changed).
    const bound = record.origin ?? DEFAULT_API_ORIGIN;
    if (bound !== this.deps.origin) {
      return err('unauthorized', `This account's key belongs to ${bound}, so it is not sent to ${this.deps.origin}. Sign in again for this server.`);
    }
    const cached = this.clients.get(id);
    if (cached) return ok({ accountId: id, api: cached });
    let key: string | null;
    try {
      key = await this.deps.secrets.get(accountKey(id));
    } catch (e) {
      return keychainFailure(e);
    }
    if (!key) return err('unauthorized', 'The API key for this account is no longer in the keychain. Sign in again.');
    const api = this.deps.apiFactory(key);
    this.clients.set(id, api);
    return ok({ accountId: id, api });
  }

  private changed(): void {
    this.deps.onChanged?.(this.list());
  }
}

function toView(a: AccountRecord, active: boolean): AccountView {
  return { id: a.id, email: a.email, name: a.name, source: a.source, active };
}
