import { useEffect, useId, useRef } from 'react';
import type { JSX, ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  /** The question, named for the action ("Take back “…”?"); it also names the dialog. */
  title: string;
  children: ReactNode;
  /** The button that does it, matching the title ("Take back"). */
  confirmLabel: string;
  cancelLabel: string;
  /** Disables the confirm button while its action runs. */
  busy?: boolean;
  /** 'danger' (the default) for what takes something away, 'primary' for what only adds. */
  confirmTone?: 'danger' | 'primary';
  onConfirm(): void;
  /** A second way to answer the question (it sits between the confirm and cancel buttons), when there is one. */
  alternative?: { label: string; onConfirm(): void };
  /** Called for the cancel button, Escape, and any other way the dialog closes; set open to false. */
  onCancel(): void;
}

/**
 * A modal confirmation on the native <dialog>: the browser keeps focus inside, Escape cancels, and
 * focus goes back to the opener when it closes. It opens at the top with focus on its title, so a
 * screen reader starts with the question and a long body is read (and scrolled) from its start.
 */
export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  const { open, title, children, confirmLabel, cancelLabel, busy = false, confirmTone = 'danger', onConfirm, alternative, onCancel } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      dialog.showModal();
      bodyRef.current?.scrollTo?.({ top: 0 });
      // A scrolled body must be reachable by keyboard: it becomes a Tab stop only when it scrolls.
      const body = bodyRef.current;
      if (body !== null) body.tabIndex = body.scrollHeight > body.clientHeight ? 0 : -1;
      titleRef.current?.focus();
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
      <h2 ref={titleRef} id={titleId} className="dialog-title" tabIndex={-1}>
        {title}
      </h2>
      <div ref={bodyRef} id={bodyId} className="dialog-body" role="group" aria-label={`About: ${title}`}>
        {children}
      </div>
      <div className="dialog-actions">
        <button type="button" className={confirmTone} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        {alternative !== undefined && (
          <button type="button" className={confirmTone} onClick={alternative.onConfirm} disabled={busy}>
            {alternative.label}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
