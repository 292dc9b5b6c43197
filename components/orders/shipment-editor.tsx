"use client";

import { useActionState } from "react";
import { primaryButton, secondaryButton } from "@/components/ui/button-styles";
import { compactInput } from "@/components/ui/field-styles";

export interface TrackingEditState {
  message?: "saved" | "unchanged" | "cannot";
  /** The number was refused at its field: empty, or over a carrier's 100 characters. */
  trackingError?: "required" | "tooLong";
}

// As long as the correction takes (lib/orders/correct-tracking-number.ts).
const TRACKING_MAX = 100;

export interface ShipmentEditorLabels {
  edit: string;
  field: string;
  save: string;
  errors: Record<NonNullable<TrackingEditState["trackingError"]>, string>;
  results: Record<NonNullable<TrackingEditState["message"]>, string>;
}

/**
 * The Shipment card's Edit: a disclosure holding a one-field form, so the number is read at a
 * glance and corrected only on purpose. Saving tells the buyer (the server says so in the result).
 */
export function ShipmentEditor({
  labels,
  action,
  orderId,
  trackingNumber,
}: {
  labels: ShipmentEditorLabels;
  action: (state: TrackingEditState, form: FormData) => Promise<TrackingEditState>;
  orderId: string;
  trackingNumber: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <details className="mt-3" open={Boolean(state.trackingError)}>
      <summary className={`${secondaryButton} inline-block cursor-pointer`}>{labels.edit}</summary>
      <form action={formAction} className="mt-3 space-y-2">
        <input type="hidden" name="orderId" value={orderId} />
        <label className="block text-sm font-medium text-slate-700">
          {labels.field}
          <input
            name="tracking"
            defaultValue={trackingNumber}
            maxLength={TRACKING_MAX}
            aria-invalid={Boolean(state.trackingError)}
            aria-describedby={state.trackingError ? "tracking-edit-error" : undefined}
            className={`${compactInput} w-full max-w-xs`}
          />
        </label>
        {state.trackingError ? (
          <p id="tracking-edit-error" className="text-sm text-red-700">
            {labels.errors[state.trackingError]}
          </p>
        ) : null}
        <button disabled={pending} className={primaryButton}>
          {labels.save}
        </button>
      </form>
      {state.message ? (
        <p
          role="status"
          className={`mt-2 text-sm ${state.message === "cannot" ? "text-red-700" : "text-emerald-800"}`}
        >
          {labels.results[state.message]}
        </p>
      ) : null}
    </details>
  );
}
