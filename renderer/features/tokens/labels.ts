/** Words for a row's hygiene badges. */
import type { HygieneFlag } from '../../../shared/domain/authorization.js';

export const HYGIENE_TEXT: Record<HygieneFlag, { label: string; help: string }> = {
  'global-never-expires': { label: 'Global, no expiry', help: 'Full access forever: prefer a narrower scope and an expiry.' },
  'legacy-uuid-token': { label: 'Never rotated', help: 'A bare-UUID token that was never regenerated: rotate it.' },
  stale: { label: 'Untouched 1 year+', help: 'Not updated for over a year: still needed? Revoke it if not.' },
};
