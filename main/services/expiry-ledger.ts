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

/**
 * All the ledger knows of one id: its records, its current lifetime, and whether this run has seen
 * it. One entry per id, so learning a token's lifetime costs one lookup (and one insert for a new
 * id), not one per fact: the first check of a 10,000-token list looks up every id several times.
 */
interface IdState {
  /** Its done pairs (never empty: null when none). */
  records: LedgerRecord[] | null;
  /** The lifetime it is in now (null when it has none: not seen, or seen without expiry). */
  life: Lifetime | null;
  /** Seen by this run in any form (also without expiry), so a later lifetime of it is new. */
  seen: boolean;
  /** How the checked snapshots list it (SnapshotListing's count; 0: not listed). */
  listed: number;
}

export class ExpiryLedger {
  /** Per id with anything known (records, a lifetime, or seen here); an entry with nothing is removed. */
  private readonly ids = new Map<string, IdState>();
  /**
   * Ids with records that a prune may have to drop: their lifetime changed or ended since the last
   * prune, or they were loaded from disk. Any other id's records belonged to its lifetime at the
   * last prune (or when marked done since), and still do: pruneSome() looks only at these.
   */
  private readonly unsettled = new Set<string>();
  /** toPersisted()'s answer until a record changes. */
  private persisted: NotifiedRecord[] | null = null;
  /**
   * The last id looked up and its entry (undefined: none): a walk asks about one token several
   * times in a row (its listing, its lifetime, its done pairs, each pair it marks done).
   */
  private lastId: string | null = null;
  private lastState: IdState | undefined = undefined;

  constructor(
    private readonly toleranceMs: number,
    private readonly origin: LedgerOrigin,
  ) {
    for (const r of origin.notified) {
      const at = isoMs(r.expiresAt);
      if (Number.isFinite(at)) this.push(r.authorizationId, r.thresholdSeconds, at);
    }
    for (const id of this.ids.keys()) this.unsettled.add(id);
  }

  /** Whether this pair was already notified (or deliberately skipped) for this lifetime. */
  isDone(id: string, thresholdSeconds: number, life: Lifetime): boolean {
    const records = this.find(id)?.records;
    if (!records) return false;
    for (const r of records) if (r.threshold === thresholdSeconds && this.belongs(r.expiresAtMs, life)) return true;
    return false;
  }

  /**
   * The thresholds done for this lifetime (isDone of each), or null when none is: one lookup for
   * all of an id's thresholds (a first list's tokens have no records at all).
   */
  doneFor(id: string, life: Lifetime): number[] | null {
    const records = this.find(id)?.records;
    if (!records) return null;
    let done: number[] | null = null;
    for (const r of records) if (this.belongs(r.expiresAtMs, life)) (done ??= []).push(r.threshold);
    return done;
  }

  /** Marks a pair done. */
  markDone(id: string, thresholdSeconds: number, life: Lifetime): void {
    this.push(id, thresholdSeconds, life.expiresAtMs);
  }

  /** Notes an authorization that never expires (a later expiring lifetime of it is new). */
  observe(id: string): void {
    const state = this.find(id);
    if (!state) return void this.keep(id, { records: null, life: null, seen: true, listed: 0 });
    state.seen = true;
    if (state.life) {
      state.life = null;
      this.unsettle(id, state);
    }
  }

  /** The lifetime an authorization is in, learning it (and when it was first known) if new. */
  lifetime(report: ExpiryReport, nowMs: number): Lifetime {
    return this.lifetimeOf(report.id, report.expiresAtMs, report.receivedAt, nowMs);
  }

  /** lifetime() with the report's parts as arguments (a walk of 10,000 tokens makes no report object). */
  lifetimeOf(id: string, expiresAtMs: number, receivedAt: number, nowMs: number): Lifetime {
    let state = this.find(id);
    const known = state?.life;
    if (known && this.continues(known.expiresAtMs, expiresAtMs, receivedAt)) {
      // Keep the first value of an expired lifetime (its real end); follow refreshes otherwise.
      if (!saysExpired(expiresAtMs, receivedAt) && known.expiresAtMs !== expiresAtMs) {
        known.expiresAtMs = expiresAtMs;
        this.unsettle(id, state!);
      }
      return known;
    }
    const fresh: Lifetime = { expiresAtMs, firstReceivedAt: receivedAt, firstSeenAt: nowMs };
    if (!state) {
      state = { records: null, life: fresh, seen: false, listed: 0 };
      this.keep(id, state);
    } else state.life = fresh;
    if (!state.seen) {
      // First sight in this run: an earlier run may have watched this very lifetime.
      state.seen = true;
      const mine = state.records?.filter((r) => this.continues(r.expiresAtMs, expiresAtMs, receivedAt));
      if (mine && mine.length > 0) {
        fresh.firstSeenAt = Number.NEGATIVE_INFINITY;
        if (saysExpired(expiresAtMs, receivedAt)) fresh.expiresAtMs = Math.max(...mine.map((r) => r.expiresAtMs));
      } else if (this.origin.seenBefore.size > 0 && this.origin.seenBefore.has(id)) {
        fresh.firstSeenAt = Math.min(this.origin.lastCheckAt ?? nowMs, nowMs);
      }
    }
    this.unsettle(id, state);
    return fresh;
  }

  /** Forgets records and lifetimes of tokens that are gone or were rotated; true if records changed. */
  prune(current: Array<{ id: string; expiring: boolean }>): boolean {
    const expiring = new Set(current.filter((c) => c.expiring).map((c) => c.id));
    const listed = new Set(current.map((c) => c.id));
    let changed = false;
    for (const [id, state] of [...this.ids]) {
      changed = this.pruneRecords(state, expiring.has(id)) || changed;
      if (!listed.has(id)) {
        state.life = null;
        state.seen = false;
      }
      this.dropIfEmpty(id, state);
    }
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
    for (const id of this.unsettled) {
      const state = this.find(id);
      if (!state) continue;
      changed = this.pruneRecords(state, listing(id) === 'expiring') || changed;
      this.dropIfEmpty(id, state);
    }
    this.unsettled.clear();
    for (const id of gone) {
      const state = this.find(id);
      if (!state) continue;
      const now = listing(id);
      changed = this.pruneRecords(state, now === 'expiring') || changed;
      if (now === undefined) {
        state.life = null;
        state.seen = false;
      }
      this.dropIfEmpty(id, state);
    }
    return changed;
  }

  /** Keeps the records of one id that belong to its lifetime (none when it is not listed as expiring). */
  private pruneRecords(state: IdState, expiring: boolean): boolean {
    const list = state.records;
    if (!list) return false;
    const life = expiring ? state.life : null;
    const kept = life ? list.filter((r) => this.belongs(r.expiresAtMs, life)) : [];
    if (kept.length === list.length) return false;
    this.persisted = null;
    state.records = kept.length === 0 ? null : kept;
    return true;
  }

  /** The entry of an id (see lastId). */
  private find(id: string): IdState | undefined {
    if (id === this.lastId) return this.lastState;
    this.lastId = id;
    return (this.lastState = this.ids.get(id));
  }

  private keep(id: string, state: IdState): void {
    this.ids.set(id, state);
    this.lastId = id;
    this.lastState = state;
  }

  private forget(id: string): void {
    this.ids.delete(id);
    if (id === this.lastId) this.lastState = undefined;
  }

  /** Forgets an id the ledger knows nothing of any more. */
  private dropIfEmpty(id: string, state: IdState): void {
    if (!state.records && !state.life && !state.seen && state.listed === 0) this.forget(id);
  }

  /**
   * SnapshotListing's count of an id moved by `delta`; returns the count before. Kept here, in the
   * id's one entry, so that counting a new list makes the entry its walk then finds (one lookup
   * per token for both, not two maps of every id).
   */
  addListed(id: string, delta: number): number {
    const state = this.find(id);
    if (!state) {
      if (delta !== 0) this.keep(id, { records: null, life: null, seen: false, listed: delta });
      return 0;
    }
    const before = state.listed;
    state.listed = before + delta;
    this.dropIfEmpty(id, state);
    return before;
  }

  /** SnapshotListing's count of an id (0: not listed). */
  listed(id: string): number {
    return this.find(id)?.listed ?? 0;
  }

  /** The records in their persisted form. */
  toPersisted(): NotifiedRecord[] {
    if (this.persisted) return this.persisted;
    const out: NotifiedRecord[] = [];
    for (const state of this.ids.values()) if (state.records) for (const r of state.records) out.push(r.persisted);
    // Frozen, as are its records: nobody can change it, so a settings store may keep it as it is.
    return (this.persisted = markDeeplyFrozen(Object.freeze(out)) as NotifiedRecord[]);
  }

  /** Whether a report continues the lifetime that ends at `endMs`. */
  private continues(endMs: number, expiresAtMs: number, receivedAt: number): boolean {
    // "Expired" says nothing about which lifetime: it continues the one the token is in (even if
    // a clock jump made the two disagree). Only a rotation starts a new one.
    if (saysExpired(expiresAtMs, receivedAt)) return true;
    // A clearly future expiry after the lifetime had ended is a rotation: tokens do not un-expire.
    const ended = endMs <= receivedAt + EXPIRED_SLACK_MS;
    if (ended && isRotation(expiresAtMs, receivedAt)) return false;
    return Math.abs(endMs - expiresAtMs) <= this.toleranceMs;
  }

  /** Whether a record belongs to a lifetime (not to the one a rotation replaced). */
  private belongs(recordEndMs: number, life: Lifetime): boolean {
    if (Math.abs(recordEndMs - life.expiresAtMs) > this.toleranceMs) return false;
    const replacedOne = isRotation(life.expiresAtMs, life.firstReceivedAt) && recordEndMs <= life.firstReceivedAt + EXPIRED_SLACK_MS;
    return !replacedOne;
  }

  private push(id: string, threshold: number, expiresAtMs: number): void {
    let state = this.find(id);
    const list = state?.records;
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
    else if (state) state.records = [record];
    else {
      state = { records: [record], life: null, seen: false, listed: 0 };
      this.keep(id, state);
    }
    this.persisted = null;
  }

  /** Notes that an id's lifetime changed or ended: its records need a look at the next prune. */
  private unsettle(id: string, state: IdState): void {
    if (state.records) this.unsettled.add(id);
  }
}
