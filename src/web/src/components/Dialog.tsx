import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Footer buttons; the first focusable element inside takes focus when the dialog opens. */
  actions?: ReactNode;
  className?: string;
}

/**
 * A modal dialog on the native <dialog> element (focus trapped, Escape closes, the rest of the page inert).
 * Mount it to open it and unmount it to close it; focus goes back to whatever had it before.
 */
export function Dialog({ title, onClose, children, actions, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    dialog.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button')?.focus();
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        // React passes a dialog's cancel on to the dialogs around it: Escape closes only the one on top.
        if (event.target === event.currentTarget) onClose();
      }}>
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      {actions && <div className="dialog__actions">{actions}</div>}
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  busy?: boolean;
}

/** "Are you sure?" with the consequence in words; Cancel has focus first, so Enter never destroys by accident. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, danger, busy }: ConfirmProps) {
  return (
    <Dialog title={title} onClose={onCancel} actions={
      <>
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} onClick={onConfirm}
          disabled={busy} aria-busy={busy}>
          {confirmLabel}
        </button>
      </>
    }>
      {children}
    </Dialog>
  );
}
