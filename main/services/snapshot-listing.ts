/**
 * Which authorization ids the expiry watcher's snapshots list, kept up to date in work
 * proportional to the snapshots that changed (a refresh of one of ten accounts recounts that
 * one). It tells the ledger's prune which ids stopped being listed and how an id is listed now,
 * and whether any id is listed twice (the watcher then walks everything, as one ledger entry
 * would otherwise be walked from two snapshots). The per-id counts live in the ledger's entry of
 * each id (ListingCounts), so counting a new list of 10,000 tokens makes the entries its walk
 * then finds instead of a second map of every id.
 */
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';

/** Per id: how many snapshots list it (below EXPIRING) plus EXPIRING times how many list it with an expiry. */
const EXPIRING = 2 ** 20;

/** Where the counts are kept: the expiry ledger's entry of each id (see ExpiryLedger.addListed). */
export interface ListingCounts {
  /** Moves an id's count by `delta` and returns the count before (0 when it had none). */
  addListed(id: string, delta: number): number;
  listed(id: string): number;
}

export class SnapshotListing {
  /** Per account: the snapshot counted. */
  private counted = new Map<string, AuthorizationsSnapshot>();
  /** The counts of the ledger this listing counts into (set by count(); a new ledger comes with clear()). */
  private counts: ListingCounts | null = null;
  /** Ids that stopped being listed (for a moment, or for good) since takeGone(). */
  private readonly gone = new Set<string>();
  /** How many ids more than one snapshot lists (or one lists twice). */
  private duplicates = 0;

  /** Counts these snapshots instead of the last ones; an unchanged snapshot costs nothing. */
  count(snapshots: readonly AuthorizationsSnapshot[], counts: ListingCounts): void {
    this.counts = counts;
    const now = new Map(snapshots.map((s) => [s.accountId, s]));
    for (const [accountId, old] of this.counted) if (now.get(accountId) !== old) this.tally(old, -1);
    for (const s of snapshots) if (this.counted.get(s.accountId) !== s) this.tally(s, 1);
    this.counted = now;
  }

  /** Whether some id is listed more than once. */
  get shared(): boolean {
    return this.duplicates > 0;
  }

  /** How an id is listed now: with an expiry somewhere, only without one, or not at all. */
  status(id: string): 'expiring' | 'listed' | undefined {
    const v = this.counts?.listed(id) ?? 0;
    return v === 0 ? undefined : v >= EXPIRING ? 'expiring' : 'listed';
  }

  /** The ids that stopped being listed since the last call (some may be listed again). */
  takeGone(): string[] {
    const out = [...this.gone];
    this.gone.clear();
    return out;
  }

  /** Forgets everything (a new ledger starts from nothing). */
  clear(): void {
    this.counted = new Map();
    this.counts = null;
    this.gone.clear();
    this.duplicates = 0;
  }

  private tally(snapshot: AuthorizationsSnapshot, step: 1 | -1): void {
    const counts = this.counts!;
    for (const item of snapshot.items) {
      const delta = step * (item.expiresAt === null ? 1 : 1 + EXPIRING);
      const before = counts.addListed(item.id, delta);
      const after = before + delta;
      const was = before % EXPIRING;
      const is = after % EXPIRING;
      if (was >= 2 !== is >= 2) this.duplicates += is >= 2 ? 1 : -1;
      if (is === 0) this.gone.add(item.id);
    }
  }
}
