/**
 * The expiry watcher's memory: which (token lifetime, threshold) pairs were already dealt with,
 * and when the app first knew each lifetime. A lifetime is an authorization id plus its expiresAt.
 *
 * expiresAt is recomputed from every response's receipt time, so values within a tolerance are
 * one lifetime. Heroku reports expires_in 0 once a token has expired, so an expired token's
 * expiresAt creeps along with each receipt time: it stays the same lifetime until a rotation,
 * which always reports a clearly future expiry. Both tests use the receipt time of the report,
 * never the current clock, so clock jumps cannot confuse them.
 */
import type { NotifiedRecord } from '../ports.js';
import { markDeeplyFrozen } from '../../shared/frozen.js';
import { isoMs, isoString } from '../../shared/iso-time.js';

/** A report with at most this much time left at receipt says "expired" (expires_in 0 or rounding). */
const EXPIRED_SLACK_MS = 5000;

export interface Lifetime {
  expiresAtMs: number;
  /** Receipt time of the report that started this lifetime (records older than it are not its own). */
  firstReceivedAt: number;
  /**
   * When the app first knew this lifetime (ms). A threshold whose moment lies at or before it was
   * already behind the token when it appeared, and is marked done without a notification.
   * -Infinity when an earlier run knew the lifetime, so anything still open is a catch-up.
   */
  firstSeenAt: number;
}

/** One report of an authorization's expiry: the value and the receipt time it was computed from. */
export interface ExpiryReport {
  id: string;
  expiresAtMs: number;
  receivedAt: number;
}

interface LedgerRecord {
  threshold: number;
  expiresAtMs: number;
  persisted: NotifiedRecord;
}

export interface LedgerOrigin {
  /** Authorization ids seen by earlier runs (persisted seenAuthorizations, all accounts). */
  seenBefore: ReadonlySet<string>;
  /** The persisted lastCheckAt of the earlier run, or null. */
  lastCheckAt: number | null;
  /** The persisted notified records. */
  notified: NotifiedRecord[];
}

/** A fresh lifetime has at least this much left; nobody rotates to a token that dies within seconds. */
const ROTATION_MIN_MS = 30_000;

const saysExpired = (expiresAtMs: number, receivedAt: number) => expiresAtMs - receivedAt <= EXPIRED_SLACK_MS;
const isRotation = (expiresAtMs: number, receivedAt: number) => expiresAtMs - receivedAt >= ROTATION_MIN_MS;

export class ExpiryLedger {
  private readonly records = new Map<string, LedgerRecord[]>();
  private readonly lifetimes = new Map<string, Lifetime>();
  /** Ids this run has seen in any form (also without expiry), so a later lifetime of theirs is new. */
  private readonly seenHere = new Set<string>();
  /**
   * Ids with records that a prune may have to drop: their lifetime changed or ended since the last
   * prune, or they were loaded from disk. Any other id's records belonged to its lifetime at the
   * last prune (or when marked done since), and still do: pruneSome() looks only at these.
   */
  private readonly unsettled = new Set<string>();
  /** toPersisted()'s answer until a record changes. */
  private persisted: NotifiedRecord[] | null = null;

  constructor(
    private readonly toleranceMs: number,
    private readonly origin: LedgerOrigin,
  ) {
    for (const r of origin.notified) {
      const at = isoMs(r.expiresAt);
      if (Number.isFinite(at)) this.push(r.authorizationId, r.thresholdSeconds, at);
    }
    for (const id of this.records.keys()) this.unsettled.add(id);
  }

  /** Whether this pair was already notified (or deliberately skipped) for this lifetime. */
  isDone(id: string, thresholdSeconds: number, life: Lifetime): boolean {
    return this.records.get(id)?.some((r) => r.threshold === thresholdSeconds && this.belongs(r.expiresAtMs, life)) ?? false;
  }

  /** Marks a pair done. */
  markDone(id: string, thresholdSeconds: number, life: Lifetime): void {
    this.push(id, thresholdSeconds, life.expiresAtMs);
  }

  /** Notes an authorization that never expires (a later expiring lifetime of it is new). */
  observe(id: string): void {
    this.seenHere.add(id);
    if (this.lifetimes.delete(id)) this.unsettle(id);
  }

  /** The lifetime an authorization is in, learning it (and when it was first known) if new. */
  lifetime(report: ExpiryReport, nowMs: number): Lifetime {
    const { id, expiresAtMs, receivedAt } = report;
    const known = this.lifetimes.get(id);
    if (known && this.continues(known.expiresAtMs, report)) {
      // Keep the first value of an expired lifetime (its real end); follow refreshes otherwise.
      if (!saysExpired(expiresAtMs, receivedAt) && known.expiresAtMs !== expiresAtMs) {
        known.expiresAtMs = expiresAtMs;
        this.unsettle(id);
      }
      return known;
    }
    const fresh: Lifetime = { expiresAtMs, firstReceivedAt: receivedAt, firstSeenAt: nowMs };
    if (!this.seenHere.has(id)) {
      // First sight in this run: an earlier run may have watched this very lifetime.
      this.seenHere.add(id);
      const mine = this.records.get(id)?.filter((r) => this.continues(r.expiresAtMs, report));
      if (mine && mine.length > 0) {
        fresh.firstSeenAt = Number.NEGATIVE_INFINITY;
        if (saysExpired(expiresAtMs, receivedAt)) fresh.expiresAtMs = Math.max(...mine.map((r) => r.expiresAtMs));
      } else if (this.origin.seenBefore.has(id)) {
        fresh.firstSeenAt = Math.min(this.origin.lastCheckAt ?? nowMs, nowMs);
      }
    }
    this.lifetimes.set(id, fresh);
    this.unsettle(id);
    return fresh;
  }

  /** Forgets records and lifetimes of tokens that are gone or were rotated; true if records changed. */
  prune(current: Array<{ id: string; expiring: boolean }>): boolean {
    const expiring = new Set(current.filter((c) => c.expiring).map((c) => c.id));
    let changed = false;
    for (const id of [...this.records.keys()]) changed = this.pruneRecords(id, expiring.has(id)) || changed;
    const listed = new Set(current.map((c) => c.id));
    for (const id of this.lifetimes.keys()) if (!listed.has(id)) this.lifetimes.delete(id);
    for (const id of this.seenHere) if (!listed.has(id)) this.seenHere.delete(id);
    this.unsettled.clear();
    return changed;
  }

  /**
   * prune() for a list that differs from the one of the last prune only by `gone` (ids no longer
   * listed, or listed again) and by what this ledger saw through lifetime() and observe():
   * the same outcome, in work proportional to those changes. `listing` tells how an id is listed now.
   */
  pruneSome(gone: Iterable<string>, listing: (id: string) => 'expiring' | 'listed' | undefined): boolean {
    let changed = false;
    for (const id of this.unsettled) changed = this.pruneRecords(id, listing(id) === 'expiring') || changed;
    this.unsettled.clear();
    for (const id of gone) {
      const now = listing(id);
      changed = this.pruneRecords(id, now === 'expiring') || changed;
      if (now === undefined) {
        this.lifetimes.delete(id);
        this.seenHere.delete(id);
      }
    }
    return changed;
  }

  /** Keeps the records of one id that belong to its lifetime (none when it is not listed as expiring). */
  private pruneRecords(id: string, expiring: boolean): boolean {
    const list = this.records.get(id);
    if (!list) return false;
    const life = expiring ? this.lifetimes.get(id) : undefined;
    const kept = life ? list.filter((r) => this.belongs(r.expiresAtMs, life)) : [];
    if (kept.length === list.length) return false;
    this.persisted = null;
    if (kept.length === 0) this.records.delete(id);
    else this.records.set(id, kept);
    return true;
  }

  /** The records in their persisted form. */
  toPersisted(): NotifiedRecord[] {
    if (this.persisted) return this.persisted;
    const out: NotifiedRecord[] = [];
    for (const list of this.records.values()) for (const r of list) out.push(r.persisted);
    // Frozen, as are its records: nobody can change it, so a settings store may keep it as it is.
    return (this.persisted = markDeeplyFrozen(Object.freeze(out)) as NotifiedRecord[]);
  }

  /** Whether a report continues the lifetime that ends at `endMs`. */
  private continues(endMs: number, report: ExpiryReport): boolean {
    // "Expired" says nothing about which lifetime: it continues the one the token is in (even if
    // a clock jump made the two disagree). Only a rotation starts a new one.
    if (saysExpired(report.expiresAtMs, report.receivedAt)) return true;
    // A clearly future expiry after the lifetime had ended is a rotation: tokens do not un-expire.
    const ended = endMs <= report.receivedAt + EXPIRED_SLACK_MS;
    if (ended && isRotation(report.expiresAtMs, report.receivedAt)) return false;
    return Math.abs(endMs - report.expiresAtMs) <= this.toleranceMs;
  }

  /** Whether a record belongs to a lifetime (not to the one a rotation replaced). */
  private belongs(recordEndMs: number, life: Lifetime): boolean {
    if (Math.abs(recordEndMs - life.expiresAtMs) > this.toleranceMs) return false;
    const replacedOne = isRotation(life.expiresAtMs, life.firstReceivedAt) && recordEndMs <= life.firstReceivedAt + EXPIRED_SLACK_MS;
    return !replacedOne;
  }

  private push(id: string, threshold: number, expiresAtMs: number): void {
    const list = this.records.get(id);
    let expiresAt: string | null = null;
    if (list) {
      for (const r of list) {
        if (r.expiresAtMs !== expiresAtMs) continue;
        if (r.threshold === threshold) return;
        expiresAt = r.persisted.expiresAt;
      }
    }
    // The persisted form is made once per record (its time text once per lifetime), not on every
    // write of the whole ledger. Frozen, and of primitives only: a settings store shares it as it
    // is (frozenCopy); the list toPersisted() hands out is what is marked (a WeakSet entry per
    // record cost ~0.3 µs each, ~1.6 ms of a first check of 5,000 tokens).
    expiresAt ??= isoString(expiresAtMs);
    const record = { threshold, expiresAtMs, persisted: Object.freeze({ authorizationId: id, thresholdSeconds: threshold, expiresAt }) };
    // A new id's list is made holding its record (an empty array grown by push gets room for 17 in V8).
    if (list) list.push(record);
    else this.records.set(id, [record]);
    this.persisted = null;
  }

  /** Notes that an id's lifetime changed or ended: its records need a look at the next prune. */
  private unsettle(id: string): void {
    if (this.records.has(id)) this.unsettled.add(id);
  }
}
