/**
 * The SecretStore on the OS keychain through @napi-rs/keyring (service `heroku-token-tray`):
 * macOS Keychain, Windows Credential Manager, or the Secret Service on Linux.
 *
 * On Linux the binding would silently fall back to the kernel keyring (keyutils) when no Secret
 * Service runs; that keyring forgets everything on reboot and its errors hide the real cause.
 * So entries are pinned to the Secret Service, and the kernel keyring is used only as an explicit,
 * reported fallback (status 'volatile'), or not at all (`linuxFallback: 'none'`).
 */
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { KeychainState } from '../../shared/contract.js';
import { SecretStoreError, type Logger, type SecretStore } from '../ports.js';
import { redact } from '../../shared/domain/redact.js';
import { defaultCollectionLocked } from './secret-service-lock.js';

export const KEYRING_SERVICE = 'heroku-token-tray';

/** The part of an @napi-rs/keyring entry this adapter uses (a fake in unit tests). */
export interface KeyringEntry {
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  deleteCredential(signal?: AbortSignal | null): Promise<boolean>;
}
export type KeyringEntryFactory = (service: string, username: string, options?: EntryOptions) => KeyringEntry;

export interface KeyringSecretStoreOptions {
  /** Keychain service name (default `heroku-token-tray`). */
  service?: string;
  platform?: NodeJS.Platform;
  /** Linux without a Secret Service: use the kernel keyring, reported 'volatile' (default), or refuse. */
  linuxFallback?: 'keyutils' | 'none';
  /** How long one keychain call may take, unlock prompt included (default 120 s). */
  timeoutMs?: number;
  /** Builds entries; defaults to @napi-rs/keyring's AsyncEntry. */
  entryFactory?: KeyringEntryFactory;
  /** Gets the native reason when no store can be used (the UI message stays short). */
  logger?: Logger;
  /** Asks the Secret Service whether its collection is locked (null: could not ask); injectable for tests. */
  collectionLocked?: () => Promise<boolean | null>;
}

type Backend =
  | { kind: 'native' | 'secret-service' | 'keyutils'; options: EntryOptions | undefined }
  | { kind: 'unavailable'; message: string };

const PROBE_KEY = 'status-probe';
const LOCKED_MESSAGE =
  'The system keychain is locked. Unlock it (log in again, or open your keyring manager) and try again.';
const VOLATILE_MESSAGE =
  'No Secret Service (GNOME Keyring, KWallet, KeePassXC) is running, so secrets are kept in the kernel keyring: they are not kept across restarts.';
const NO_SECRET_SERVICE =
  'The system keychain is not available: no Secret Service (GNOME Keyring, KWallet, KeePassXC) is running on this desktop.';

/** True when a native keychain error means "locked" rather than "missing or broken". */
export function isLockedError(message: string): boolean {
  return /locked|unlock prompt|prompt was dismissed|IsLocked|interaction (is )?not allowed|user canceled/i.test(message);
}

/** Turns a native keychain error into a SecretStoreError with a message a person can act on. */
export function toSecretStoreError(e: unknown): SecretStoreError {
  if (e instanceof SecretStoreError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && e.name === 'AbortError') {
    return new SecretStoreError('locked', 'The system keychain did not answer in time (is an unlock prompt waiting?).');
  }
  if (isLockedError(raw)) return new SecretStoreError('locked', LOCKED_MESSAGE);
  return new SecretStoreError('unavailable', `The system keychain could not be used: ${redact(raw)}`);
}

export class KeyringSecretStore implements SecretStore {
  private readonly service: string;
  private readonly platform: NodeJS.Platform;
  private readonly fallback: 'keyutils' | 'none';
  private readonly timeoutMs: number;
  private readonly entryFactory: KeyringEntryFactory;
  private readonly logger: Logger | undefined;
  private readonly collectionLocked: () => Promise<boolean | null>;
  private backend: Backend | null = null;
  private readonly warned = new Set<string>();

  constructor(options: KeyringSecretStoreOptions = {}) {
    this.service = options.service ?? KEYRING_SERVICE;
    this.platform = options.platform ?? process.platform;
    this.fallback = options.linuxFallback ?? 'keyutils';
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.entryFactory = options.entryFactory ?? ((s, u, o) => new AsyncEntry(s, u, o));
    this.logger = options.logger;
    this.collectionLocked = options.collectionLocked ?? (() => defaultCollectionLocked());
  }

  /** Reads a secret; null when absent; SecretStoreError when the keychain fails. */
  async get(key: string): Promise<string | null> {
    return this.run(key, (entry, signal) => entry.getPassword(signal));
  }

  /** Writes a secret; SecretStoreError when the keychain fails (nothing is written elsewhere). */
  async set(key: string, value: string): Promise<void> {
    await this.run(key, (entry, signal) => entry.setPassword(value, signal));
  }

  /** Deletes a secret; true when something was deleted. */
  async delete(key: string): Promise<boolean> {
    return this.run(key, (entry, signal) => entry.deleteCredential(signal));
  }

  /**
   * Ok, locked, unavailable, or volatile (kernel keyring), without writing anything: on the Secret
   * Service it asks whether the collection is locked; otherwise (or when that cannot be asked) it
   * reads an entry that does not exist, which fails the way real calls would.
   */
  async status(): Promise<{ state: KeychainState; message: string | null }> {
    const backend = await this.selectBackend();
    if (backend.kind === 'unavailable') return { state: 'unavailable', message: backend.message };
    if (backend.kind === 'keyutils') return { state: 'volatile', message: VOLATILE_MESSAGE };
    const locked = backend.kind === 'secret-service' ? await this.collectionLocked() : null;
    if (locked === true) return { state: 'locked', message: LOCKED_MESSAGE };
    if (locked === false) return { state: 'ok', message: null };
    try {
      await this.run(PROBE_KEY, (entry, signal) => entry.getPassword(signal));
    } catch (e) {
      const failure = toSecretStoreError(e);
      return { state: failure.state, message: failure.message };
    }
    return { state: 'ok', message: null };
  }

  /** Which store is in use, for diagnostics and tests. */
  async backendKind(): Promise<Backend['kind']> {
    return (await this.selectBackend()).kind;
  }

  private async run<T>(key: string, op: (entry: KeyringEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    const backend = await this.selectBackend();
    if (backend.kind === 'unavailable') throw new SecretStoreError('unavailable', backend.message);
    try {
      // A fresh entry per call: a cached one would outlive a restarted keyring daemon.
      const entry = this.entryFactory(this.service, key, backend.options);
      return await op(entry, AbortSignal.timeout(this.timeoutMs));
    } catch (e) {
      throw toSecretStoreError(e);
    }
  }

  /** Chooses the store once it works; while none does, asks again on every call. */
  private async selectBackend(): Promise<Backend> {
    if (this.backend && this.backend.kind !== 'unavailable') return this.backend;
    this.backend = await this.probeBackend();
    return this.backend;
  }

  private async probeBackend(): Promise<Backend> {
    if (this.platform !== 'linux') return { kind: 'native', options: undefined };
    const pinned: EntryOptions = { linux: { store: 'secret-service' } };
    try {
      // Constructing a pinned entry throws when no Secret Service answers on the session bus.
      this.entryFactory(this.service, PROBE_KEY, pinned);
      return { kind: 'secret-service', options: pinned };
    } catch (e) {
      this.warnOnce('no Secret Service on the session bus', e);
      if (this.fallback === 'none') return { kind: 'unavailable', message: NO_SECRET_SERVICE };
    }
    const kernel: EntryOptions = { linux: { store: 'keyutils' } };
    try {
      const entry = this.entryFactory(this.service, PROBE_KEY, kernel);
      await entry.setPassword('probe', AbortSignal.timeout(this.timeoutMs));
      await entry.deleteCredential(AbortSignal.timeout(this.timeoutMs));
      this.warnOnce('keeping secrets in the kernel keyring: they are lost on reboot', null);
      return { kind: 'keyutils', options: kernel };
    } catch (e) {
      this.warnOnce('the kernel keyring cannot be used either', e);
      return { kind: 'unavailable', message: `${NO_SECRET_SERVICE} The kernel keyring cannot be used either.` };
    }
  }

  /** The backend is probed again on every call while none works: say each thing once. */
  private warnOnce(message: string, e: unknown): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.logger?.warn(message, e ? { reason: e instanceof Error ? e.message : String(e) } : undefined);
  }
}
