/** The global shortcut that opens the popover: edited as text, saved on Enter or blur; says when the OS refused it. */
import { useEffect, useState } from 'react';
import { DEFAULT_POPOVER_SHORTCUT, type ShortcutStatus } from '../../../shared/contract.js';

export interface ShortcutFieldProps {
  /** The saved accelerator (undefined = the default). */
  value: string | undefined;
  /** Whether the OS let the app have it (Electron only; absent in the browser preview). */
  status?: ShortcutStatus | null;
  onSave(accelerator: string): void;
}

/** A text field for an Electron accelerator such as CommandOrControl+Alt+Shift+H ('' = none). */
export function ShortcutField({ value, status, onSave }: ShortcutFieldProps) {
  const current = value ?? DEFAULT_POPOVER_SHORTCUT;
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const commit = () => text.trim() !== current && onSave(text.trim());
  const taken = status && status.accelerator === current && current !== '' && !status.registered;
  return (
    <div className="field-row">
      <label htmlFor="popover-shortcut" className="field-label">
        Shortcut to open (empty: none)
      </label>
      <input
        id="popover-shortcut"
        className="input"
        value={text}
        spellCheck={false}
        aria-describedby={taken ? 'shortcut-taken' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {taken && (
        <p id="shortcut-taken" className="form-error" role="status">
          Another app or the desktop holds {current}: choose another.
        </p>
      )}
    </div>
  );
}
