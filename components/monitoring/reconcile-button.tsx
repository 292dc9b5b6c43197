"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { fillTemplate } from "@/components/i18n/fill-template";

export type ReconcileState =
  | { outcome?: undefined }
  | { outcome: "ran"; checked: number; repaired: number }
  | { outcome: "failed"; error: string }
  | { outcome: "forbidden" };

export interface ReconcileLabels {
  run: string;
  /** Templates: "{checked}", "{repaired}" are filled in here. */
  ran: { none: string; some: string };
  failed: string;
}

/** "Check now": runs reconciliation and says what it found. */
export function ReconcileButton({
  action,
  labels,
}: {
  action: () => Promise<ReconcileState>;
  labels: ReconcileLabels;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="mt-4 flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {labels.run}
      </Button>
      {state.outcome === "ran" ? (
        <p role="status" className="text-sm text-slate-700">
          {fillTemplate(state.repaired === 0 ? labels.ran.none : labels.ran.some, {
            checked: state.checked,
            repaired: state.repaired,
          })}
        </p>
      ) : state.outcome === "failed" ? (
        <p role="alert" className="text-sm text-red-700">
          {fillTemplate(labels.failed, { error: state.error })}
        </p>
      ) : null}
    </form>
  );
}
