/**
 * Where a token is used ("consumers"): the records the app keeps (where, which variable, which
 * authorization, how sure), how a value is recognised as a token, and how it is matched to an
 * account's authorizations. Pure; values pass through these functions and are never stored.
 */

/** exact: the value is a token this app holds; likely: it fits Heroku's masked prefix and last
 * four of one authorization; broken: token-shaped but no live authorization of the account. */
export type MatchKind = 'exact' | 'likely' | 'broken';

export type ConsumerKind = 'app' | 'file';

/** One place a token is used. Only this is kept, never the value (house rule 7). */
export interface Consumer {
  /** Stable id: `app:<name>:<VAR>` or `file:<path>:<VAR>`. */
  key: string;
  accountId: string;
  kind: ConsumerKind;
  /** App name, or the file's absolute path. */
  location: string;
  varName: string;
  /** The authorization it matches; null when broken. */
  authorizationId: string | null;
  match: MatchKind;
}

/** Heroku's masked form: what is shown before the asterisks and after them. */
export interface Fingerprint {
  /** `HRKU-` or `` (bare UUID); null when the mask hides it. */
  prefix: string | null;
  suffix: string;
}

const HRKU = /^HRKU-[A-Za-z0-9_-]{8,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Variable names under which a bare UUID is taken for a Heroku key (UUIDs are common elsewhere). */
const HEROKU_NAME = /HEROKU|API_KEY|API_TOKEN/i;

/** The key of a consumer. */
export const consumerKey = (kind: ConsumerKind, location: string, varName: string): string => `${kind}:${location}:${varName}`;

/** True when a value looks like a Heroku token (HRKU-…, or a UUID under a Heroku-ish name). */
export function isTokenShaped(value: string, varName: string): boolean {
  const v = value.trim();
  return HRKU.test(v) || (UUID.test(v) && HEROKU_NAME.test(varName));
}

/** The fingerprint of a full token: family prefix and last four characters. */
export function fingerprintOf(token: string): Fingerprint {
  return { prefix: token.startsWith('HRKU-') ? 'HRKU-' : '', suffix: token.slice(-4) };
}

/**
 * The fingerprint of a token as the list endpoint shows it: full (emulator default, older API),
 * masked (`HRKU-********1a2b`, the emulator's redaction and Heroku's mask), or only a last four.
 */
export function fingerprintOfListed(kind: 'hrku' | 'uuid' | 'masked' | 'none', last4: string | null): Fingerprint | null {
  if (!last4) return null;
  if (kind === 'hrku') return { prefix: 'HRKU-', suffix: last4 };
  if (kind === 'uuid') return { prefix: '', suffix: last4 };
  if (kind === 'masked') return { prefix: null, suffix: last4 };
  return null;
}

/** Parses a masked token (`<prefix>***…<suffix>`) into its fingerprint; null if not masked. */
export function parseMask(masked: string): Fingerprint | null {
  const m = /^([^*•]*)[*•]{3,}([^*•]{1,8})$/.exec(masked);
  if (!m) return null;
  return { prefix: m[1] ?? '', suffix: m[2]! };
}

/** True when a full value fits a fingerprint. */
export function fits(value: string, fp: Fingerprint): boolean {
  if (!value.endsWith(fp.suffix)) return false;
  if (fp.prefix === null) return true;
  return fp.prefix === '' ? !value.startsWith('HRKU-') : value.startsWith(fp.prefix);
}

export interface MatchInput {
  /** Full tokens this app holds (keychain), by value -> authorization id. Memory only. */
  held: ReadonlyMap<string, string>;
  /** Every live authorization of the account with what the list showed of its token. */
  listed: ReadonlyArray<{ id: string; fingerprint: Fingerprint | null }>;
}

/**
 * Matches one token-shaped value: exact against held tokens, then likely when exactly one live
 * authorization fits (two that fit are ambiguous: likely to the first is a guess, so none is
 * named and it is not called broken either). Null = ambiguous.
 */
export function matchValue(value: string, input: MatchInput): { authorizationId: string | null; match: MatchKind } | null {
  const v = value.trim();
  const exact = input.held.get(v);
  if (exact) return { authorizationId: exact, match: 'exact' };
  // A held token's authorization fits its own value; an unheld value fitting it is another token.
  const heldIds = new Set(input.held.values());
  const unheldFits = input.listed.filter((a) => a.fingerprint && !heldIds.has(a.id) && fits(v, a.fingerprint));
  if (unheldFits.length === 1) return { authorizationId: unheldFits[0]!.id, match: 'likely' };
  if (unheldFits.length > 1) return null;
  return { authorizationId: null, match: 'broken' };
}

/** "Used by 2 apps, 1 file" (or null when nothing uses it). */
export function usedByLabel(consumers: ReadonlyArray<Pick<Consumer, 'kind'>>): string | null {
  const apps = consumers.filter((c) => c.kind === 'app').length;
  const files = consumers.length - apps;
  if (apps + files === 0) return null;
  const parts: string[] = [];
  if (apps > 0) parts.push(`${apps} ${apps === 1 ? 'app' : 'apps'}`);
  if (files > 0) parts.push(`${files} ${files === 1 ? 'file' : 'files'}`);
  return `Used by ${parts.join(', ')}`;
}

/** The file's name for display: its last path segment. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** "app backup-worker" / "file .env", as notifications and confirmations name a consumer. */
export function consumerName(c: Pick<Consumer, 'kind' | 'location'>): string {
  return c.kind === 'app' ? `app ${c.location}` : `file ${fileName(c.location)}`;
}

/** "app backup-worker, app deploy-bot and file .env". */
export function consumerNames(consumers: ReadonlyArray<Pick<Consumer, 'kind' | 'location'>>): string {
  const names = [...new Set(consumers.map(consumerName))];
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Consumers of one authorization, apps first then files, each by location and variable. */
export function consumersOf(all: ReadonlyArray<Consumer>, authorizationId: string): Consumer[] {
  return all
    .filter((c) => c.authorizationId === authorizationId)
    .sort((a, b) => (a.kind === b.kind ? a.key.localeCompare(b.key) : a.kind === 'app' ? -1 : 1));
}

/** What the popover knows about an account's consumers. */
export interface ConsumersSnapshot {
  accountId: string;
  consumers: Consumer[];
  /** Local files the user added (absolute paths). */
  files: string[];
  /** When the last scan finished (ISO), null if never. */
  scannedAt: string | null;
  /** Apps or files the last scan could not read, and why (no values). */
  problems: Array<{ location: string; message: string }>;
}

/** What a scan will cost, said before it starts. */
export interface ScanEstimate {
  accountId: string;
  /** Apps found by the last scan; null before the first. */
  apps: number | null;
  /** apps + 1 (the apps list itself), pages aside; null when apps is unknown. */
  requests: number | null;
  files: number;
  rateLimitRemaining: number | null;
}

/** A scan under way. */
export interface ScanProgress {
  accountId: string;
  done: number;
  total: number;
  /** Waiting for Heroku's rate-limit budget to recover. */
  paused: boolean;
}
