/**
 * The authorization list, conditional and incremental. Each page is kept with its ETag, keyed by
 * the Range that fetched it (the URL never changes), so the next refresh sends `If-None-Match`
 * per page and a `304 Not Modified` page is taken as it was, without reading or checking it
 * again. On a page that did change, an item seen before with the same `id`, `updated_at` and token
 * value keeps its checked copy and only has its `expires_in` re-read and checked (Heroku bumps
 * `updated_at` on every change of an authorization; `expires_in` is the one live field); a new
 * or changed item is checked in full (check-authorization.ts). Only the pages of the last
 * successful list are kept, so memory follows the list.
 *
 * Cheaper still, and the common case (every live `expires_in` moves each second, so pages rarely
 * answer 304): a page whose bytes are the held page's bytes except for its items'
 * `access_token.expires_in` values is that page with new expiries. reader() compares the bytes
 * between those values (held-page.ts, json-body.ts readMovedSlots: a memcmp per item, no parse), checks each new
 * value as the schema would, and hands back the held items with the new values. Any other byte
 * that differs, or a value that is not a plain integer or null, and the page is parsed and checked
 * as usual, so nothing is ever taken unchecked: the only bytes not checked again are bytes
 * identical to ones already checked.
 */
import { ok, type Result } from '../../shared/result.js';
import { checkAuthorization, isExpiresIn, type CheckResult } from './check-authorization.js';
import { badResponse } from './errors.js';
import { layOut, movedItems, slotsMatch, type HeldBytes } from './held-page.js';
import { parseJsonBodyInTurns, type ListLayout } from './json-body.js';
import { runSteps, runStepsInTurns } from '../../shared/steps.js';
import type { Page } from './pagination.js';
import { MAX_PAGE_ITEMS } from './request.js';
import { takeTurn } from './turns.js';
import { describePath, type HerokuAuthorization } from './schemas.js';

/** A value and the moment its response arrived (expiry is counted from there). */
export interface Received<T> {
  value: T;
  receivedAt: number;
}

/** The whole list, counted from `receivedAt`. */
export interface AuthorizationList extends Received<HerokuAuthorization[]> {
  /** Every page answered 304: `value` and `receivedAt` are the previous list's (the same array). */
  notModified?: boolean;
  /** When this refresh's first answer arrived (later than receivedAt when notModified). */
  checkedAt?: number;
}

/** What a caller of a list can follow as it loads. */
export interface ListHooks {
  /**
   * Each page's checked items the moment the page is read and checked in full (a page with only
   * moved expiries, or one read before the list's first page, is not told), with expires_in counted from `listReceivedAt`, the first page's arrival, as
   * the joined list will count them. The joined list is what counts: a page told here may still
   * be dropped (an early answer off the chain) or hold a duplicate the list leaves out.
   */
  onPage?(items: readonly HerokuAuthorization[], listReceivedAt: number): void;
}

/** One list's ListHooks, told each page read (reader) with the first page's arrival as its origin. */
export interface PageFeed {
  tell(range: string, receivedAt: number, items: readonly HerokuAuthorization[]): void;
}

interface CachedPage {
  etag: string | null;
  next: string | null;
  receivedAt: number;
  /** Checked items, expires_in as that page said it. */
  items: HerokuAuthorization[];
  /** The page's bytes and where each item's access_token.expires_in value is, when they can be compared. */
  raw: HeldBytes | null;
}

/** A list's pages joined as they were read: the bodies and arrivals in read order, and their join. */
interface Joining {
  bodies: PageBody[];
  at: number[];
  ids: JoinedIds;
  value: HerokuAuthorization[];
}

/**
 * The ids of a list being joined, so that the first copy of an id is the one kept. Heroku lists
 * authorizations by id (every Range is `id ...`), so each id most often sorts after the one before
 * it, and then it cannot have come before: no set of ids is made for such a list (a set of 10,000
 * new ids cost ~3 ms on this project's machines). At the first id out of that order, a set of the
 * ids so far is made and kept from then on.
 */
class JoinedIds {
  private last: string | null = null;
  private seen: Set<string> | null = null;

  /** Adds `id` to the list `value` (every id added so far); false when the list has it already. */
  add(id: string, value: readonly HerokuAuthorization[]): boolean {
    if (this.seen === null) {
      if (this.last === null || id > this.last) {
        this.last = id;
        return true;
      }
      this.seen = new Set(value.map((a) => a.id));
    }
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }
}

/** What reader() made of a page's bytes. */
type PageBody =
  /** The held page with new expires_in values: its items are checked already. */
  | { kind: 'moved'; items: HerokuAuthorization[]; raw: HeldBytes }
  /** Parsed and checked as it arrived (while the next page is on its way). */
  | { kind: 'checked'; items: HerokuAuthorization[]; raw: HeldBytes | null }
  /** Parsed, and not a list of valid items: what is wrong, for merge to name with the page's number. */
  | { kind: 'refused'; why: (page: number) => string };

const PAGE_KINDS = new Set(['moved', 'checked', 'refused']);
const isPageBody = (v: unknown): v is PageBody => typeof v === 'object' && v !== null && PAGE_KINDS.has((v as PageBody).kind);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const tokenOf = (raw: Record<string, unknown>) => {
  const t = raw.access_token;
  return isObject(t) && typeof t.token === 'string' ? t.token : undefined;
};

/** Pages with more items than this are checked in turns of their own. */
const BIG_PAGE_ITEMS = 100;
/** Items checked per turn. */
const CHECK_STEP = 250;
/** Bodies longer than this are parsed in a turn of their own. */
const PARSE_TURN_BYTES = 64 * 1024;

/** One account's list state; the client keeps one per API key. */
export class AuthorizationListCache {
  private pages = new Map<string, CachedPage>();
  /**
   * The held pages' items by id, the first copy of each (what check() compares an item with when the
   * held page has another item at its place): made when first needed, forgotten with the pages.
   */
  private heldById: Map<string, HerokuAuthorization> | null = null;
  private last: { ranges: string[]; list: AuthorizationList } | null = null;
  /** The list under way joined page by page as its pages are read (see joinAhead). */
  private joining: Joining | null = null;

  /** A list begins: its pages are joined as they are read, for merge to take (see joinAhead). */
  begin(): void {
    this.joining = { bodies: [], at: [], ids: new JoinedIds(), value: [] };
  }

  /** A list ended without merge (a page failed): what was joined of it is let go (the pages' bodies with it). */
  end(): void {
    this.joining = null;
  }

  /** Whether a list's pages are being joined (begin() without merge() or end() since). */
  get joiningList(): boolean {
    return this.joining !== null;
  }

  /** The ETag to send for a page, if that page is held. */
  etag(range: string): string | undefined {
    return this.pages.get(range)?.etag ?? undefined;
  }

  /** The Next-Range the held copy of a page announced. */
  next(range: string): string | null {
    return this.pages.get(range)?.next ?? null;
  }

  /** The Ranges of the last list, in order (the pages a refresh will most likely ask for). */
  ranges(): string[] {
    return this.last ? [...this.last.ranges] : [];
  }

  /**
   * Reads one page's bytes (request.ts calls it for the page fetched with `range`): the held page
   * with moved expiries when nothing else changed, else the page parsed and its items checked.
   * Each page is read and checked the moment it arrives, while Heroku prepares the next one (a
   * first list is a chain: a page's Next-Range names the next), so merge only joins the pages.
   */
  reader(range: string, feed?: PageFeed): (bytes: Buffer, receivedAt: number) => Promise<{ ok: true; value: PageBody } | { ok: false }> {
    return async (bytes, receivedAt) => {
      const body = await this.read(range, bytes);
      if (body.ok && body.value.kind !== 'refused') this.joinAhead(body.value, receivedAt);
      // Only pages read in full: a page with moved expiries alone costs the views little at the end.
      if (body.ok && body.value.kind === 'checked') feed?.tell(range, receivedAt, body.value.items);
      return body;
    };
  }

  private async read(range: string, bytes: Buffer): Promise<{ ok: true; value: PageBody } | { ok: false }> {
    const held = this.pages.get(range);
    if (held?.raw) {
      // The first comparison with a held page scans its bytes first, in steps with a turn
      // between them (the scan's first run in the app is slow: not compiled yet).
      if (!held.raw.layout) await layOut(held);
      const moved = movedItems(held, bytes);
      if (moved) return { ok: true, value: { kind: 'moved', ...moved } };
    }
    // A 1,000-item page is parsed whole (1-2 ms; a larger body in steps, a turn of the event
    // loop between them), without its layout: a first list never compares its pages with
    // anything, and the next list's read scans a held page only if that page comes again.
    // The parse is a step of its own too: this runs where the body's last bytes arrived (the poll
    // phase), and ten accounts' first pages arrive together, each parse a block of 1-2 ms.
    if (bytes.length > PARSE_TURN_BYTES) await takeTurn();
    const parsed = await parseJsonBodyInTurns(bytes, takeTurn, false);
    if (!parsed.ok) return parsed;
    const json = parsed.value;
    // A page (up to 1,000 items) is checked CHECK_STEP items per turn, so IPC and the tray run in
    // between (turns.ts): the first pages of a run are checked by code V8 has not compiled yet
    // (a 1,000-item page took ~4.7 ms then, against ~1 ms warm).
    if (!Array.isArray(json) || json.length <= BIG_PAGE_ITEMS || json.length > MAX_PAGE_ITEMS) return { ok: true, value: this.checkPage(json, bytes, parsed.layout, held?.items) };
    await takeTurn();
    return { ok: true, value: await runStepsInTurns(this.checkPageSteps(json, bytes, parsed.layout, held?.items, CHECK_STEP), takeTurn) };
  }

  /**
   * Joins a page read for the list under way, as merge would join it after those read before it
   * (first copies kept, expires_in moved by the whole seconds since the first page read), while
   * the next page is on its way. merge takes this join only for the pages it holds in the very
   * order and with the very bodies they were read; otherwise it joins every page itself.
   */
  private joinAhead(body: Exclude<PageBody, { kind: 'refused' }>, receivedAt: number): void {
    const j = this.joining;
    if (!j) return;
    const shift = j.at.length === 0 ? 0 : Math.floor((receivedAt - j.at[0]!) / 1000);
    for (const a of body.items) if (j.ids.add(a.id, j.value)) j.value.push(shifted(a, shift));
    j.bodies.push(body);
    j.at.push(receivedAt);
  }

  /** The feed of one list's pages to `hooks.onPage` (none without one): see ListHooks. */
  feed(firstRange: string, hooks: ListHooks | undefined): PageFeed | undefined {
    const onPage = hooks?.onPage;
    if (!onPage) return undefined;
    let origin: number | null = null;
    return {
      tell: (range, receivedAt, items) => {
        if (range === firstRange) origin = receivedAt;
        if (origin === null) return;
        // As merge counts them: from the first page's arrival, whole seconds rounded down.
        const shift = Math.floor((receivedAt - origin) / 1000);
        onPage(shift === 0 ? items : items.map((a) => shifted(a, shift)), origin);
      },
    };
  }

  /** A parsed page's items checked (check()), or what is wrong with it. */
  private checkPage(json: unknown, bytes: Buffer | null, layout: ListLayout | null, heldItems: readonly HerokuAuthorization[] | undefined): PageBody {
    return runSteps(this.checkPageSteps(json, bytes, layout, heldItems));
  }

  /** checkPage in steps: it stops (yields) after every `every` items, and run to its end returns what checkPage returns. */
  private *checkPageSteps(json: unknown, bytes: Buffer | null, layout: ListLayout | null, heldItems: readonly HerokuAuthorization[] | undefined, every = Number.POSITIVE_INFINITY): Generator<void, PageBody, void> {
    if (!Array.isArray(json)) return { kind: 'refused', why: (i) => `page ${i}: ${describePath([])}` };
    // Checked before the items: checking a million of them would itself be the harm.
    if (json.length > MAX_PAGE_ITEMS) return { kind: 'refused', why: (i) => `page ${i} has ${json.length} items, more than any Heroku page holds (${MAX_PAGE_ITEMS})` };
    const items = new Array<HerokuAuthorization>(json.length);
    for (let k = 0; k < json.length; k++) {
      const r = this.check(json[k], heldItems?.[k]);
      if (!r.ok) return { kind: 'refused', why: (i) => `page ${i}: ${describePath([k, ...r.path], r.badShape)}` };
      items[k] = r.value;
      if ((k + 1) % every === 0 && k + 1 < json.length) yield;
    }
    // Without a layout (not scanned yet) the bytes are kept, to be scanned if they are ever compared.
    const raw = !bytes ? null : !layout ? { bytes, layout: null } : slotsMatch(items, layout) ? { bytes, layout } : null;
    return { kind: 'checked', items, raw };
  }

  /** Forgets every page and item (the next list is fetched and checked in full). */
  clear(): void {
    this.pages.clear();
    this.heldById = null;
    this.last = null;
  }

  /**
   * Joins the pages into one list counted from the first page's arrival: a later page's
   * expires_in is moved by the whole seconds between the arrivals, rounded down (a 304 page counts
   * from when its held copy arrived), so a warning is never late. Duplicates keep their first copy.
   */
  async merge(pages: Page[]): Promise<Result<AuthorizationList>> {
    const checkedAt = pages[0]!.receivedAt;
    const last = this.last;
    if (last && pages.every((p, i) => p.status === 304 && last.ranges[i] === p.range) && pages.length === last.ranges.length) {
      return ok({ ...last.list, notModified: true, checkedAt });
    }
    const held = new Map<string, CachedPage>();
    // The first pages as they were joined while read (joinAhead), if they are these very pages.
    const j = this.joining;
    this.joining = null;
    const ahead = j && j.bodies.length <= pages.length && j.bodies.every((b, i) => pages[i]!.status !== 304 && pages[i]!.json === b && pages[i]!.receivedAt === j.at[i]) ? j : null;
    // The first copy of an id is kept.
    const ids = ahead?.ids ?? new JoinedIds();
    const value: HerokuAuthorization[] = ahead?.value ?? [];
    for (const [i, page] of pages.entries()) {
      // A page that came without reader() (none does in the client) is checked here, a turn of its own.
      if (page.status !== 304 && !isPageBody(page.json) && Array.isArray(page.json) && page.json.length > BIG_PAGE_ITEMS) await takeTurn();
      const got = this.page(page, i);
      if (!got.ok) return got;
      held.set(page.range, got.value);
      if (ahead && i < ahead.bodies.length) continue;
      const shift = Math.floor((got.value.receivedAt - checkedAt) / 1000);
      for (const a of got.value.items) if (ids.add(a.id, value)) value.push(shifted(a, shift));
    }
    this.pages = held;
    this.heldById = null;
    const list: AuthorizationList = { value, receivedAt: checkedAt, notModified: false, checkedAt };
    this.last = { ranges: pages.map((p) => p.range), list };
    return ok(list);
  }

  private page(page: Page, i: number): Result<CachedPage> {
    if (page.status === 304) {
      const held = this.pages.get(page.range);
      return held ? ok(held) : { ok: false, error: badResponse(`page ${i + 1}: it answered 304 Not Modified for a page this app does not hold`) };
    }
    const body = isPageBody(page.json) ? page.json : this.checkPage(page.json, null, null, this.pages.get(page.range)?.items);
    if (body.kind === 'refused') return { ok: false, error: badResponse(body.why(i + 1)) };
    return ok({ etag: page.etag, next: page.next, receivedAt: page.receivedAt, items: body.items, raw: body.raw });
  }

  /**
   * An item unchanged since last time keeps its checked copy with the new expires_in; others are
   * checked in full. `atPlace` is the held copy of the page's item at the same place: on an
   * unchanged page, the same id (no lookup); otherwise the item is looked up among every held page's
   * (the first copy of an id). Where the held pages listed an id twice (a list that moved while its
   * pages came), the copy at the same place may be the second one: both were checked in full, and
   * either stands only for an item with that copy's updated_at and token.
   */
  private check(raw: unknown, atPlace: HerokuAuthorization | undefined): CheckResult {
    const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const prev = id === undefined ? undefined : atPlace !== undefined && atPlace.id === id ? atPlace : this.heldItem(id);
    if (!prev || !isObject(raw) || raw.updated_at !== prev.updated_at || tokenOf(raw) !== prev.access_token?.token) return checkInFull(raw);
    const t = raw.access_token;
    if (t === null || t === undefined) return prev.access_token ? checkInFull(raw) : { ok: true, value: prev };
    if (!isObject(t) || !isExpiresIn(t.expires_in) || !prev.access_token) return checkInFull(raw);
    if (t.expires_in === prev.access_token.expires_in) return { ok: true, value: prev };
    return { ok: true, value: { ...prev, access_token: { ...prev.access_token, expires_in: t.expires_in } } };
  }

  /** The held copy of `id` (the first, in the last list's order), if any held page has it. */
  private heldItem(id: string): HerokuAuthorization | undefined {
    if (this.pages.size === 0) return undefined;
    if (this.heldById === null) {
      const byId = new Map<string, HerokuAuthorization>();
      for (const range of this.last?.ranges ?? []) for (const a of this.pages.get(range)?.items ?? []) if (!byId.has(a.id)) byId.set(a.id, a);
      this.heldById = byId;
    }
    return this.heldById.get(id);
  }
}

/**
 * What Heroku sends with every item and no part of the app reads: the account's `user` (its id,
 * email and name, the same on every item), `grant`, `session`, `refresh_token`, and the token's
 * own `id`. A list lets them go right after the check (set to undefined, so every item keeps one
 * shape), instead of keeping 10,000 copies of each for a list of 10,000 tokens: while a first list
 * is young, every scavenge copied them too. Fields the schema does not know are kept.
 */
const UNREAD = ['user', 'grant', 'session', 'refresh_token'] as const;

/** checkAuthorization, then the parts nobody reads let go (UNREAD). */
function checkInFull(raw: unknown): CheckResult {
  const r = checkAuthorization(raw);
  if (!r.ok) return r;
  const item = r.value as Record<string, unknown>;
  for (const key of UNREAD) if (item[key] !== undefined) item[key] = undefined;
  const token = r.value.access_token;
  if (token && token.id !== undefined) token.id = undefined;
  return r;
}

/** The item with its expires_in counted from `shift` seconds earlier (never below 0; expired stays expired). */
function shifted(a: HerokuAuthorization, shift: number): HerokuAuthorization {
  const token = a.access_token;
  if (shift === 0 || !token || token.expires_in === null || token.expires_in === 0) return a;
  return { ...a, access_token: { ...token, expires_in: Math.max(0, token.expires_in + shift) } };
}
