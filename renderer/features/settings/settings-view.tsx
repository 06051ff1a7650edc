/** Settings: warning thresholds, refresh interval, clipboard clear delay, launch at login, the shortcut, accounts. */
import { useEffect, useState } from 'react';
import type { AccountView, AppInfo, Settings, ShortcutStatus } from '../../../shared/contract.js';
import { call } from '../../api.js';
import { AccountsSection } from './accounts-section.js';
import { ShortcutField } from './shortcut-field.js';
import { Icon } from '../common/icons.js';

const H = 3600;
const D = 24 * H;
export const THRESHOLD_OPTIONS = [
  { seconds: 30 * D, label: '30 days before' },
  { seconds: 7 * D, label: '7 days before' },
  { seconds: 3 * D, label: '3 days before' },
  { seconds: D, label: '1 day before' },
  { seconds: 6 * H, label: '6 hours before' },
  { seconds: H, label: '1 hour before' },
  { seconds: 0, label: 'When it expires' },
];
const REFRESH_OPTIONS = [1, 5, 15, 30, 60];

export interface SettingsViewProps {
  settings: Settings;
  accounts: AccountView[];
  info?: AppInfo | null;
  /** The global shortcut's state (Electron only). */
  shortcut?: ShortcutStatus | null;
  onChange(s: Settings): void;
  onAddAccount(): void;
  onAccountsChanged(): void;
  onClose(): void;
}

function ThresholdsField({ selected, onToggle }: { selected: number[]; onToggle(seconds: number): void }) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Warn me</legend>
      <div className="threshold-grid">
        {THRESHOLD_OPTIONS.map((o) => (
          <label key={o.seconds} className="check-row compact">
            <input type="checkbox" checked={selected.includes(o.seconds)} onChange={() => onToggle(o.seconds)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The settings form; each change is saved at once. */
export function SettingsView(p: SettingsViewProps) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [clipboard, setClipboard] = useState(String(p.settings.clipboardClearSeconds));

  // Shown at once (optimistic), put back if main refuses the change.
  const [settings, setSettings] = useState(p.settings);
  useEffect(() => setSettings(p.settings), [p.settings]);

  const save = async (patch: Partial<Settings>) => {
    setError(null);
    setSaved('');
    setSettings((cur) => ({ ...cur, ...patch }));
    const r = await call('settings:update', patch);
    if (!r.ok) {
      setSettings(p.settings);
      return setError(r.error.message);
    }
    p.onChange(r.value);
    setSaved('Saved.');
  };

  const toggleThreshold = (seconds: number) => {
    const cur = settings.thresholdsSeconds;
    const next = cur.includes(seconds) ? cur.filter((s) => s !== seconds) : [...cur, seconds].sort((a, b) => b - a);
    if (next.length === 0) return setError('Keep at least one warning.');
    void save({ thresholdsSeconds: next });
  };

  const saveClipboard = () => {
    const n = Number(clipboard);
    if (!Number.isInteger(n) || n < 5 || n > 600) return setError('Clear the clipboard after 5 to 600 seconds.');
    if (n !== settings.clipboardClearSeconds) void save({ clipboardClearSeconds: n });
  };

  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="view-head">
        <button type="button" className="icon-btn" aria-label="Back to tokens" onClick={p.onClose}>
          <Icon name="back" />
        </button>
        <h2 id="settings-title">Settings</h2>
        <span className="saved" role="status">
          {saved}
        </span>
      </div>
      <div className="form-scroll">
        <ThresholdsField selected={settings.thresholdsSeconds} onToggle={toggleThreshold} />
        <div className="field-row">
          <label htmlFor="refresh-interval" className="field-label">
            Refresh every
          </label>
          <select
            id="refresh-interval"
            className="select"
            value={settings.refreshIntervalMinutes}
            onChange={(e) => void save({ refreshIntervalMinutes: Number(e.target.value) })}
          >
            {[...new Set([...REFRESH_OPTIONS, settings.refreshIntervalMinutes])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={m}>
                {m === 1 ? '1 minute' : `${m} minutes`}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <label htmlFor="clipboard-clear" className="field-label">
            Clear copied tokens after (seconds)
          </label>
          <input
            id="clipboard-clear"
            className="input input-narrow"
            type="number"
            min={5}
            max={600}
            value={clipboard}
            onChange={(e) => setClipboard(e.target.value)}
            onBlur={saveClipboard}
            onKeyDown={(e) => e.key === 'Enter' && saveClipboard()}
          />
        </div>
        <ShortcutField value={settings.popoverShortcut} status={p.shortcut} onSave={(popoverShortcut) => void save({ popoverShortcut })} />
        <label className="check-row">
          <input type="checkbox" checked={settings.launchAtLogin} onChange={(e) => void save({ launchAtLogin: e.target.checked })} />
          <span>Launch at login</span>
        </label>
        <label className="check-row">
          <input
            type="checkbox"
            checked={settings.notifyNewAuthorizations}
            onChange={(e) => void save({ notifyNewAuthorizations: e.target.checked })}
          />
          <span>Tell me when a new login or token appears</span>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <AccountsSection accounts={p.accounts} onAddAccount={p.onAddAccount} onAccountsChanged={p.onAccountsChanged} onError={setError} />
        {p.info && (
          <p className="hint about">
            Heroku Token Tray {p.info.version} · API {p.info.apiOrigin}
          </p>
        )}
      </div>
    </section>
  );
}
