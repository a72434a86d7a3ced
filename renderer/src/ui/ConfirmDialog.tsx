import { useEffect, useId, useRef } from 'react';
import type { JSX, ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  /** The question; it also names the dialog. */
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Disables the confirm button while its action runs. */
  busy?: boolean;
  /** 'danger' (the default) for what takes something away, 'primary' for what only adds. */
  confirmTone?: 'danger' | 'primary';
  onConfirm(): void;
  /** Called for the cancel button, Escape, and any other way the dialog closes; set open to false. */
  onCancel(): void;
}

/**
 * A modal confirmation on the native <dialog>: the browser traps focus, Escape cancels, and focus
 * goes back to the opener when it closes. Focus starts on the cancel button, the safe choice.
 */
export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  const { open, title, children, confirmLabel, cancelLabel, busy = false, confirmTone = 'danger', onConfirm, onCancel } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape fires `cancel` at once and `close` later, as a queued task: tell the parent on
      // `cancel`, so a quick re-open is not undone by the late `close` of the previous one.
      onCancel={onCancel}
      onClose={() => {
        if (dialogRef.current?.open !== true) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      <div className="dialog-actions">
        <button type="button" className={confirmTone} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
