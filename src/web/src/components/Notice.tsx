import type { ReactNode } from 'react';

/** A message the user can dismiss: an error (role alert, read out at once) or news (role status, read politely). */
export function Notice({ tone, children, onDismiss }: { tone: 'error' | 'info'; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`alert alert--${tone} notice`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice__text">{children}</div>
      {onDismiss && (
        <button type="button" className="button button--quiet notice__close" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      )}
    </div>
  );
}
