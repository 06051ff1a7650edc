/** The emulator's data model and seeds: the demo account (every case the UI must show) and bulk data. */
import { randomUUID } from 'node:crypto';

/** A registered OAuth client (third-party app) that can own authorizations. */
export interface EmuClient {
  id: string;
  name: string;
  redirectUri: string;
  secret: string;
}

export interface EmuAuthorization {
  id: string;
  description: string;
  scope: string[];
  token: string;
  /** Absolute expiry on the emulator's clock (ms), or null = never. */
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  clientId: string | null;
  revoked: boolean;
  /** The id of the current access token (changes on regenerate); defaults to `id`. */
  tokenId?: string;
  /** Lifetime a regenerated token gets (ms), or null = never expires; defaults to null. */
  lifetimeMs?: number | null;
  /** The owning OAuth client's details, when `clientId` is set. */
  client?: EmuClient | null;
  /** Refresh token (OAuth-client authorizations only). */
  refreshToken?: { id: string; token: string } | null;
  /** Session id (the CLI's browser login has one). */
  sessionId?: string | null;
}

export interface EmuAccount {
  id: string;
  email: string;
  name: string;
  authorizations: EmuAuthorization[];
  /** When the account was created (emulator clock ms); defaults to a year before it was added to the emulator. */
  createdAt?: number;
  /** Its last login (emulator clock ms), as `GET /account` shows it; defaults to an hour before it was added. */
  lastLoginAt?: number;
  /** An SSO (federated) account: its identity provider; Heroku refuses it new authorizations. */
  identityProvider?: EmuIdentityProvider | null;
}

/** The identity provider of a federated account, as `GET /account` shows it. */
export interface EmuIdentityProvider {
  id: string;
  name: string;
  owner: { id: string; name: string; type: 'team' | 'enterprise-account' };
}

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

export const hrku = (): string => `HRKU-${randomUUID()}`;

/** The OAuth client that owns one demo authorization. */
export const demoClient = (): EmuClient => ({
  id: randomUUID(),
  name: 'Deploy Dashboard',
  redirectUri: 'https://deploy-dashboard.example.com/auth/heroku/callback',
  secret: randomUUID(),
});

interface MkOpts {
  expiresInMs?: number | null;
  lifetimeMs?: number | null;
  ageMs?: number;
  token?: string;
  client?: EmuClient;
  sessionId?: string;
}

/** Builds one authorization relative to `now`; lifetime defaults to the remaining time. */
export function makeAuthorization(now: number, description: string, scope: string[], o: MkOpts = {}): EmuAuthorization {
  const expiresInMs = o.expiresInMs ?? null;
  const created = now - (o.ageMs ?? 30 * D);
  return {
    id: randomUUID(),
    description,
    scope,
    token: o.token ?? hrku(),
    expiresAt: expiresInMs === null ? null : now + expiresInMs,
    createdAt: created,
    updatedAt: created,
    clientId: o.client?.id ?? null,
    revoked: false,
    tokenId: randomUUID(),
    lifetimeMs: o.lifetimeMs === undefined ? (expiresInMs === null ? null : Math.max(expiresInMs, H)) : o.lifetimeMs,
    client: o.client ?? null,
    refreshToken: o.client ? { id: randomUUID(), token: randomUUID() } : null,
    sessionId: o.sessionId ?? null,
  };
}

/**
 * Seeds the demo account; the first authorization's token is the sign-in key (global scope,
 * never expires). The rest cover every row the UI must render.
 */
export function demoSeed(now: number, apiKey: string): EmuAccount {
  const client = demoClient();
  const mk = (d: string, s: string[], o: MkOpts = {}) => makeAuthorization(now, d, s, o);
  return {
    id: randomUUID(),
    email: 'demo@example.com',
    name: 'Demo User',
    createdAt: now - 400 * D,
    authorizations: [
      mk('Token Tray demo key', ['global'], { token: apiKey, ageMs: 2 * D }),
      mk('GitHub Actions deploy (expires soon)', ['write'], { expiresInMs: 30 * MIN, lifetimeMs: 8 * H, ageMs: 7.5 * H }),
      mk('Staging smoke tests', ['read', 'write'], { expiresInMs: 20 * H, lifetimeMs: D, ageMs: 4 * H }),
      mk('Metrics exporter (read-only)', ['read'], { expiresInMs: 3 * D, lifetimeMs: 7 * D, ageMs: 4 * D }),
      mk('Release bot', ['write-protected'], { expiresInMs: 20 * D, lifetimeMs: 30 * D, ageMs: 10 * D }),
      mk('Old laptop backup script', ['read-protected'], { expiresInMs: -2 * D, lifetimeMs: 30 * D, ageMs: 32 * D }),
      mk('Heroku CLI login from dev-laptop.local', ['global'], { expiresInMs: 340 * D, lifetimeMs: 365 * D, ageMs: 25 * D, sessionId: randomUUID() }),
      mk(`${client.name} (OAuth app)`, ['read', 'identity'], { expiresInMs: 8 * H, lifetimeMs: 8 * H, ageMs: 90 * D, client }),
      mk('Production hotfix key (no expiry)', ['global'], { ageMs: 200 * D }),
      mk('Legacy Jenkins integration', ['global'], { token: randomUUID(), ageMs: 3 * 365 * D }),
      mk('Read-only dashboards', ['identity', 'read'], { ageMs: 60 * D }),
    ],
  };
}

/**
 * A federated (SSO) demo account: its key is the CLI's SSO login, which lasts 8 hours, and
 * Heroku refuses it new authorizations (403 forbidden, see routes.ts).
 */
export function federatedSeed(now: number, apiKey: string): EmuAccount {
  const mk = (d: string, s: string[], o: MkOpts = {}) => makeAuthorization(now, d, s, o);
  return {
    id: randomUUID(),
    email: 'sso-user@acme.example',
    name: 'SSO User',
    createdAt: now - 200 * D,
    identityProvider: { id: randomUUID(), name: 'acme-sso', owner: { id: randomUUID(), name: 'acme', type: 'team' } },
    authorizations: [
      mk('Heroku CLI login from sso-laptop.local', ['global'], { token: apiKey, expiresInMs: 6 * H, lifetimeMs: 8 * H, ageMs: 2 * H, sessionId: randomUUID() }),
    ],
  };
}

/** An account holding only its sign-in key (global scope, never expires). */
export function emptySeed(now: number, apiKey: string, email = 'empty@example.com'): EmuAccount {
  return {
    id: randomUUID(),
    email,
    name: 'Empty Account',
    createdAt: now - 30 * D,
    authorizations: [makeAuthorization(now, 'Token Tray sign-in key', ['global'], { token: apiKey, ageMs: D })],
  };
}

const BULK_SCOPES = [['global'], ['read'], ['write'], ['read', 'write'], ['identity'], ['read-protected']];
const BULK_EXPIRY = [null, 30 * MIN, 20 * H, 3 * D, 20 * D, null, 90 * D];

/** `count` varied authorizations, for pagination tests and benches. */
export function bulkAuthorizations(now: number, count: number, startIndex = 0): EmuAuthorization[] {
  const out: EmuAuthorization[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const n = startIndex + i + 1;
    const expiresInMs = BULK_EXPIRY[n % BULK_EXPIRY.length] ?? null;
    out[i] = makeAuthorization(now, `Bulk token #${n}`, BULK_SCOPES[n % BULK_SCOPES.length] ?? ['read'], {
      expiresInMs,
      ageMs: (n % 50) * D + MIN,
    });
  }
  return out;
}
