/** Turns the popover's data into the banners and full-screen states the popover shows. Pure. */
import type { AppInfo, AppStatus } from '../../../shared/contract.js';
import type { AuthorizationsSnapshot } from '../../../shared/domain/authorization.js';
import type { AppError } from '../../../shared/result.js';

export type BannerKind = 'origin' | 'keychain' | 'offline' | 'rate-limited' | 'unauthorized' | 'stale' | 'notice' | 'low-rate' | 'notification' | 'shortcut';

export interface Banner {
  kind: BannerKind;
  tone: 'info' | 'warn' | 'error';
  title: string;
  detail: string | null;
  /** Offer Retry (refresh) or Sign in again. */
  action: 'retry' | 'sign-in' | null;
}

export interface ProblemInput {
  info: AppInfo | null;
  status: AppStatus | null;
  snapshot: AuthorizationsSnapshot | null;
  error: AppError | null;
}

const OFFLINE = new Set(['offline', 'timeout']);

/** The failure that explains the current list, if any: the last refresh's, or the load's. */
export function currentFailure(p: ProblemInput): { code: string; message: string; at: string | null } | null {
  if (p.snapshot?.lastError) return p.snapshot.lastError;
  if (p.error) return { ...p.error, at: null };
  return null;
}

/** True when there is nothing to show but an error (no list was ever fetched). */
export function isBlockingError(p: ProblemInput): boolean {
  const failure = currentFailure(p);
  return failure !== null && (p.snapshot === null || (p.snapshot.fetchedAt === null && p.snapshot.items.length === 0));
}

function failureBanner(f: { code: string; message: string }, stale: string | null): Banner {
  const suffix = stale ? `List updated ${stale}.` : null;
  if (f.code === 'rate_limited') return { kind: 'rate-limited', tone: 'warn', title: 'Heroku’s rate limit was reached', detail: joinText(f.message, suffix), action: 'retry' };
  if (f.code === 'unauthorized') return { kind: 'unauthorized', tone: 'error', title: 'Heroku rejected this account’s API key', detail: joinText(f.message, suffix), action: 'sign-in' };
  if (f.code === 'keychain_locked' || f.code === 'keychain_unavailable')
    return { kind: 'keychain', tone: 'error', title: f.code === 'keychain_locked' ? 'Your keychain is locked' : 'The keychain is unavailable', detail: f.message, action: 'retry' };
  if (OFFLINE.has(f.code)) return { kind: 'offline', tone: 'warn', title: stale ? `Offline · updated ${stale}` : 'Offline', detail: f.message, action: 'retry' };
  return { kind: 'stale', tone: 'warn', title: stale ? `Could not refresh · updated ${stale}` : 'Could not refresh', detail: f.message, action: 'retry' };
}

function joinText(a: string, b: string | null): string {
  return b ? `${a} ${b}` : a;
}

/** Banners above the list, most important first. `ago` renders "12 min ago" from an ISO time. */
export function banners(p: ProblemInput, ago: (iso: string) => string): Banner[] {
  const out: Banner[] = [];
  const failure = currentFailure(p);
  const stale = p.snapshot?.fetchedAt ? ago(p.snapshot.fetchedAt) : null;
  if (failure && !isBlockingError(p)) out.push(failureBanner(failure, stale));
  const hasKeychainBanner = out.some((b) => b.kind === 'keychain');
  if (p.status && !hasKeychainBanner) {
    if (p.status.keychain === 'locked' || p.status.keychain === 'unavailable') {
      out.push({
        kind: 'keychain',
        tone: 'error',
        title: p.status.keychain === 'locked' ? 'Your keychain is locked' : 'The keychain is unavailable',
        detail: p.status.keychainMessage ?? 'Copy and Reveal need it. Unlock it, then Retry.',
        action: 'retry',
      });
    } else if (p.status.keychain === 'volatile') {
      out.push({ kind: 'keychain', tone: 'warn', title: 'Tokens are not kept across restarts', detail: p.status.keychainMessage, action: null });
    }
  }
  if (p.status && !p.status.online && !out.some((b) => b.kind === 'offline'))
    out.push({ kind: 'offline', tone: 'warn', title: stale ? `Offline · updated ${stale}` : 'Offline', detail: 'Heroku cannot be reached.', action: 'retry' });
  if (p.status?.rateLimitRemaining !== null && p.status?.rateLimitRemaining !== undefined && p.status.rateLimitRemaining < 200 && !out.some((b) => b.kind === 'rate-limited'))
    out.push({ kind: 'low-rate', tone: 'warn', title: `${p.status.rateLimitRemaining} API calls left this hour`, detail: 'Refreshes slow down until Heroku’s budget refills.', action: null });
  if (p.status?.settingsNotice) out.push({ kind: 'notice', tone: 'info', title: 'Settings were reset', detail: p.status.settingsNotice, action: null });
  // The OS refused to show a warning (e.g. an unsigned macOS build): it must not be lost.
  const missed = p.status?.missedNotification;
  if (missed) out.push({ kind: 'notification', tone: 'warn', title: missed.title, detail: `${missed.body} (This warning could not be shown as a notification.)`, action: null });
  const shortcut = p.status?.shortcut;
  if (shortcut && shortcut.accelerator !== '' && !shortcut.registered)
    out.push({ kind: 'shortcut', tone: 'info', title: `The shortcut ${shortcut.accelerator} is taken`, detail: 'Another app or the desktop holds it. Choose another in Settings.', action: null });
  if (p.info && !p.info.isDefaultOrigin)
    out.push({ kind: 'origin', tone: 'info', title: `API: ${p.info.apiOrigin}`, detail: 'Not api.heroku.com: your key goes to this server.', action: null });
  return out;
}
