/**
 * The small interfaces the services need from the outside world. Adapters in main/adapters
 * implement them with Electron and the OS; tests implement them in memory or with real parts.
 * No electron import here (lint-enforced).
 */
import type { AccountSource, ImportCandidate, ImportSourceId, KeychainState, Settings } from '../shared/contract.js';
import type { Result } from '../shared/result.js';
import type { TrayState } from '../shared/domain/tray-state.js';

/** Secrets (API keys, tokens) in the OS keychain, and nowhere else. */
export interface SecretStore {
  /** Reads a secret; null when absent. Throws SecretStoreError when the keychain fails. */
  get(key: string): Promise<string | null>;
  /** Writes a secret. Throws SecretStoreError when the keychain fails; nothing is written elsewhere. */
  set(key: string, value: string): Promise<void>;
  /** Deletes a secret; true when something was deleted. */
  delete(key: string): Promise<boolean>;
  /** Whether the keychain is usable, and if not, why in words. */
  status(): Promise<{ state: KeychainState; message: string | null }>;
}

export class SecretStoreError extends Error {
  constructor(
    readonly state: Exclude<KeychainState, 'ok' | 'volatile'>,
    message: string,
  ) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

/** Non-secret account metadata, kept in settings. */
export interface AccountRecord {
  id: string;
  email: string;
  name: string | null;
  source: AccountSource;
  addedAt: string;
  /** The API origin the key was checked against; it is never sent anywhere else. Absent = default. */
  origin?: string;
}

/** What was already notified: one entry per (authorization, threshold, lifetime). */
export interface NotifiedRecord {
  authorizationId: string;
  thresholdSeconds: number;
  expiresAt: string;
}

export interface PersistedState {
  settings: Settings;
  accounts: AccountRecord[];
  activeAccountId: string | null;
  /** Ids of authorizations whose token this app holds in the keychain (created or rotated), per account. */
  heldTokens: Record<string, string[]>;
  /** Ids of authorizations already seen, per account (for the "new login" alert). */
  seenAuthorizations: Record<string, string[]>;
  notified: NotifiedRecord[];
  /** When the app last ran its expiry check (ms since epoch), for catch-up after a restart. */
  lastCheckAt: number | null;
  /** Tokens the app leased and must revoke when each lease ends (issue 13). */
  leases: LeaseRecord[];
}

/** One lease: an authorization the app created for a while, and when the app revokes it. */
export interface LeaseRecord {
  accountId: string;
  authorizationId: string;
  /** When the lease ends (ms since epoch). */
  endsAt: number;
  /** When it was leased (ms since epoch). */
  createdAt: number;
  scopes: string[];
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** First-run settings; lives beside PersistedState so settings adapters fill gaps without importing services. */
export const DEFAULT_SETTINGS: Settings = {
  thresholdsSeconds: [7 * DAY, DAY, HOUR, 0],
  refreshIntervalMinutes: 5,
  clipboardClearSeconds: 30,
  launchAtLogin: false,
  notifyNewAuthorizations: true,
};

/** A fresh persisted state (first run). */
export function defaultState(): PersistedState {
  return {
    settings: { ...DEFAULT_SETTINGS, thresholdsSeconds: [...DEFAULT_SETTINGS.thresholdsSeconds] },
    accounts: [],
    activeAccountId: null,
    heldTokens: {},
    seenAuthorizations: {},
    notified: [],
    lastCheckAt: null,
    leases: [],
  };
}

/** Non-secret persistent state (conf, electron-store's engine: one JSON file in the app's data folder). */
export interface SettingsStore {
  /** Reads the whole persisted state (defaults filled in). */
  read(): PersistedState;
  /** Applies a change and persists it. */
  update(mutate: (state: PersistedState) => PersistedState): PersistedState;
  /** A message for the user when the file was corrupt and was moved aside; null otherwise. */
  recoveryNotice(): string | null;
  /** Writes what is not written yet, now (a store that writes behind; on quit). */
  flush?(): void;
}

export interface TimerHandle {
  cancel(): void;
}

/** Wall clock and timers; tests move it by hand. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls fn after ms; the handle cancels it. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

export interface NotificationSpec {
  /** Stable key, e.g. `${authorizationId}:${threshold}` or 'catch-up'. */
  key: string;
  title: string;
  body: string;
  /** Offer "Rotate now" ("Renew" for the Heroku CLI's login, "Replace now" for a token something uses) where the platform has actions. */
  actions: Array<{ id: 'rotate' | 'renew' | 'replace'; label: string }>;
  /** The token this is about, so a click opens the popover on it. */
  target: { accountId: string; authorizationId: string } | null;
  urgency: 'normal' | 'critical';
}

/** OS notifications. */
export interface Notifier {
  /** Whether notifications can be shown at all on this system. */
  isSupported(): boolean;
  /**
   * Shows a notification; clicks and actions come back through the handlers given at creation.
   * Resolves once the OS said whether it showed it (Electron's 'show' or 'failed'); a notifier
   * that cannot tell returns nothing and is trusted.
   */
  show(spec: NotificationSpec): Promise<NotificationOutcome> | void;
}

/** What the OS did with a notification: shown, or refused (unsigned macOS build, no daemon, ...). */
export type NotificationOutcome = { shown: true } | { shown: false; reason: string };

/** Where an existing Heroku API key can be imported from (the Heroku CLI's stores). */
export interface KeyImporter {
  /** Each source, named for the UI, with whether a key is there. Never returns the key. */
  candidates(): Promise<ImportCandidate[]>;
  /** Reads the key from one source (never modifying it). */
  read(source: ImportSourceId): Promise<Result<string>>;
}

/** The system clipboard (text only). */
export interface Clipboard {
  /** Writes text to the clipboard. */
  writeText(text: string): Promise<void>;
  /** Reads the clipboard's text. */
  readText(): Promise<string>;
  /** Clears the clipboard. */
  clear(): Promise<void>;
}

/** What the tray shows; computed by shared/domain/tray-state.ts. */
export type { TrayLevel, TrayState } from '../shared/domain/tray-state.js';

/** The tray icon, tooltip and context menu. */
export interface TrayView {
  /** Renders a new state (icon, tooltip, menu). */
  render(state: TrayState): void;
}

/** Logger for main; every implementation redacts token-shaped strings. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export type PowerEvent = 'resume' | 'unlock' | 'clock-jump';

/** OS power and session events (Electron powerMonitor in the app): wake, unlock, wall-clock change. */
export interface PowerEvents {
  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: PowerEvent, listener: () => void): () => void;
}

/** Whether the network is reachable, and changes of it. */
export interface Connectivity {
  /** True when the system believes it is online. */
  isOnline(): boolean;
  /** Subscribes to online/offline changes; returns the unsubscribe function. */
  onChange(listener: (online: boolean) => void): () => void;
}

/** Where the Heroku CLI keeps its login on this machine, as the CLI itself decides. */
export interface CliLoginLocation {
  /** The store `heroku login` writes: the CLI's keychain entry, or ~/.netrc. */
  store: 'keychain' | 'netrc';
  /** That store, named for the UI. */
  label: string;
  /** HEROKU_API_KEY is set for this app: it overrides the file and keychain for every command. */
  envOverride: boolean;
}

/** The Heroku CLI's login: read it, and (on an explicit action only) write it the way the CLI does. */
export interface CliLoginStore {
  /** Where the login lives and whether HEROKU_API_KEY overrides it. */
  location(): Promise<CliLoginLocation>;
  /** The key the CLI uses now, by the CLI's own precedence (env, keychain, netrc); ok(null) = none. */
  current(): Promise<Result<{ source: 'env' | 'keychain' | 'netrc'; login: string | null; key: string } | null>>;
  /** Everything install(login, …) would change, as opaque text holding secrets (keep it in the keychain only). */
  snapshot(login: string): Promise<Result<string>>;
  /** Installs a token as the CLI's login for `login`, keeping every other line of its files. */
  install(login: string, token: string): Promise<Result<{ store: 'keychain' | 'netrc' }>>;
  /** Puts back what a snapshot holds, byte for byte. */
  restore(snapshot: string): Promise<Result<void>>;
}

// ---------------------------------------------------------------------------------------------
// Consumers (where tokens are used) and Replace

/** A local text file could not be used; `code` says how (the message names the path, never content). */
export class ConsumerFileError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_readable' | 'not_writable' | 'too_large' | 'not_a_file',
    message: string,
  ) {
    super(message);
    this.name = 'ConsumerFileError';
  }
}

/** Text files the user added (.env, shell profiles). Their content is secret: callers drop it. */
export interface ConsumerFiles {
  /** Reads the whole text; throws ConsumerFileError. */
  read(path: string): Promise<string>;
  /** Replaces the text atomically (temp file + rename), keeping the file's mode; throws ConsumerFileError. */
  write(path: string, text: string): Promise<void>;
  /** Calls onChange (debounced) when the file changes; returns the unsubscribe. */
  watch(path: string, onChange: () => void): () => void;
}

/** Persisted consumer records and replace runs (no secrets). */
export interface ConsumerState {
  /** Local files the user added, absolute paths. */
  files: string[];
  /** What the last scans found, every account. */
  consumers: import('../shared/domain/consumers.js').Consumer[];
  /** Per account: when the last scan finished (ISO). */
  scannedAt: Record<string, string>;
  /** Per account: apps the last scan read (for the cost shown before the next one). */
  appCounts?: Record<string, number>;
  /** Replace runs, newest last (kept until the user dismisses them). */
  operations: import('../shared/domain/replace.js').ReplaceOperation[];
}

/** Where ConsumerState lives (a JSON file in the app's data folder; memory in tests). */
export interface ConsumerStore {
  /** The whole state. */
  read(): ConsumerState;
  /** Applies a change and persists it before returning. */
  update(mutate: (state: ConsumerState) => ConsumerState): ConsumerState;
}
