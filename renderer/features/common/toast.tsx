/** One-line feedback after an action ("Copied…", an error), announced politely or assertively. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

export interface ToastMessage {
  text: string;
  tone: 'info' | 'error';
}

const ToastContext = createContext<(m: ToastMessage | null) => void>(() => undefined);

/** Shows toasts for its subtree. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<ToastMessage | null>(null);
  const show = useCallback((m: ToastMessage | null) => setMessage(m), []);
  useEffect(() => {
    if (!message || message.tone === 'error') return;
    const t = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(t);
  }, [message]);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {message?.tone === 'info' && <p className="toast">{message.text}</p>}
      </div>
      {message?.tone === 'error' && (
        <div className="toast-region" role="alert">
          <p className="toast toast-error">
            <span>{message.text}</span>
            <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => setMessage(null)}>
              ×
            </button>
          </p>
        </div>
      )}
    </ToastContext.Provider>
  );
}

/** The function that shows a toast (null hides it). */
export function useToast(): (m: ToastMessage | null) => void {
  return useContext(ToastContext);
}
