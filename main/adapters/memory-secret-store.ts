/**
 * A SecretStore that keeps secrets in process memory only: nothing survives a restart, and
 * status() says so ('volatile'). Used by the browser preview unless it is asked for the keychain.
 */
import type { KeychainState } from '../../shared/contract.js';
import type { SecretStore } from '../ports.js';

export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.map.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.map.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.map.delete(key);
  }

  async status(): Promise<{ state: KeychainState; message: string | null }> {
    return { state: 'volatile', message: 'Secrets are kept in memory only and are lost when the app quits.' };
  }
}
