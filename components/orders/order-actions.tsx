"use client";

import { useActionState } from "react";
import { ConfirmButton, type ConfirmButtonLabels } from "@/components/ui/confirm-button";
import { compactInput } from "@/components/ui/field-styles";

export interface OrderActionState {
  message?: "changed" | "refundRequested" | "cannot";
  /** The tracking number was refused (over the 100 characters a carrier's code needs). */
  trackingError?: "tooLong";
}

// As long as the order change takes (lib/orders/change-order-status.ts).
const TRACKING_MAX = 100;

const buttonClass =
  "rounded-lg px-3 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-50";

/** Texts translated on the server, including each result the action can report. */
export interface OrderActionsLabels {
  tracking: string;
  trackingTooLong: string;
  markShipped: string;
  markDelivered: string;
  cancel: ConfirmButtonLabels;
  results: Record<NonNullable<OrderActionState["message"]>, string>;
}

/** The next steps an order can take from its status; each is one server action. */
export function OrderActions({
  labels,
  action,
  orderId,
  status,
}: {
  labels: OrderActionsLabels;
  action: (state: OrderActionState, form: FormData) => Promise<OrderActionState>;
  orderId: string;
  status: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      {status === "paid" ? (
        <div>
          <label className="block text-sm font-medium text-slate-700">
            {labels.tracking}
            <input
              name="tracking"
              maxLength={TRACKING_MAX}
              aria-invalid={Boolean(state.trackingError)}
              aria-describedby={state.trackingError ? "tracking-error" : undefined}
              className={`${compactInput} w-64`}
            />
          </label>
          {state.trackingError ? (
            <p id="tracking-error" className="mt-1 text-sm text-red-700">
              {labels.trackingTooLong}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {status === "paid" ? (
          <button
            name="action"
            value="ship"
            disabled={pending}
            className={`${buttonClass} bg-brand-600 text-white hover:bg-brand-700`}
          >
            {labels.markShipped}
          </button>
        ) : null}
        {status === "paid" || status === "shipped" ? (
          <button
            name="action"
            value="deliver"
            disabled={pending}
            className={`${buttonClass} bg-slate-900 text-white`}
          >
            {labels.markDelivered}
          </button>
        ) : null}
        {status === "paid" || status === "pending_payment" ? (
          <ConfirmButton
            labels={labels.cancel}
            variant="secondary"
            disabled={pending}
            confirmButton={{ name: "action", value: "cancel" }}
          />
        ) : null}
      </div>
      {state.message ? (
        <p
          role="status"
          className={
            state.message === "cannot" ? "text-sm text-red-700" : "text-sm text-emerald-800"
          }
        >
          {labels.results[state.message]}
        </p>
      ) : null}
    </form>
  );
}
