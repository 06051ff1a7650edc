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
  json: unknown;
  receivedAt: number;
}

/** Reads every page, starting with firstRange; getPage runs one (retried) GET with a Range. */
export async function collectPages(
  getPage: (range: string) => Promise<Result<RawResponse>>,
  options: { firstRange?: string; maxPages?: number } = {},
): Promise<Result<Page[]>> {
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
    pages.push({ json: res.value.json, receivedAt: res.value.receivedAt });
    const next = res.value.status === 206 ? res.value.headers.get('Next-Range') : null;
    if (next === null || next.trim() === '') {
      range = null;
    } else if (seen.has(next.trim())) {
      return { ok: false, error: badResponse('it sent the same next page twice, so the list would never end') };
    } else {
      range = next.trim();
    }
  }
  return pages.length > 0 ? ok(pages) : err('bad_response', 'Heroku sent no page at all.');
}
