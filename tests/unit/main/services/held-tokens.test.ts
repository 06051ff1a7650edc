/** HeldTokens: the app's own tokens, secret in the SecretStore, ids in settings; a failing keychain loses no id. */
import { describe, expect, it } from 'vitest';
import { SecretStoreError } from '../../../../main/ports.js';
import { HeldTokens } from '../../../../main/services/held-tokens.js';
import { tokenKey } from '../../../../main/services/secret-keys.js';
import { MemorySecretStore } from '../../../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../../../main/adapters/memory-settings-store.js';
import { RecordingLogger } from '../../../support/fakes.js';

function setup() {
  const secrets = new MemorySecretStore();
  const store = new MemorySettingsStore();
  const logger = new RecordingLogger();
  return { secrets, store, logger, held: new HeldTokens(secrets, store, logger) };
}

describe('HeldTokens', () => {
  it('keeps a token in the secret store and only its id in settings, then reads it back', async () => {
    const { secrets, store, held } = setup();
    await held.keep('acc', 'a1', 'HRKU-test-only-token-0001');
    await held.keep('acc', 'a1', 'HRKU-test-only-token-0001');
    expect(await secrets.get(tokenKey('acc', 'a1'))).toBe('HRKU-test-only-token-0001');
    expect(store.read().heldTokens).toEqual({ acc: ['a1'] });
    expect(JSON.stringify(store.read())).not.toContain('HRKU-test-only-token-0001');
    expect([...held.ids('acc')]).toEqual(['a1']);
    expect(await held.read('acc', 'a1')).toEqual({ ok: true, value: 'HRKU-test-only-token-0001' });
  });

  it('answers token_not_held for an id it does not hold, even if a stray secret exists', async () => {
    const { secrets, held } = setup();
    await secrets.set(tokenKey('acc', 'stray'), 'HRKU-test-only-token-0002');
    const r = await held.read('acc', 'stray');
    expect(r.ok ? null : r.error.code).toBe('token_not_held');
  });

  it('drops the secret and the id; a keychain that cannot delete keeps the id for a later retry', async () => {
    const { secrets, store, logger, held } = setup();
    await held.keep('acc', 'a1', 'HRKU-test-only-token-0003');
    class CannotDelete extends MemorySecretStore {
      override async delete(): Promise<boolean> {
        throw new SecretStoreError('locked', 'The keychain is locked.');
      }
    }
    await new HeldTokens(new CannotDelete(), store, logger).drop('acc', 'a1');
    expect(store.read().heldTokens).toEqual({ acc: ['a1'] });
    expect(logger.lines.some((l) => l.includes('will retry'))).toBe(true);
    await held.drop('acc', 'a1');
    expect(store.read().heldTokens).toEqual({ acc: [] });
    expect(await secrets.get(tokenKey('acc', 'a1'))).toBeNull();
  });

  it('reports a keychain read failure as such', async () => {
    const { store, logger } = setup();
    class Locked extends MemorySecretStore {
      override async get(): Promise<string | null> {
        throw new SecretStoreError('locked', 'The keychain is locked.');
      }
    }
    const held = new HeldTokens(new Locked(), store, logger);
    store.update((s) => ({ ...s, heldTokens: { acc: ['a1'] } }));
    const r = await held.read('acc', 'a1');
    expect(r.ok ? null : r.error.code).toBe('keychain_locked');
  });

  it('marks its own tokens seen once the account has a seen list', () => {
    const { store, held } = setup();
    held.markSeen('acc', 'a1');
    expect(store.read().seenAuthorizations).toEqual({});
    store.update((s) => ({ ...s, seenAuthorizations: { acc: ['x'] } }));
    held.markSeen('acc', 'a1');
    held.markSeen('acc', 'a1');
    expect(store.read().seenAuthorizations).toEqual({ acc: ['x', 'a1'] });
  });
});
