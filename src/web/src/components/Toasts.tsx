import { useEffect, useRef, useState } from 'react';

export interface Toast {
  id: string;
  text: string;
  tone: 'error' | 'info';
  /** A button beside the text ("Retry", "Undo"); the toast closes when it is used. */
  action?: { label: string; run: () => void };
  /** Closes by itself after this long (paused while the pointer or focus is on it); absent: stays until dismissed. */
  timeoutMs?: number;
}

/**
 * Short messages at the bottom of the viewport, in one polite live region (read out without interrupting), so a
 * message about what the user just did shows wherever they have scrolled to.
 */
export function Toasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: string) => void }) {
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Messages">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={onDismiss} />
      ))}
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: string) => void }) {
  const [held, setHeld] = useState(false);
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    if (toast.timeoutMs === undefined || held) return;
    const timer = setTimeout(() => dismiss.current(toast.id), toast.timeoutMs);
    return () => clearTimeout(timer);
  }, [toast.id, toast.timeoutMs, held]);

  return (
    <div className={`toast toast--${toast.tone}`} data-toast={toast.id}
      onPointerEnter={() => setHeld(true)} onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
      <span className="toast__text">{toast.text}</span>
      {toast.action && (
        <button type="button" className="button button--quiet toast__action" onClick={() => {
          toast.action!.run();
          onDismiss(toast.id);
        }}>
          {toast.action.label}
        </button>
      )}
      <button type="button" className="button button--quiet toast__close" onClick={() => onDismiss(toast.id)}
        aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
