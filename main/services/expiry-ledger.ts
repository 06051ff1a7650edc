/**
 * The expiry watcher's memory: which (token lifetime, threshold) pairs were already dealt with,
 * and when the app first knew each lifetime. A lifetime is an authorization id plus its expiresAt;
 * expiresAt is recomputed from every response's receipt time, so two values within a small
 * tolerance are the same lifetime, and a rotation (a new expiresAt) starts a new one.
 */
import type { NotifiedRecord } from '../ports.js';

export interface Lifetime {
  expiresAtMs: number;
  /**
   * When the app first knew this lifetime (ms). A threshold whose moment lies at or before it was
   * already behind the token when it appeared, and is marked done without a notification.
   * -Infinity when an earlier run knew the lifetime, so anything still open is a catch-up.
   */
  firstSeenAt: number;
}

export interface LedgerOrigin {
  /** Authorization ids seen by earlier runs (persisted seenAuthorizations, all accounts). */
  seenBefore: ReadonlySet<string>;
  /** The persisted lastCheckAt of the earlier run, or null. */
  lastCheckAt: number | null;
  /** The persisted notified records. */
  notified: NotifiedRecord[];
}

export class ExpiryLedger {
  private readonly records = new Map<string, Array<{ threshold: number; expiresAtMs: number }>>();
  private readonly lifetimes = new Map<string, Lifetime>();
  /** Ids this run has seen in any form (also without expiry), so a later lifetime of theirs is new. */
  private readonly seenHere = new Set<string>();

  constructor(
    private readonly toleranceMs: number,
    private readonly origin: LedgerOrigin,
  ) {
    for (const r of origin.notified) {
      const at = Date.parse(r.expiresAt);
      if (Number.isFinite(at)) this.add(r.authorizationId, r.thresholdSeconds, at);
    }
  }

  /** Whether this pair was already notified (or deliberately skipped) for this lifetime. */
  isDone(id: string, thresholdSeconds: number, expiresAtMs: number): boolean {
    return (this.records.get(id) ?? []).some(
      (r) => r.threshold === thresholdSeconds && Math.abs(r.expiresAtMs - expiresAtMs) <= this.toleranceMs,
    );
  }

  /** Marks a pair done. */
  markDone(id: string, thresholdSeconds: number, expiresAtMs: number): void {
    this.add(id, thresholdSeconds, expiresAtMs);
  }

  /** Notes an authorization that never expires (a later expiring lifetime of it is new). */
  observe(id: string): void {
    this.seenHere.add(id);
    this.lifetimes.delete(id);
  }

  /**
   * The lifetime an authorization is in now, learning it (and when it was first known) if new.
   * Heroku reports expires_in 0 once a token has expired, so an expired token's expiresAt creeps
   * forward with every refresh: once expired, a lifetime stays the same until a rotation (which
   * always gives a future expiry).
   */
  lifetime(id: string, expiresAtMs: number, nowMs: number): Lifetime {
    const known = this.lifetimes.get(id);
    if (known) {
      if (known.expiresAtMs <= nowMs && expiresAtMs <= nowMs) return known;
      if (Math.abs(known.expiresAtMs - expiresAtMs) <= this.toleranceMs) {
        known.expiresAtMs = expiresAtMs;
        return known;
      }
    }
    // A lifetime this run has not seen: new (rotation, creation) unless an earlier run watched it.
    let fresh: Lifetime = { expiresAtMs, firstSeenAt: nowMs };
    if (!this.seenHere.has(id)) {
      this.seenHere.add(id);
      const records = this.records.get(id) ?? [];
      const expiredRecord = Math.max(...records.map((r) => r.expiresAtMs).filter((e) => e <= nowMs));
      if (expiresAtMs <= nowMs && Number.isFinite(expiredRecord)) {
        fresh = { expiresAtMs: expiredRecord, firstSeenAt: Number.NEGATIVE_INFINITY };
      } else if (records.some((r) => Math.abs(r.expiresAtMs - expiresAtMs) <= this.toleranceMs)) {
        fresh.firstSeenAt = Number.NEGATIVE_INFINITY;
      } else if (this.origin.seenBefore.has(id)) {
        fresh.firstSeenAt = Math.min(this.origin.lastCheckAt ?? nowMs, nowMs);
      }
    }
    this.lifetimes.set(id, fresh);
    return fresh;
  }

  /** Forgets records and lifetimes of tokens that are gone or were rotated; true if records changed. */
  prune(current: Array<{ id: string; expiresAtMs: number | null }>): boolean {
    const live = new Map<string, number | null>(
      current.map((c) => [c.id, c.expiresAtMs === null ? null : (this.lifetimes.get(c.id)?.expiresAtMs ?? c.expiresAtMs)]),
    );
    let changed = false;
    for (const [id, list] of this.records) {
      const e = live.get(id);
      const kept = e === undefined || e === null ? [] : list.filter((r) => Math.abs(r.expiresAtMs - e) <= this.toleranceMs);
      if (kept.length === list.length) continue;
      changed = true;
      if (kept.length === 0) this.records.delete(id);
      else this.records.set(id, kept);
    }
    for (const id of this.lifetimes.keys()) if (!live.has(id)) this.lifetimes.delete(id);
    for (const id of this.seenHere) if (!live.has(id)) this.seenHere.delete(id);
    return changed;
  }

  /** The records in their persisted form. */
  toPersisted(): NotifiedRecord[] {
    const out: NotifiedRecord[] = [];
    for (const [id, list] of this.records) {
      for (const r of list) {
        out.push({ authorizationId: id, thresholdSeconds: r.threshold, expiresAt: new Date(r.expiresAtMs).toISOString() });
      }
    }
    return out;
  }

  private add(id: string, threshold: number, expiresAtMs: number): void {
    const list = this.records.get(id) ?? [];
    if (!list.some((r) => r.threshold === threshold && Math.abs(r.expiresAtMs - expiresAtMs) <= this.toleranceMs)) {
      list.push({ threshold, expiresAtMs });
    }
    this.records.set(id, list);
  }
}
