/**
 * Follows Heroku's Range / Next-Range paging: ask for big pages (`max=1000`) to keep requests
 * few, follow `Next-Range` on 206 answers, and stop with a clear error when the chain does not
 * end (a page cap) or goes round in circles (a Next-Range seen before).
 *
 * Without waiting on each page's body: Next-Range is a header, so the next page is asked for as
 * soon as a page's headers arrive, and the server prepares it while this page's body is still
 * being read and parsed. And a refresh may ask for the pages the last list had (`expected`) all
 * at once: on an unchanged list those are exactly the pages the chain leads to. The chain decides:
 * the list is always the pages each answer's Next-Range leads to, in order; an early answer for a
 * Range the chain does not reach (the list changed) is cancelled and never used.
 */
import { setMaxListeners } from 'node:events';
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
  /** Ranges the chain will likely reach (the last list's pages after the first): asked for at once. */
  expected?: string[];
}

/** What collectPages gives each request: where to report its headers early, and its cancel signal. */
export interface PageHooks {
  onHead: (status: number, headers: Headers) => void;
  signal: AbortSignal;
}

/** One (retried, maybe conditional) GET with a Range. */
export type PageGetter = (range: string, hooks: PageHooks) => Promise<Result<RawResponse>>;

/** Reads every page, starting with firstRange. */
export async function collectPages(getPage: PageGetter, options: PageOptions = {}): Promise<Result<Page[]>> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const cancel = new AbortController();
  // Every request in flight listens to it: up to a whole list's pages at once.
  setMaxListeners(maxPages + 2, cancel.signal);
  const asked = new Map<string, Promise<Result<RawResponse>>>();
  const nextOf = (range: string, status: number, headers: Headers): string | null => {
    // Rack::ConditionalGet keeps Next-Range on a 304; a server that drops it gets the cached one.
    const announced = status === 206 ? headers.get('Next-Range') : status === 304 ? (headers.get('Next-Range') ?? options.cachedNext?.(range) ?? null) : null;
    return announced?.trim() || null;
  };
  // Never more requests than pages the chain may have: an endless chain stops at the cap.
  const ask = (range: string): Promise<Result<RawResponse>> => {
    let p = asked.get(range);
    if (p) return p;
    const hooks: PageHooks = {
      signal: cancel.signal,
      onHead: (status, headers) => {
        const next = nextOf(range, status, headers);
        if (next !== null && !asked.has(next) && asked.size < maxPages) void ask(next);
      },
    };
    p = getPage(range, hooks);
    asked.set(range, p);
    return p;
  };
  try {
    const seen = new Set<string>();
    const pages: Page[] = [];
    let range: string | null = options.firstRange ?? FIRST_RANGE;
    void ask(range);
    for (const r of options.expected ?? []) if (asked.size < maxPages) void ask(r);
    while (range !== null) {
      if (pages.length >= maxPages) {
        return { ok: false, error: badResponse(`it kept announcing more pages after ${maxPages} pages, so the list was not loaded`) };
      }
      seen.add(range);
      const res = await ask(range);
      if (!res.ok) return res;
      const { status, headers, json, receivedAt } = res.value;
      const next = nextOf(range, status, headers);
      pages.push({ range, status, json, etag: headers.get('ETag'), next, receivedAt });
      if (next !== null && seen.has(next)) return { ok: false, error: badResponse('it sent the same next page twice, so the list would never end') };
      range = next;
    }
    return pages.length > 0 ? ok(pages) : err('bad_response', 'Heroku sent no page at all.');
  } finally {
    // Answers the chain did not reach (the list changed, or it failed) are not waited for.
    cancel.abort();
  }
}
