/**
 * The Authorization view model: what the renderer is allowed to know about an OAuth
 * authorization. It never carries a full token; only the last four characters.
 */
export const SCOPES = ['global', 'identity', 'read', 'write', 'read-protected', 'write-protected'] as const;
export type Scope = (typeof SCOPES)[number];

export type TokenKind = 'hrku' | 'uuid' | 'masked' | 'none';

export type HygieneFlag = 'global-never-expires' | 'legacy-uuid-token' | 'stale';

export interface AuthorizationView {
  id: string;
  accountId: string;
  description: string;
  scopes: string[];
  createdAt: string;
  updatedAt: string;
  /** Absolute expiry (ISO 8601), or null when the token never expires. */
  expiresAt: string | null;
  /** Last four characters of the token, when known. */
  tokenLast4: string | null;
  tokenKind: TokenKind;
  /** True when this app holds the full token in the OS keychain (so Copy/Reveal work). */
  held: boolean;
  client: { id: string; name: string } | null;
  /** The Heroku CLI's own login session ("Heroku CLI login from <host>"). */
  isCliSession: boolean;
  /** True when the token is the one this account signed in with. */
  isCurrentKey: boolean;
  hygiene: HygieneFlag[];
}

export interface AuthorizationsSnapshot {
  accountId: string;
  items: AuthorizationView[];
  /** When the list was last fetched successfully (ISO), or null if never. */
  fetchedAt: string | null;
  /** Set when the last refresh failed; items are then the last good list. */
  lastError: { code: string; message: string; at: string } | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HRKU_RE = /^HRKU-[A-Za-z0-9_-]{8,}$/;

/** Classifies a token value as returned by the API (full, masked, or absent). */
export function tokenKind(token: string | null | undefined): TokenKind {
  if (!token) return 'none';
  if (HRKU_RE.test(token)) return 'hrku';
  if (UUID_RE.test(token)) return 'uuid';
  return 'masked';
}

/** Last four characters of a token value, or null when there is none worth showing. */
export function last4(token: string | null | undefined): string | null {
  if (!token || token.length < 4) return null;
  const tail = token.slice(-4);
  return /^[A-Za-z0-9]{4}$/.test(tail) ? tail : null;
}

/** A masked rendering of a token for display: bullets and the last four characters. */
export function maskedToken(tail: string | null): string {
  return tail ? `•••• ${tail}` : '••••';
}

const CLI_SESSION_RE = /^Heroku CLI login from /;

/** True for the authorization the Heroku CLI creates on `heroku login`. */
export function isCliSessionDescription(description: string): boolean {
  return CLI_SESSION_RE.test(description);
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Hygiene warnings a careful user wants to see on a token row. */
export function hygieneFlags(
  a: { scopes: string[]; expiresAt: string | null; tokenKind: TokenKind; createdAt: string; updatedAt: string },
  nowMs: number,
): HygieneFlag[] {
  const flags: HygieneFlag[] = [];
  if (a.scopes.includes('global') && a.expiresAt === null) flags.push('global-never-expires');
  if (a.tokenKind === 'uuid' && a.createdAt === a.updatedAt) flags.push('legacy-uuid-token');
  const updated = Date.parse(a.updatedAt);
  if (Number.isFinite(updated) && nowMs - updated > YEAR_MS) flags.push('stale');
  return flags;
}
