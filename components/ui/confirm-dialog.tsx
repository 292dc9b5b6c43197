"use client";

import { useId, useRef, type ComponentProps } from "react";
import { Button, type ButtonVariant } from "./button";

/** The texts, translated by the page that uses the dialog. */
export interface ConfirmDialogLabels {
  /** The button that opens the dialog. */
  trigger: string;
  title: string;
  message: string;
  confirm: string;
  cancel: string;
}

/**
 * A button that asks before a step that cannot be undone (a refund, a delete). It opens a
 * native modal <dialog>: the browser traps focus inside, Escape cancels, and focus returns to
 * the button on close. Cancel comes first, so it is what the dialog focuses on opening.
 *
 * Inside a form, Confirm submits that form (give it `name`/`value` through `confirmButton`
 * to say which step); anywhere else, pass `onConfirm`.
 */
export function ConfirmDialog({
  labels,
  onConfirm,
  confirmButton,
  variant = "danger",
}: {
  labels: ConfirmDialogLabels;
  onConfirm?: () => void;
  confirmButton?: Omit<ComponentProps<"button">, "children" | "onClick">;
  /** The look of the opening and the confirming button. */
  variant?: ButtonVariant;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  return (
    <>
      <Button
        type="button"
        variant={variant}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
      >
        {labels.trigger}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={messageId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {labels.title}
        </h2>
        <p id={messageId} className="mt-2 text-sm text-slate-600">
          {labels.message}
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            {labels.cancel}
          </Button>
          <Button
            type="submit"
            variant={variant}
            {...confirmButton}
            onClick={() => {
              dialog.current?.close();
              onConfirm?.();
            }}
          >
            {labels.confirm}
          </Button>
        </div>
      </dialog>
    </>
  );
}
