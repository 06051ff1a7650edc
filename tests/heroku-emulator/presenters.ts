/** JSON shapes exactly as Heroku's schema (oauth-authorization, account, rate-limit) and its error bodies. */
import type { EmuAccount, EmuAuthorization } from './seed.js';

/** ISO 8601 without milliseconds, as Heroku writes date-times ("2012-01-01T12:00:00Z"). */
export const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Redaction mode's mask: the `HRKU-` prefix (when present), eight asterisks, the last four
 * characters. A bare UUID token becomes `********` + last four.
 */
export function maskToken(token: string): string {
  const prefix = token.startsWith('HRKU-') ? 'HRKU-' : '';
  return `${prefix}********${token.slice(-4)}`;
}

/** Seconds until expiry on the emulator clock (0 once expired), or null = never. */
export function expiresIn(a: EmuAuthorization, now: number): number | null {
  if (a.expiresAt === null) return null;
  return Math.max(0, Math.floor((a.expiresAt - now) / 1000));
}

export interface PresentOpts {
  now: number;
  /** Mask token values (redaction mode on list/info/update/delete answers). */
  redact: boolean;
}

/** An authorization as `GET /oauth/authorizations/{id}` returns it. */
export function presentAuthorization(a: EmuAuthorization, account: EmuAccount, o: PresentOpts) {
  const client = a.client ?? (a.clientId ? { id: a.clientId, name: 'OAuth client', redirectUri: 'https://example.com/auth/heroku/callback' } : null);
  const show = (t: string) => (o.redact ? maskToken(t) : t);
  return {
    access_token: { expires_in: expiresIn(a, o.now), id: a.tokenId ?? a.id, token: show(a.token) },
    client: client ? { id: client.id, name: client.name, redirect_uri: client.redirectUri } : null,
    created_at: iso(a.createdAt),
    description: a.description,
    grant: null,
    id: a.id,
    refresh_token: a.refreshToken ? { expires_in: null, id: a.refreshToken.id, token: show(a.refreshToken.token) } : null,
    scope: [...a.scope],
    session: a.sessionId ? { id: a.sessionId } : null,
    updated_at: iso(a.updatedAt),
    user: { id: account.id, email: account.email, full_name: account.name },
  };
}

/**
 * The account as `GET /account` returns it (every property of the schema, nullable ones null). Its
 * times are the ones Store.addAccount fixed (the only place their defaults are set).
 */
export function presentAccount(account: EmuAccount) {
  const created = account.createdAt;
  const lastLogin = account.lastLoginAt;
  if (created === undefined || lastLogin === undefined) throw new Error(`account ${account.id} was not added through Store.addAccount`);
  return {
    allow_tracking: true,
    beta: false,
    country_of_residence: null,
    created_at: iso(created),
    default_organization: null,
    default_team: null,
    delinquent_at: null,
    email: account.email,
    federated: Boolean(account.identityProvider),
    id: account.id,
    identity_provider: account.identityProvider
      ? {
          id: account.identityProvider.id,
          name: account.identityProvider.name,
          team: { name: account.identityProvider.owner.name },
          organization: { name: account.identityProvider.owner.name },
          owner: account.identityProvider.owner,
        }
      : null,
    last_login: iso(lastLogin),
    name: account.name,
    sms_number: null,
    suspended_at: null,
    two_factor_authentication: true,
    updated_at: iso(created),
    verified: true,
  };
}

/** Heroku's error ids and messages per status, used when a fault names only a status. */
const ERRORS: Record<number, [string, string]> = {
  400: ['bad_request', 'Invalid request.'],
  401: ['unauthorized', 'Invalid credentials provided.'],
  402: ['delinquent', 'This account is delinquent.'],
  403: ['forbidden', 'You do not have access to this resource.'],
  404: ['not_found', 'The requested API endpoint was not found.'],
  406: ['not_acceptable', "Please specify a version along with Heroku's API MIME type. For example, `Accept: application/vnd.heroku+json; version=3`."],
  409: ['conflict', 'The request conflicts with the current state of the resource.'],
  416: ['requested_range_not_satisfiable', 'The Range header is not valid.'],
  422: ['invalid_params', 'The request parameters are invalid.'],
  429: ['rate_limit', 'Your account reached the API rate limit\nPlease wait a few minutes before making new requests'],
  500: ['internal_server_error', 'Internal server error.'],
  502: ['bad_gateway', 'Bad gateway.'],
  503: ['service_unavailable', 'Heroku API is temporarily unavailable. Please try again later.'],
  504: ['gateway_timeout', 'The request timed out.'],
};

/** A Heroku error body `{id, message}` for a status, with optional overrides. */
export function errorBody(status: number, id?: string, message?: string): { id: string; message: string } {
  const [defId, defMessage] = ERRORS[status] ?? (status >= 500 ? ERRORS[500]! : ERRORS[400]!);
  return { id: id ?? defId, message: message ?? defMessage };
}
