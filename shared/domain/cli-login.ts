/**
 * What the renderer may know about the Heroku CLI's login: where it lives, which authorization
 * it is, and whether Heroku still takes it. Never the key itself.
 */

/** An SSO (federated) account's logins last 8 hours (Heroku's rule). */
export const SSO_LOGIN_HOURS = 8;

/** The one-line SSO note shown on a federated account. */
export function ssoNote(identityProvider: string | null): string {
  const by = identityProvider ? ` through ${identityProvider}` : '';
  return `SSO account${by}: its logins last ${SSO_LOGIN_HOURS} hours. Heroku recommends a non-SSO account for long-lived tokens.`;
}

/** The message for a CLI key that Heroku refuses (401). */
export const CLI_LOGIN_EXPIRED = 'Heroku CLI login expired';

export interface CliLoginView {
  /** The store `heroku login` uses here, and whether HEROKU_API_KEY overrides it. */
  store: 'keychain' | 'netrc';
  storeLabel: string;
  envOverride: boolean;
  /**
   * none: the CLI is not logged in; ok: Heroku takes its key; expired: Heroku refuses it (401);
   * unknown: it could not be checked (offline, keychain locked…), see message.
   */
  state: 'none' | 'ok' | 'expired' | 'unknown';
  /** Where the key the CLI uses now was found. */
  source: 'env' | 'keychain' | 'netrc' | null;
  /** The login (email) the CLI's store names, if any. */
  login: string | null;
  /** The account (of this app) the key belongs to, and the authorization it is, when known. */
  accountId: string | null;
  authorizationId: string | null;
  /** How the authorization was found: the app holds that very token, by Heroku's mask, or by asking Heroku. */
  match: 'held' | 'masked' | 'lookup' | null;
  expiresAt: string | null;
  /** The app keeps the login from before it changed it: Restore can put it back. */
  canRestore: boolean;
  /** The active account is an SSO account: its identity provider (name), else null. */
  sso: { identityProvider: string | null } | null;
  message: string | null;
}
