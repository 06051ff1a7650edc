/** In-memory ports for the expiry watcher's tests: snapshots, power events, notifier, tray, store. */
import type { AuthorizationsSnapshot, AuthorizationView } from '../../shared/domain/authorization.js';
import type {
  NotificationSpec,
  Notifier,
  PersistedState,
  PowerEvent,
  PowerEvents,
  SettingsStore,
  TrayState,
  TrayView,
} from '../../main/ports.js';
import { defaultState } from '../../main/ports.js';
import type { SnapshotSource } from '../../main/services/expiry-watcher.js';
import { authorizationView } from './authorization-view.js';

/** A SettingsStore that hands out its state without copying (fast enough for 1,000s of runs). */
export class PlainStore implements SettingsStore {
  state: PersistedState;
  constructor(initial: Partial<PersistedState> = {}) {
    this.state = { ...defaultState(), ...initial };
  }
  read(): PersistedState {
    return this.state;
  }
  update(mutate: (state: PersistedState) => PersistedState): PersistedState {
    this.state = mutate(this.state);
    return this.state;
  }
  recoveryNotice(): string | null {
    return null;
  }
}

/** Stands in for AuthorizationService: the test publishes snapshots by hand. */
export class FakeSource implements SnapshotSource {
  private readonly snaps = new Map<string, AuthorizationsSnapshot>();
  private readonly listeners = new Set<(s: AuthorizationsSnapshot) => void>();

  onChanged(listener: (s: AuthorizationsSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cached(accountId: string): AuthorizationsSnapshot | null {
    return this.snaps.get(accountId) ?? null;
  }

  /** Publishes a successful list for an account, received at `at`. */
  publish(accountId: string, items: AuthorizationView[], at: number, lastError: AuthorizationsSnapshot['lastError'] = null): void {
    const snap: AuthorizationsSnapshot = { accountId, items, fetchedAt: new Date(at).toISOString(), lastError };
    this.snaps.set(accountId, snap);
    for (const l of this.listeners) l(snap);
  }
}

export class FakePower implements PowerEvents {
  private readonly listeners = new Map<PowerEvent, Set<() => void>>();
  on(event: PowerEvent, listener: () => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }
  emit(event: PowerEvent): void {
    for (const l of this.listeners.get(event) ?? []) l();
  }
}

export class RecordingNotifier implements Notifier {
  shown: NotificationSpec[] = [];
  constructor(public supported = true) {}
  isSupported(): boolean {
    return this.supported;
  }
  show(spec: NotificationSpec): void {
    this.shown.push(spec);
  }
}

export class RecordingTray implements TrayView {
  states: TrayState[] = [];
  render(state: TrayState): void {
    this.states.push(state);
  }
  get last(): TrayState | undefined {
    return this.states.at(-1);
  }
}

/** A view of an authorization, as AuthorizationService would publish it. */
export function view(id: string, accountId: string, description: string, expiresAtMs: number | null): AuthorizationView {
  const expiresAt = expiresAtMs === null ? null : new Date(expiresAtMs).toISOString();
  return authorizationView({ id, accountId, description, expiresAt, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' });
}

export const ACCOUNTS = [
  { id: 'acct-1', email: 'ada@example.com', active: true },
  { id: 'acct-2', email: 'bob@example.com', active: false },
];
