/**
 * The authorization list, conditional and incremental. Each page is kept with its ETag, keyed by
 * the Range that fetched it (the URL never changes), so the next refresh sends `If-None-Match`
 * per page and a `304 Not Modified` page is taken as it was, without reading or checking it
 * again. On a page that did change, an item seen before with the same `id`, `updated_at` and token
 * value keeps its checked copy and only has its `expires_in` re-read and checked (Heroku bumps
 * `updated_at` on every change of an authorization; `expires_in` is the one live field); a new
 * or changed item is checked in full (check-authorization.ts). Only the pages of the last
 * successful list are kept, so memory follows the list.
 */
import { ok, type Result } from '../../shared/result.js';
import { checkAuthorization, isExpiresIn, type CheckResult } from './check-authorization.js';
import { badResponse } from './errors.js';
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

interface CachedPage {
  etag: string | null;
  next: string | null;
  receivedAt: number;
  /** Checked items, expires_in as that page said it. */
  items: HerokuAuthorization[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const tokenOf = (raw: Record<string, unknown>) => {
  const t = raw.access_token;
  return isObject(t) && typeof t.token === 'string' ? t.token : undefined;
};

/** Pages with more items than this are checked in a turn of their own. */
const BIG_PAGE_ITEMS = 100;

/** One account's list state; the client keeps one per API key. */
export class AuthorizationListCache {
  private pages = new Map<string, CachedPage>();
  private checked = new Map<string, HerokuAuthorization>();
  private last: { ranges: string[]; list: AuthorizationList } | null = null;

  /** The ETag to send for a page, if that page is held. */
  etag(range: string): string | undefined {
    return this.pages.get(range)?.etag ?? undefined;
  }

  /** The Next-Range the held copy of a page announced. */
  next(range: string): string | null {
    return this.pages.get(range)?.next ?? null;
  }

  /** Forgets every page and item (the next list is fetched and checked in full). */
  clear(): void {
    this.pages.clear();
    this.checked.clear();
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
    const byId = new Map<string, HerokuAuthorization>();
    const checked = new Map<string, HerokuAuthorization>();
    for (const [i, page] of pages.entries()) {
      // One page (up to 1,000 items) per turn, so IPC and the tray run in between (turns.ts).
      if (page.status !== 304 && Array.isArray(page.json) && page.json.length > BIG_PAGE_ITEMS) await takeTurn();
      const got = this.page(page, i);
      if (!got.ok) return got;
      held.set(page.range, got.value);
      const shift = Math.floor((got.value.receivedAt - checkedAt) / 1000);
      for (const a of got.value.items) {
        if (byId.has(a.id)) continue;
        checked.set(a.id, a);
        byId.set(a.id, shifted(a, shift));
      }
    }
    this.pages = held;
    this.checked = checked;
    const list: AuthorizationList = { value: [...byId.values()], receivedAt: checkedAt, notModified: false, checkedAt };
    this.last = { ranges: pages.map((p) => p.range), list };
    return ok(list);
  }

  private page(page: Page, i: number): Result<CachedPage> {
    if (page.status === 304) {
      const held = this.pages.get(page.range);
      return held ? ok(held) : { ok: false, error: badResponse(`page ${i + 1}: it answered 304 Not Modified for a page this app does not hold`) };
    }
    if (!Array.isArray(page.json)) return { ok: false, error: badResponse(`page ${i + 1}: ${describePath([])}`) };
    // Checked before the items: checking a million of them would itself be the harm.
    if (page.json.length > MAX_PAGE_ITEMS) {
      return { ok: false, error: badResponse(`page ${i + 1} has ${page.json.length} items, more than any Heroku page holds (${MAX_PAGE_ITEMS})`) };
    }
    const items = new Array<HerokuAuthorization>(page.json.length);
    for (let k = 0; k < page.json.length; k++) {
      const r = this.check(page.json[k]);
      if (!r.ok) return { ok: false, error: badResponse(`page ${i + 1}: ${describePath([k, ...r.path], r.badShape)}`) };
      items[k] = r.value;
    }
    return ok({ etag: page.etag, next: page.next, receivedAt: page.receivedAt, items });
  }

  /** An item unchanged since last time keeps its checked copy with the new expires_in; others are checked in full. */
  private check(raw: unknown): CheckResult {
    const prev = isObject(raw) && typeof raw.id === 'string' ? this.checked.get(raw.id) : undefined;
    if (!prev || !isObject(raw) || raw.updated_at !== prev.updated_at || tokenOf(raw) !== prev.access_token?.token) return checkAuthorization(raw);
    const t = raw.access_token;
    if (t === null || t === undefined) return prev.access_token ? checkAuthorization(raw) : { ok: true, value: prev };
    if (!isObject(t) || !isExpiresIn(t.expires_in) || !prev.access_token) return checkAuthorization(raw);
    if (t.expires_in === prev.access_token.expires_in) return { ok: true, value: prev };
    return { ok: true, value: { ...prev, access_token: { ...prev.access_token, expires_in: t.expires_in } } };
  }
}

/** The item with its expires_in counted from `shift` seconds earlier (never below 0; expired stays expired). */
function shifted(a: HerokuAuthorization, shift: number): HerokuAuthorization {
  const token = a.access_token;
  if (shift === 0 || !token || token.expires_in === null || token.expires_in === 0) return a;
  return { ...a, access_token: { ...token, expires_in: Math.max(0, token.expires_in + shift) } };
}
