/**
 * The app's own tokens: the ones it created or rotated and keeps in the keychain. The secret is in
 * the SecretStore under tokenKey; which ids are held is in PersistedState.heldTokens (no secrets).
 * A keychain that fails to delete keeps the id listed, so a later refresh or removal retries.
 */
import { err, ok, type Result } from '../../shared/result.js';
import type { Logger, SecretStore, SettingsStore } from '../ports.js';
import { keychainFailure } from './account-service.js';
import { tokenKey } from './secret-keys.js';

export class HeldTokens {
  constructor(
    private readonly secrets: SecretStore,
    private readonly store: SettingsStore,
    private readonly logger: Logger,
  ) {}

  /** The ids of an account's held tokens, as persisted now. */
  ids(accountId: string): Set<string> {
    return new Set(this.store.read().heldTokens[accountId] ?? []);
  }

  /** Reads a held token; token_not_held explains how to get one. */
  async read(accountId: string, id: string): Promise<Result<string>> {
    let token: string | null = null;
    if (this.ids(accountId).has(id)) {
      try {
        token = await this.secrets.get(tokenKey(accountId, id));
      } catch (e) {
        return keychainFailure(e);
      }
    }
    if (!token) {
      return err(
        'token_not_held',
        'This app does not have this token: Heroku shows a token only once, when it is created. Rotate it to get a new one that the app keeps.',
      );
    }
    return ok(token);
  }

  /** Puts a new token into the keychain and lists its id; throws SecretStoreError when the keychain fails. */
  async keep(accountId: string, id: string, token: string): Promise<void> {
    await this.secrets.set(tokenKey(accountId, id), token);
    this.store.update((s) => ({
      ...s,
      heldTokens: { ...s.heldTokens, [accountId]: [...new Set([...(s.heldTokens[accountId] ?? []), id])] },
    }));
  }

  /** Deletes a held token from the keychain and unlists it; on keychain failure keeps the id. */
  async drop(accountId: string, id: string): Promise<void> {
    try {
      await this.secrets.delete(tokenKey(accountId, id));
      this.store.update((s) => ({
        ...s,
        heldTokens: { ...s.heldTokens, [accountId]: (s.heldTokens[accountId] ?? []).filter((x) => x !== id) },
      }));
    } catch {
      this.logger.warn('could not delete a revoked token from the keychain; will retry', { accountId });
    }
  }

  /** Marks one of the app's own authorizations as seen, so it is never announced as "a new login appeared". */
  markSeen(accountId: string, id: string): void {
    this.store.update((s) => {
      const seen = s.seenAuthorizations[accountId];
      if (!seen || seen.includes(id)) return s;
      return { ...s, seenAuthorizations: { ...s.seenAuthorizations, [accountId]: [...seen, id] } };
    });
  }
}
