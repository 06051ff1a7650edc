/**
 * Entity tags and conditional GETs, as a Rack app behind Rack::ETag and Rack::ConditionalGet
 * answers them: the tag is a digest of the exact body sent, so it changes whenever one byte does
 * (a live `expires_in` changes it every second); a matching `If-None-Match` turns the answer into
 * `304 Not Modified` with the same headers minus the body's own (Content-Type, Content-Length).
 * Heroku's reference shows strong tags of 32 hex digits (`ETag: "0123456789abcdef..."`), which is
 * what Rack 1.x's MD5 digest gives; Rack 2+ sends weak ones (`W/"<first 32 hex of SHA-256>"`).
 * Both are offered; comparison is the weak one RFC 9110 prescribes for If-None-Match.
 */
import { createHash } from 'node:crypto';

/** `strong` (default, Heroku's documented form), `weak` (Rack 2+), or `off` (no tags, never 304). */
export type ETagStyle = 'strong' | 'weak' | 'off';

/** The ETag header for a body, or null when tags are off. */
export function etagFor(body: string, style: ETagStyle): string | null {
  if (style === 'off') return null;
  if (style === 'weak') return `W/"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Whether an If-None-Match header names this tag (weak comparison; `*` matches any). */
export function noneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const want = opaque(etag);
  // Tags are quoted strings without commas inside, so a split on commas is exact.
  return value.split(',').some((t) => opaque(t) === want);
}
