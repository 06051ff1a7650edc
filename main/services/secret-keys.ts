/** Names of keychain entries (service `heroku-token-tray`). Values are secrets; names are not. */

/** The API key an account signed in with. */
export const accountKey = (accountId: string): string => `account:${accountId}`;

/** A token this app created or rotated, under its account. */
export const tokenKey = (accountId: string, authorizationId: string): string => `token:${accountId}:${authorizationId}`;

/** The Heroku CLI's login from before the app changed it (Restore puts it back). */
export const CLI_PREVIOUS_LOGIN_KEY = 'cli-login:previous';
