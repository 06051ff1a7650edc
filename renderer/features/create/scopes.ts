/** What each OAuth scope lets a token do, in one line (from Heroku's OAuth scope documentation). */
import type { Scope } from '../../../shared/domain/authorization.js';

export const SCOPE_HELP: Record<Scope, string> = {
  global: 'Full access to everything your account can do.',
  identity: 'Read your account’s email and name, nothing else.',
  read: 'Read apps and add-ons, but not their config vars.',
  write: 'Change apps and add-ons, but not their config vars.',
  'read-protected': 'Read apps including config vars (secrets).',
  'write-protected': 'Change apps including config vars (secrets).',
};

export const SCOPE_ORDER: Scope[] = ['read', 'write', 'identity', 'read-protected', 'write-protected', 'global'];

const H = 3600;
const D = 24 * H;

export interface ExpiryPreset {
  id: string;
  label: string;
  /** Seconds, null = never expires, 'custom' = ask. */
  seconds: number | null | 'custom';
}

export const EXPIRY_PRESETS: ExpiryPreset[] = [
  { id: '1h', label: '1 hour', seconds: H },
  { id: '1d', label: '1 day', seconds: D },
  { id: '7d', label: '7 days', seconds: 7 * D },
  { id: '30d', label: '30 days', seconds: 30 * D },
  { id: '1y', label: '1 year', seconds: 365 * D },
  { id: 'never', label: 'Never', seconds: null },
  { id: 'custom', label: 'Custom', seconds: 'custom' },
];

export const CUSTOM_UNITS = [
  { id: 'minutes', label: 'minutes', seconds: 60 },
  { id: 'hours', label: 'hours', seconds: H },
  { id: 'days', label: 'days', seconds: D },
] as const;

export const MIN_EXPIRES_IN = 60;
export const MAX_EXPIRES_IN = 10 * 365 * D;
