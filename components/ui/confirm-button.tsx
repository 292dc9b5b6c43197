"use client";

import { useEffect, useRef, useState, type ComponentProps } from "react";
import { Button, type ButtonVariant } from "./button";

/** The texts, translated by the page that uses the button. */
export interface ConfirmButtonLabels {
  /** The button as it first shows ("Cancel order"). */
  trigger: string;
  /** The question in its place after the first click ("Really cancel this order?"). */
  question: string;
  confirm: string;
  keep: string;
}

/**
 * A button for a step that cannot be undone, asked inline: the first click only replaces it
 * with "Really …? Confirm / Keep", so a stray click or a double click never acts. Confirm is a
 * submit button of the surrounding form (give it `name`/`value` through `confirmButton` to say
 * which step). Focus goes to Keep, the harmless choice, so Enter pressed twice keeps; Escape
 * and Keep put the first button back and focus it. No window.confirm: it blocks the page,
 * cannot be styled or translated by us, and browsers let users turn it off.
 */
export function ConfirmButton({
  labels,
  variant = "danger",
  confirmButton,
  disabled,
}: {
  labels: ConfirmButtonLabels;
  variant?: ButtonVariant;
  confirmButton?: Omit<ComponentProps<"button">, "children" | "type">;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <Button
        ref={trigger}
        type="button"
        variant={variant}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {labels.trigger}
      </Button>
    );
  }
  return (
    <span
      role="group"
      aria-label={labels.question}
      className="inline-flex flex-wrap items-center gap-2"
      onKeyDown={(event) => {
        if (event.key === "Escape") setAsking(false);
      }}
    >
      <span role="status" className="text-sm font-medium text-slate-900">
        {labels.question}
      </span>
      <Button type="submit" variant={variant} disabled={disabled} {...confirmButton}>
        {labels.confirm}
      </Button>
      <Button ref={keep} type="button" variant="secondary" onClick={() => setAsking(false)}>
        {labels.keep}
      </Button>
    </span>
  );
}
