/** The demo account (first cut; the full seed covers every case the UI must show). */
import { randomUUID } from 'node:crypto';

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
}

export interface EmuAccount {
  id: string;
  email: string;
  name: string;
  authorizations: EmuAuthorization[];
}

export const hrku = (): string => `HRKU-${randomUUID()}`;

/** Seeds the demo account; the first authorization's token is the sign-in key. */
export function demoSeed(now: number, apiKey: string): EmuAccount {
  const H = 3600_000;
  const mk = (description: string, scope: string[], expiresInMs: number | null, token = hrku()): EmuAuthorization => ({
    id: randomUUID(),
    description,
    scope,
    token,
    expiresAt: expiresInMs === null ? null : now + expiresInMs,
    createdAt: now - 30 * 24 * H,
    updatedAt: now - 30 * 24 * H,
    clientId: null,
    revoked: false,
  });
  return {
    id: randomUUID(),
    email: 'demo@example.com',
    name: 'Demo User',
    authorizations: [
      mk('Token Tray demo key', ['global'], null, apiKey),
      mk('CI deploy key', ['write'], 30 * 60_000),
      mk('Staging scripts', ['read', 'write'], 20 * H),
    ],
  };
}
