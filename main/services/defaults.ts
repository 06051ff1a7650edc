/** Defaults for persisted state; the settings adapter fills gaps with these. */
import type { Settings } from '../../shared/contract.js';
import type { PersistedState } from '../ports.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

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
  };
}
