/**
 * Incremental view building for a refreshed list. An item whose `id`, `updated_at` and token are
 * those of the last refresh keeps its view: only its expiry is read again from this list's
 * `expires_in`, and the view object itself is reused when nothing it shows moved (expiry, held,
 * current key, staleness). New and changed items get a new view from `build`. When every view was
 * reused and no item came or went, the previous sorted list is returned as it was (no sort).
 *
 * expires_in is whole seconds, rounded down by the server and again when pages are joined, so one
 * expiry read twice can differ by up to 2 s without moving. A reading within that window of the
 * kept expiry is the same expiry: keeping the earlier value is never late and saves a new view
 * for every item on every refresh. A reading outside it is a moved expiry and shows.
 */
import { hygieneFlags, type AuthorizationView } from './authorization.js';
import { runSteps } from '../steps.js';
import { isoMs, isoString } from '../iso-time.js';

/** The fields an item is recognised by, and its live expiry. */
export interface ListedItem {
  id: string;
  updated_at: string;
  access_token?: { token?: string | null; expires_in: number | null } | null;
}

export interface ViewInputs {
  /** When the list arrived (ms): expires_in counts from here. */
  receivedAt: number;
  nowMs: number;
  held: ReadonlySet<string>;
  currentKeyId: string | null | undefined;
}

interface Entry {
  updatedAt: string;
  token: string | null | undefined;
  /** ms since epoch of view.expiresAt (isoMs of it, always), or null; the sort reads it. */
  expiresAtMs: number | null;
  /** updated_at + a year (when the 'stale' flag turns on). */
  staleAtMs: number;
  view: AuthorizationView;
}

/**
 * Orders a list's views (soonestFirst): `previous` is the last order (a hint), `expiresAtMs` each
 * view's expiresAt in ms (+Infinity for never), as its entry holds it, so nothing is parsed again.
 */
export type ViewSort = (items: AuthorizationView[], previous?: readonly AuthorizationView[], expiresAtMs?: Float64Array) => AuthorizationView[];

/** What one refresh of one account built: the next refresh starts from it. */
export interface ViewCache {
  entries: Map<string, Entry>;
  items: AuthorizationView[];
}

/** The same expiry read twice (see the header): up to this far apart. */
export const SAME_EXPIRY_MS = 2000;
/** hygieneFlags' 'stale': not updated for a year. */
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Builds the views of `list` from the previous refresh's cache; `build` makes a view from scratch. */
export function refreshViews<A extends ListedItem>(
  prev: ViewCache | null,
  list: readonly A[],
  inputs: ViewInputs,
  build: (a: A, previousExpiresAt: string | null | undefined) => AuthorizationView,
  sort: ViewSort,
): { cache: ViewCache; reused: number } {
  return runSteps(viewSteps(prev, list, inputs, build, sort));
}

/**
 * refreshViews in steps: the generator stops (yields) after every `every` items and before the
 * sort, so a caller on Electron's main thread can let the event loop run between steps (see
 * AuthorizationService). Run to its end it returns exactly what refreshViews returns.
 */
export function* viewSteps<A extends ListedItem>(
  prev: ViewCache | null,
  list: readonly A[],
  inputs: ViewInputs,
  build: (a: A, previousExpiresAt: string | null | undefined) => AuthorizationView,
  sort: ViewSort,
  every = Number.POSITIVE_INFINITY,
  ahead?: ViewsAhead<A>,
): Generator<void, { cache: ViewCache; reused: number }, void> {
  ahead?.close();
  // Made ahead in this very order (a first list's pages, as they came; the last page's maybe not
  // all): taken by position, and the map they were made into becomes the cache's, the rest added
  // to it (no lookup per item, and no second map of every id after the last page).
  const lined = ahead?.lined(prev, inputs, list.length) ?? null;
  let entries: Map<string, Entry> = lined ? ahead!.entries : new Map<string, Entry>();
  let inLine = lined ? lined.length : 0;
  const views = new Array<AuthorizationView>(list.length);
  const at = new Float64Array(list.length);
  let reused = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    let made: Made | null = null;
    if (i < inLine) {
      const m = lined![i]!;
      if (ahead!.fits(m, a, inputs)) made = m;
      else if (m.source.id === a.id) {
        // Made ahead with other flags (the app's own key, before `~` answered): made again, in its place.
        made = entryOf(prev, a, inputs, build);
        entries.set(a.id, made.entry);
      } else {
        // Another item than the one made here: from here on as usual, in a map of its own.
        inLine = 0;
        const taken = entries;
        entries = new Map<string, Entry>();
        for (let k = 0; k < i; k++) entries.set(list[k]!.id, taken.get(list[k]!.id)!);
      }
    }
    if (made === null) {
      made = ahead?.take(a, prev, inputs) ?? entryOf(prev, a, inputs, build);
      entries.set(a.id, made.entry);
    }
    const entry = made.entry;
    if (made.reused) reused++;
    views[i] = entry.view;
    at[i] = entry.expiresAtMs ?? Number.POSITIVE_INFINITY;
    if ((i + 1) % every === 0 && i + 1 < list.length) yield;
  }
  const unchanged = prev !== null && reused === list.length && list.length === prev.items.length && entries.size === list.length;
  if (unchanged) return { cache: { entries, items: prev.items }, reused };
  // The sort is a step of its own.
  if (list.length > every) yield;
  // The last order is where most items stand again (see soonestFirst): a hint, never a result.
  return { cache: { entries, items: sort(views, prev?.items, at) }, reused };
}

/** An item's entry as the walk makes it, and whether it is the previous refresh's entry as it was. */
function entryOf<A extends ListedItem>(prev: ViewCache | null, a: A, inputs: ViewInputs, build: (a: A, previousExpiresAt: string | null | undefined) => AuthorizationView): Made {
  const old = prev?.entries.get(a.id);
  const kept = old && old.updatedAt === a.updated_at && old.token === a.access_token?.token ? keep(old, a, inputs) : null;
  const entry = kept ?? fresh(a, build(a, old?.view.expiresAt));
  return { entry, reused: kept !== null && kept.view === old!.view };
}

/** An entry, and whether its view is the previous refresh's as it was. */
interface Made {
  entry: Entry;
  reused: boolean;
}

/**
 * An entry made ahead (ViewsAhead): the entry itself (it goes into the cache as it is), what it was
 * made from, and whether its view is the previous refresh's. One object per item, not a wrapper.
 */
interface AheadEntry<A extends ListedItem> extends Entry, Made {
  entry: AheadEntry<A>;
  source: A;
  /**
   * Who made it (the maker's mark, not the maker: an entry lives on in later caches, and the maker
   * holds its previous cache, which would keep every earlier refresh's cache alive in a chain). A
   * cache's map also holds entries the walk made, and entries kept from an earlier refresh (made
   * ahead of that one).
   */
  by: object;
}

/** entryOf, made into one AheadEntry (one object for a new item: made during the chain of pages, where every allocation brings scavenges). */
function aheadEntryOf<A extends ListedItem>(by: object, prev: ViewCache | null, a: A, inputs: ViewInputs, build: (a: A, previousExpiresAt: string | null | undefined) => AuthorizationView): AheadEntry<A> {
  const old = prev?.entries.get(a.id);
  const kept = old && old.updatedAt === a.updated_at && old.token === a.access_token?.token ? keep(old, a, inputs) : null;
  let e: AheadEntry<A>;
  if (kept) {
    e = { updatedAt: kept.updatedAt, token: kept.token, expiresAtMs: kept.expiresAtMs, staleAtMs: kept.staleAtMs, view: kept.view, source: a, reused: kept.view === old!.view, entry: null, by } as unknown as AheadEntry<A>;
  } else {
    const view = build(a, old?.view.expiresAt);
    const expiresAtMs = view.expiresAt === null ? null : isoMs(view.expiresAt);
    e = { updatedAt: a.updated_at, token: a.access_token?.token, expiresAtMs, staleAtMs: isoMs(a.updated_at) + YEAR_MS, view, source: a, reused: false, entry: null, by } as unknown as AheadEntry<A>;
  }
  // Its own entry (the walk takes it as a Made): one shape from the start, then pointed at itself.
  e.entry = e;
  return e;
}

/**
 * Views made ahead of the list: each page's items as that page arrives, while Heroku prepares the
 * next one (a first list is a chain of pages, each naming the next). viewSteps takes an item's
 * entry from here only where it would make the very same one itself: the same previous cache,
 * the same receipt time of the list, an item equal in everything a view shows (`same`), and the
 * same held, own-key and stale flags at the time of the walk. Any other item is made as usual.
 */
export class ViewsAhead<A extends ListedItem> {
  /** Per id, the entry made ahead (the first copy of an id), in the order made: the cache's map when the walk takes them all in order. */
  readonly entries = new Map<string, Entry | AheadEntry<A>>();
  /** The same entries in the order made. */
  private readonly order: AheadEntry<A>[] = [];
  private closed = false;
  /** What this maker's entries carry as `by`: this alone, never a way back to the maker or its `prev`. */
  private readonly mark: object = Object.freeze({});

  constructor(
    readonly prev: ViewCache | null,
    /** The list's receipt time (its first page's arrival): expires_in counts from here. */
    readonly receivedAt: number,
    private readonly same: (x: A, y: A) => boolean,
  ) {}

  /** Makes the entries of one page's items, `every` items per step (the first copy of an id is kept). */
  *addSteps(items: readonly A[], inputs: ViewInputs, build: (a: A, previousExpiresAt: string | null | undefined) => AuthorizationView, every = Number.POSITIVE_INFINITY): Generator<void, void, void> {
    if (inputs.receivedAt !== this.receivedAt) return;
    for (let i = 0; i < items.length; i++) {
      // The walk has begun: it makes what is left itself (making it here too would be twice).
      if (this.closed) return;
      const a = items[i]!;
      if (!this.entries.has(a.id)) {
        const e = aheadEntryOf(this.mark, this.prev, a, inputs, build);
        this.entries.set(a.id, e);
        this.order.push(e);
      }
      if ((i + 1) % every === 0 && i + 1 < items.length) yield;
    }
  }

  /** The walk has begun: nothing more is made ahead (addSteps under way stop at their next item). */
  close(): void {
    this.closed = true;
  }

  /** The entry made ahead for `a`, if the walk (from `prev`, with `inputs`) would make that very entry. */
  take(a: A, prev: ViewCache | null, inputs: ViewInputs): Made | null {
    if (prev !== this.prev || inputs.receivedAt !== this.receivedAt) return null;
    // Once the walk took entries by position, this map is the cache's and may hold what the walk
    // made itself (an id listed twice finds it here): only an entry made here is taken.
    const m = this.entries.get(a.id);
    return m !== undefined && (m as Partial<AheadEntry<A>>).by === this.mark && this.fits(m as AheadEntry<A>, a, inputs) ? (m as AheadEntry<A>) : null;
  }

  /**
   * Everything made ahead in the order made, when a walk from `prev` with `inputs` over a list of
   * `count` items may take it by position (each checked with fits(); the walk stops taking by
   * position at the first item that is another id); null otherwise.
   */
  lined(prev: ViewCache | null, inputs: ViewInputs, count: number): readonly AheadEntry<A>[] | null {
    if (prev !== this.prev || inputs.receivedAt !== this.receivedAt || this.order.length > count) return null;
    return this.order;
  }

  /** Whether `m`, made ahead, is the entry the walk would make for `a` (same previous cache and receipt time assumed). */
  fits(m: AheadEntry<A>, a: A, inputs: ViewInputs): boolean {
    if (m.source !== a && (m.source.id !== a.id || !this.same(m.source, a))) return false;
    const v = m.view;
    if (v.held !== inputs.held.has(a.id) || v.isCurrentKey !== (inputs.currentKeyId === a.id)) return false;
    return inputs.nowMs > m.staleAtMs === v.hygiene.includes('stale');
  }

  /** How many items have an entry made ahead (the walk may add more to `entries`, once it took them). */
  get size(): number {
    return this.order.length;
  }
}

function fresh(a: ListedItem, view: AuthorizationView): Entry {
  const expiresAtMs = view.expiresAt === null ? null : isoMs(view.expiresAt);
  return { updatedAt: a.updated_at, token: a.access_token?.token, expiresAtMs, staleAtMs: isoMs(a.updated_at) + YEAR_MS, view };
}

/** An unchanged item: its expiry re-read, its view reused unless something it shows moved. */
function keep(old: Entry, a: ListedItem, c: ViewInputs): Entry {
  const e = a.access_token?.expires_in ?? null;
  const read = e === null ? null : c.receivedAt + e * 1000;
  let at = read;
  if (read !== null && old.expiresAtMs !== null) {
    const same = Math.abs(read - old.expiresAtMs) < SAME_EXPIRY_MS;
    // Heroku says expires_in 0 for an expired token on every refresh: keep when it was first seen expired.
    const stillExpired = e! <= 5 && old.expiresAtMs <= read;
    if (same || stillExpired) at = old.expiresAtMs;
  }
  const v = old.view;
  const held = c.held.has(a.id);
  const current = c.currentKeyId === a.id;
  const stale = c.nowMs > old.staleAtMs;
  if (at === old.expiresAtMs && held === v.held && current === v.isCurrentKey && stale === v.hygiene.includes('stale')) return old;
  const expiresAt = at === old.expiresAtMs ? v.expiresAt : at === null ? null : isoString(at);
  const hygiene = hygieneFlags({ scopes: v.scopes, expiresAt, tokenKind: v.tokenKind, createdAt: v.createdAt, updatedAt: v.updatedAt }, c.nowMs);
  // The entry's ms is always the view's text read back (a fraction of a ms is not in the text).
  const expiresAtMs = expiresAt === v.expiresAt ? old.expiresAtMs : expiresAt === null ? null : isoMs(expiresAt);
  // An entry's own fields only (an entry made ahead also holds the item it was made from: not kept on).
  return { updatedAt: old.updatedAt, token: old.token, expiresAtMs, staleAtMs: old.staleAtMs, view: { ...v, expiresAt, held, isCurrentKey: current, hygiene } };
}
