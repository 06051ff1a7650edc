/** An expiry warning for a token something uses names its consumers and offers Replace now. */
import { describe, expect, it } from 'vitest';
import { expiryNotification, type DueWarning } from '../../../../main/services/notification-texts.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const warning = (usedBy?: string | null): DueWarning => ({
  accountId: 'acc',
  email: 'me@example.com',
  item: { id: 'auth-1', description: 'Backup job key', tokenLast4: 'ab12' },
  expiresAtMs: NOW + 86400_000,
  thresholdSeconds: 86400,
  usedBy,
});

describe('expiry notification and consumers', () => {
  it('names the consumers and offers Replace now (not Rotate, which would break them)', () => {
    const spec = expiryNotification(warning('app backup-worker'), NOW, { locale: 'en-US', timeZone: 'UTC' });
    expect(spec.body).toContain('used by app backup-worker');
    expect(spec.actions).toEqual([{ id: 'replace', label: 'Replace now' }]);
    expect(spec.target).toEqual({ accountId: 'acc', authorizationId: 'auth-1' });
  });
  it('without consumers it stays as before: Rotate now', () => {
    const spec = expiryNotification(warning(null), NOW, { locale: 'en-US', timeZone: 'UTC' });
    expect(spec.body).not.toContain('used by');
    expect(spec.actions).toEqual([{ id: 'rotate', label: 'Rotate now' }]);
  });
});
