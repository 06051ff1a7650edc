/**
 * Spots authorizations that appeared from elsewhere (a `heroku login`, another tool, someone else)
 * and raises one alert per snapshot. The first successful list of an account after sign-in seeds
 * the seen set silently; ids in heldTokens are the app's own (created or rotated here).
 */
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import type { AbsoluteTimeOptions } from '../../shared/domain/expiry.js';
import type { SettingsStore } from '../ports.js';
import { newAuthorizationNotification, type NewAuthorization, type WatcherNotice } from './notification-texts.js';

export class NewAuthorizationSpotter {
  constructor(
    private readonly store: SettingsStore,
    private readonly format: AbsoluteTimeOptions,
    private readonly deliver: (notice: WatcherNotice) => void,
  ) {}

  /**
   * Compares a snapshot with the persisted seen ids, alerts about new foreign ones, and records
   * them; returns the ids the alert named (none when nothing was shown).
   */
  inspect(snapshot: AuthorizationsSnapshot, accounts: Array<{ id: string; email: string }>): string[] {
    // A failed refresh repeats the last good list; only fresh lists say anything new.
    if (snapshot.fetchedAt === null || snapshot.lastError !== null) return [];
    const account = accounts.find((a) => a.id === snapshot.accountId);
    if (!account) return [];
    let alerted: string[] = [];
    const state = this.store.read();
    const seen = state.seenAuthorizations[account.id];
    const ids = snapshot.items.map((i) => i.id);
    if (seen !== undefined) {
      const known = new Set([...seen, ...(state.heldTokens[account.id] ?? [])]);
      const found: NewAuthorization[] = snapshot.items
        .filter((i) => !known.has(i.id))
        .map((item) => ({ accountId: account.id, email: account.email, item }));
      if (found.length > 0 && state.settings.notifyNewAuthorizations) {
        this.deliver({ kind: 'new-authorization', spec: newAuthorizationNotification(found, this.format), warnings: [], shown: false });
        alerted = found.map((f) => f.item.id);
      }
      const seenSet = new Set(seen);
      if (seen.length === ids.length && ids.every((id) => seenSet.has(id))) return alerted;
    }
    // The seen set follows the list, so revoked ids do not pile up.
    this.store.update((s) => ({ ...s, seenAuthorizations: { ...s.seenAuthorizations, [account.id]: ids } }));
    return alerted;
  }
}
