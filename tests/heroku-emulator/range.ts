/** Heroku's list paging: `Range: id ..; max=N` in, `206` + `Next-Range: ]<last id>..; max=N` out. */

export const DEFAULT_PAGE = 200;
export const MAX_PAGE = 1000;

export interface RangeRequest {
  /** Exclusive start (`]id..`). */
  after?: string;
  /** Inclusive start (`id..`). */
  from?: string;
  max: number;
}

/**
 * Parses a Range header; null when it is not a valid id range. Accepts the forms Heroku and its
 * clients send: `id ..; max=10`, `id ]<id>..; max=10;`, `]<id>..; max=10` (a Next-Range echoed
 * without its field). `max` is capped at 1000 as Heroku does.
 */
export function parseRange(header: string | undefined, defaultMax = DEFAULT_PAGE): RangeRequest | null {
  if (header === undefined || header.trim() === '') return { max: Math.min(defaultMax, MAX_PAGE) };
  const [spec = '', ...params] = header.split(';').map((s) => s.trim());
  const m = /^(?:id\s*)?(\]?)([0-9A-Za-z-]*)\.\.([0-9A-Za-z-]*)$/.exec(spec);
  if (!m) return null;
  let max = Math.min(defaultMax, MAX_PAGE);
  for (const p of params) {
    if (p === '') continue;
    const kv = /^(\w+)=(\S+)$/.exec(p);
    if (!kv) return null;
    if (kv[1] === 'max') {
      const n = Number(kv[2]);
      if (!Number.isInteger(n) || n < 1) return null;
      max = Math.min(n, MAX_PAGE);
    } else if (kv[1] === 'order' && kv[2] !== 'asc') {
      return null; // only ascending order is emulated
    }
  }
  const [, exclusive, start] = m;
  if (!start) return { max };
  return exclusive ? { after: start, max } : { from: start, max };
}

/** The Next-Range header value after a page ending at `lastId`. */
export const nextRange = (lastId: string, max: number): string => `]${lastId}..; max=${max}`;
