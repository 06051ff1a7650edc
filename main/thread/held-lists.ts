/**
 * The main thread's copy of each account's last list, as the bytes of its authorizations:list
 * answer (`{"ok":true,"value":<snapshot>}`), kept from the 'authorizations:changed' that brought it
 * (serve-core.ts relayBytes). The core answers a list call it would answer with that same snapshot
 * with `{ held: accountId }`, and the main thread answers from here instead of receiving it again.
 */
import { decodeRelayed, okRelayedValue } from '../../shared/relay.js';

export class HeldLists {
  private readonly answers = new Map<string, Uint8Array>();

  /** Keeps an account's list answer; returns the snapshot's part, to pass on as the event (a view: no copy). */
  keep(accountId: string, answer: Uint8Array): Uint8Array {
    this.answers.set(accountId, answer);
    return okRelayedValue(answer);
  }

  /** The kept answer, if any. */
  answer(accountId: string): Uint8Array | undefined {
    return this.answers.get(accountId);
  }

  /** Drops the lists of accounts no longer in an 'accounts:changed' payload (all of them if it cannot be read). */
  keepAccountsOf(accountsChanged: Uint8Array): void {
    try {
      const ids = new Set(decodeRelayed<Array<{ id: string }>>(accountsChanged).map((a) => a.id));
      for (const id of this.answers.keys()) if (!ids.has(id)) this.answers.delete(id);
    } catch {
      this.answers.clear();
    }
  }

  /** A new core has sent nothing yet. */
  clear(): void {
    this.answers.clear();
  }
}
