/**
 * The lease ledger: every token the app leased ("Lease a token"), persisted, so its end is kept
 * across restarts and sleep. A record is written the moment Heroku answers the create and removed
 * only after Heroku confirms the revocation (or says the token is already gone). The ledger is
 * the ONLY list the lease service ever revokes from: nothing else is ever ended by it.
 */

import type { LeaseRecord } from '../ports.js';

export type { LeaseRecord };

/** Where the ledger is persisted (the settings file in the app; memory in tests). */
export interface LeaseLedgerStore {
  /** The persisted records (a damaged file reads as none, never as someone else's tokens). */
  read(): LeaseRecord[];
  /** Persists the records. */
  write(records: LeaseRecord[]): void;
}

/** Ledger operations over a store; every change is persisted at once. */
export class LeaseLedger {
  constructor(private readonly store: LeaseLedgerStore) {}

  /** Every recorded lease. */
  all(): LeaseRecord[] {
    return this.store.read();
  }

  /** The lease for an authorization, if the app leased it. */
  find(accountId: string, authorizationId: string): LeaseRecord | null {
    return this.all().find((r) => r.accountId === accountId && r.authorizationId === authorizationId) ?? null;
  }

  /** Records a new lease (replacing a record for the same authorization). */
  add(record: LeaseRecord): void {
    this.store.write([...this.all().filter((r) => !same(r, record)), record]);
  }

  /** Forgets a lease once it is revoked. */
  remove(accountId: string, authorizationId: string): void {
    this.store.write(this.all().filter((r) => !(r.accountId === accountId && r.authorizationId === authorizationId)));
  }

  /** Forgets every lease of an account (the account was removed: its key can no longer revoke). */
  removeAccount(accountId: string): void {
    this.store.write(this.all().filter((r) => r.accountId !== accountId));
  }

  /** Leases whose end is at or before `now`. */
  due(now: number): LeaseRecord[] {
    return this.all().filter((r) => r.endsAt <= now);
  }
}

const same = (a: LeaseRecord, b: LeaseRecord) => a.accountId === b.accountId && a.authorizationId === b.authorizationId;
