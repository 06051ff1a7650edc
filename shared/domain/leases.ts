/** View types of leases and of the expired-token cleanup, as the renderer sees them. */

/** Shortest and longest lease (5 min to 8 h). */
export const LEASE_MIN_SECONDS = 5 * 60;
export const LEASE_MAX_SECONDS = 8 * 3600;

/** A lease: a token the app made for a while and revokes when the lease ends. */
export interface LeaseView {
  accountId: string;
  id: string;
  endsAt: string;
  scopes: string[];
  /** Set when Heroku refused to end it (401/403): the app stops trying; "End lease" tries again. */
  endError?: string;
}

export interface ExpiredToken {
  id: string;
  description: string;
  expiresAt: string;
}

export interface CleanupOutcome {
  accountId: string;
  revoked: string[];
  /** Not revoked: no longer expired, gone, or Heroku refused; with the reason in words. */
  skipped: Array<{ id: string; reason: string }>;
}
