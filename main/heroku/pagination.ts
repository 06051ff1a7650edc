/**
 * Follows Heroku's Range / Next-Range paging: ask for big pages (`max=1000`) to keep requests
 * few, follow `Next-Range` on 206 answers, and stop with a clear error when the chain does not
 * end (a page cap) or goes round in circles (a Next-Range seen before).
 */
import { err, ok, type Result } from '../../shared/result.js';
import { badResponse } from './errors.js';
import type { RawResponse } from './request.js';

/** Items per page the client asks for (Heroku's maximum). */
export const PAGE_SIZE = 1000;
export const FIRST_RANGE = `id ..; max=${PAGE_SIZE}`;
export const DEFAULT_MAX_PAGES = 25;

export interface Page {
  /** The Range it answered; a page's cache key (its URL is always the same). */
  range: string;
  /** 200, 206, or 304 (Not Modified: json is undefined, the cached body stands). */
  status: number;
  json: unknown;
  etag: string | null;
  /** The Next-Range it announced, or null on the last page. */
  next: string | null;
  receivedAt: number;
}

export interface PageOptions {
  firstRange?: string;
  maxPages?: number;
  /** For a 304 without Next-Range: the Next-Range the cached copy of that page announced. */
  cachedNext?: (range: string) => string | null;
}

/** Reads every page, starting with firstRange; getPage runs one (retried, maybe conditional) GET with a Range. */
export async function collectPages(getPage: (range: string) => Promise<Result<RawResponse>>, options: PageOptions = {}): Promise<Result<Page[]>> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  const pages: Page[] = [];
  let range: string | null = options.firstRange ?? FIRST_RANGE;
  while (range !== null) {
    if (pages.length >= maxPages) {
      return { ok: false, error: badResponse(`it kept announcing more pages after ${maxPages} pages, so the list was not loaded`) };
    }
    seen.add(range);
    const res = await getPage(range);
    if (!res.ok) return res;
    const { status, headers, json, receivedAt } = res.value;
    // Rack::ConditionalGet keeps Next-Range on a 304; a server that drops it gets the cached one.
    const announced: string | null = status === 206 ? headers.get('Next-Range') : status === 304 ? (headers.get('Next-Range') ?? options.cachedNext?.(range) ?? null) : null;
    const next: string | null = announced?.trim() || null;
    pages.push({ range, status, json, etag: headers.get('ETag'), next, receivedAt });
    if (next !== null && seen.has(next)) return { ok: false, error: badResponse('it sent the same next page twice, so the list would never end') };
    range = next;
  }
  return pages.length > 0 ? ok(pages) : err('bad_response', 'Heroku sent no page at all.');
}
