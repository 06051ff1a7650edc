/**
 * The expiry watcher's walk of every (token lifetime, threshold) pair, per account: what is due,
 * what is done silently, and the next deadline or urgency change. An account's share of the last
 * walk (ScanPart) is kept, so a check walks only the accounts whose snapshot changed; the rules
 * themselves are the watcher's (expiry-watcher.ts header). The ledger's prune goes the same way:
 * only ids that changed (SnapshotListing); an id listed twice makes both walk everything.
 */
import { expiryMsOf, type AuthorizationsSnapshot, type AuthorizationView } from '../../shared/domain/authorization.js';
import { expiryMs, nextUrgencyChange } from '../../shared/domain/expiry.js';
import type { ExpiryLedger, Lifetime } from './expiry-ledger.js';
import type { DueWarning } from './notification-texts.js';
import { SnapshotListing } from './snapshot-listing.js';
import { isoMs } from '../../shared/iso-time.js';

/**
 * One account's share of the last scan. Scanning the very same snapshot again, with the same
 * thresholds, no earlier than `at` and before `next`, finds no deadline and no urgency change
 * reached and every other pair done or ahead: only `waiting` can still come due, so a check walks
 * just the accounts whose snapshot changed (a refresh of one of ten accounts walks that one).
 */
interface ScanPart {
  snapshot: AuthorizationsSnapshot;
  thresholds: string;
  at: number;
  next: number;
  /** Pairs found due while the watcher was not ready yet, in scan order (they fire once it is). */
  waiting: Waiting[];
  /** How many of the snapshot's items have been walked (a scan out of budget stops in the middle). */
  cursor: number;
}

interface Waiting {
  item: AuthorizationView;
  threshold: number;
  life: Lifetime;
  deadline: number;
}

/** What a check scans with (the same for every account). */
export interface ScanInputs {
  /** Thresholds in seconds, largest first. */
  thresholds: number[];
  /** Thresholds just added in settings: passed pairs of theirs are done silently. */
  added: number[];
  now: number;
  /** Tokens whose first-sight warning is not given (held here, or just announced). */
  quiet: ReadonlySet<string>;
  emails: Map<string, string>;
  /** Whether every account is in (or settleMs passed): only then do due pairs fire. */
  ready: boolean;
  /**
   * At most about this many pairs walked or settled in one scan (it stops between two tokens, or
   * between two waiting pairs, even inside an account, and always gets at least one further): the
   * rest is left where it was, and the scan says `more`. Unlimited when absent.
   */
  budget?: number;
}

/** What a scan found; `more`: it stopped at its budget, and the accounts after it are not walked yet. */
export interface ScanOutcome {
  due: DueWarning[];
  changed: boolean;
  next: number;
  more: boolean;
}

export class ExpiryScan {
  /** Per account: its share of the last scan (see ScanPart). */
  private readonly parts = new Map<string, ScanPart>();
  /** Which ids the checked snapshots list (for the prune, and to tell when parts cannot be kept). */
  private readonly listing = new SnapshotListing();

  /** Forgets every part and count (a new ledger starts from nothing). */
  clear(): void {
    this.parts.clear();
    this.listing.clear();
  }

  /** Counts the snapshots of this check (work only for those that changed). */
  count(ledger: ExpiryLedger, snapshots: readonly AuthorizationsSnapshot[]): void {
    this.listing.count(snapshots, ledger);
  }

  /**
   * Walks every (lifetime, threshold) pair: what is due, what to skip silently, the next deadline.
   * An account whose snapshot was scanned before and cannot have anything new (ScanPart) only has
   * its waiting pairs looked at again, in the order the full walk would find them.
   */
  scan(ledger: ExpiryLedger, snapshots: readonly AuthorizationsSnapshot[], p: ScanInputs): ScanOutcome {
    const key = p.thresholds.join();
    // An id in two snapshots is one ledger entry walked twice: keep no parts then, walk everything.
    if (this.listing.shared) this.parts.clear();
    const out: ScanOutcome = { due: [], changed: false, next: Number.POSITIVE_INFINITY, more: false };
    const scanned = new Set<string>();
    // What is left of the budget (pairs); without parts a walk cannot be continued, so no budget.
    let left = p.budget === undefined || this.listing.shared ? Number.POSITIVE_INFINITY : p.budget;
    const spend = (pairs: number) => void (left -= pairs);
    for (const snap of snapshots) {
      scanned.add(snap.accountId);
      const part = this.parts.get(snap.accountId);
      const basis = part && part.snapshot === snap && part.thresholds === key && part.at <= p.now && p.now < part.next ? part : null;
      if (left <= 0 && (!basis || basis.cursor < snap.items.length || this.canSettle(basis.waiting, p))) {
        // Out of budget: this account and those after it wait for the next scan, their parts as they are.
        out.more = true;
        for (const s of snapshots) scanned.add(s.accountId);
        break;
      }
      if (basis && basis.cursor === snap.items.length) {
        out.next = Math.min(out.next, basis.next);
        if (this.canSettle(basis.waiting, p)) basis.waiting = this.catchUp(ledger, snap.accountId, basis.waiting, p, out, left, spend);
        if (basis.waiting.length > 0 && left <= 0 && this.canSettle(basis.waiting, p)) out.more = true;
        continue;
      }
      // A new snapshot, or the rest of one a scan before this one stopped in.
      const walked = basis ?? { snapshot: snap, thresholds: key, at: p.now, next: Number.POSITIVE_INFINITY, waiting: [], cursor: 0 };
      this.scanSnapshot(ledger, walked, p, out, left, spend);
      if (!this.listing.shared) this.parts.set(snap.accountId, walked);
      out.next = Math.min(out.next, walked.next);
      if (walked.cursor < snap.items.length) out.more = true;
    }
    for (const id of this.parts.keys()) if (!scanned.has(id)) this.parts.delete(id);
    return out;
  }

  /**
   * Walks one snapshot's pairs from `part.cursor` on, at least one item and then while the budget
   * lasts (`left`, in pairs); due pairs and changes go to `out`, the rest of the walk to `part`.
   */
  private scanSnapshot(ledger: ExpiryLedger, part: ScanPart, p: ScanInputs, out: { due: DueWarning[]; changed: boolean }, left: number, spend: (pairs: number) => void): void {
    const snap = part.snapshot;
    const items = snap.items;
    const receivedAt = snap.fetchedAt === null ? p.now : isoMs(snap.fetchedAt);
    const per = Math.max(1, p.thresholds.length);
    // Uncapped: the first deadline or urgency change (check() caps the timer).
    let next = part.next;
    let i = part.cursor;
    const end = Math.min(items.length, i + Math.max(1, Math.ceil(left / per)));
    // The sort's ms of each expiry, when the list came sorted by soonestFirst (no parse per token).
    const ms = expiryMsOf(items);
    for (; i < end; i++) {
      const item = items[i]!;
      const reported = ms === undefined ? expiryMs(item.expiresAt) : ms[i] === Number.POSITIVE_INFINITY ? null : ms[i]!;
      if (reported === null) {
        ledger.observe(item.id);
        continue;
      }
      next = Math.min(next, nextUrgencyChange(reported, p.now) ?? next);
      const life = ledger.lifetimeOf(item.id, reported, receivedAt, p.now);
      // One lookup for all thresholds (most tokens have no done pair: null).
      const done = ledger.doneFor(item.id, life);
      for (const t of p.thresholds) {
        const deadline = life.expiresAtMs - t * 1000;
        if (done !== null && done.includes(t)) continue;
        if (deadline > p.now) {
          next = Math.min(next, deadline);
          continue;
        }
        if (!this.settlePair(ledger, snap.accountId, item, t, life, deadline, p, out)) part.waiting.push({ item, threshold: t, life, deadline });
      }
    }
    spend((i - part.cursor) * per);
    part.cursor = i;
    part.next = next;
  }

  /**
   * Whether a waiting pair can be settled now (settlePair's rule): once the watcher is ready, any;
   * before, only one skipped silently (a first-sight pair of a token now quiet, or of a threshold
   * just added). So walking an account this says yes to always settles a pair: a walk cut short by
   * the budget and continued always gets further.
   */
  private canSettle(waiting: readonly Waiting[], p: ScanInputs): boolean {
    if (waiting.length === 0) return false;
    if (p.ready) return true;
    if (p.quiet.size === 0 && p.added.length === 0) return false;
    return waiting.some((w) => p.added.includes(w.threshold) || (w.deadline <= w.life.firstSeenAt && (w.item.held || p.quiet.has(w.item.id))));
  }

  /**
   * The waiting pairs of an unchanged snapshot, looked at as the full walk would; returns those
   * still waiting. Without one that can settle now (canSettle) nothing is walked.
   */
  private catchUp(
    ledger: ExpiryLedger,
    accountId: string,
    waiting: Waiting[],
    p: ScanInputs,
    out: { due: DueWarning[]; changed: boolean },
    left: number,
    spend: (pairs: number) => void,
  ): Waiting[] {
    // At least one pair, then while the budget lasts; the rest stays waiting, in order. Only once
    // the watcher is ready does every pair walked settle: before, the whole list is walked (only a
    // quiet token's pairs can settle then), so a walk continued later always gets further.
    const end = p.ready ? Math.min(waiting.length, Math.max(1, left)) : waiting.length;
    const still: Waiting[] = [];
    for (let i = 0; i < end; i++) {
      const w = waiting[i]!;
      if (ledger.isDone(w.item.id, w.threshold, w.life)) continue;
      if (!this.settlePair(ledger, accountId, w.item, w.threshold, w.life, w.deadline, p, out)) still.push(w);
    }
    spend(end);
    return end === waiting.length ? still : still.concat(waiting.slice(end));
  }

  /** A pair whose deadline has come: due, or done silently; false when it must wait for readiness. (Arguments, not an object: it runs once per due pair.) */
  private settlePair(
    ledger: ExpiryLedger,
    accountId: string,
    item: AuthorizationView,
    t: number,
    life: Lifetime,
    deadline: number,
    p: ScanInputs,
    out: { due: DueWarning[]; changed: boolean },
  ): boolean {
    // Behind the token when the app learnt of it: a first-sight warning, except for a token
    // the user just made here (the app holds it) and for a threshold just added in settings.
    const firstSight = deadline <= life.firstSeenAt;
    const skip = p.added.includes(t) || (firstSight && (item.held || p.quiet.has(item.id)));
    if (!skip && !p.ready) return false;
    if (!skip) out.due.push({ accountId, email: p.emails.get(accountId) ?? '', item, expiresAtMs: life.expiresAtMs, thresholdSeconds: t });
    ledger.markDone(item.id, t, life);
    out.changed = true;
    return true;
  }

  /** The ledger's prune against every listed token, in work proportional to what changed since the last one. */
  prune(ledger: ExpiryLedger, snapshots: readonly AuthorizationsSnapshot[]): boolean {
    const gone = this.listing.takeGone();
    if (this.listing.shared) {
      const current = snapshots.flatMap((s) => s.items.map((i) => ({ id: i.id, expiring: i.expiresAt !== null })));
      return ledger.prune(current);
    }
    return ledger.pruneSome(gone, (id) => this.listing.status(id));
  }
}
