"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { OrderActionState } from "@/app/(dashboard)/orders/actions";

const buttonClass =
  "rounded-lg px-3 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-50";

/** The next steps an order can take from its status; each is one server action. */
export function OrderActions({
  action,
  orderId,
  status,
  canRefund,
}: {
  action: (state: OrderActionState, form: FormData) => Promise<OrderActionState>;
  orderId: string;
  status: string;
  canRefund: boolean;
}) {
  const t = useTranslations("orderPage");
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      {status === "paid" ? (
        <label className="block text-sm font-medium text-slate-700">
          {t("tracking")}
          <input
            name="tracking"
            className="mt-1 block w-64 rounded-lg border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {status === "paid" ? (
          <button
            name="action"
            value="ship"
            disabled={pending}
            className={`${buttonClass} bg-brand-500 text-white hover:bg-brand-600`}
          >
            {t("markShipped")}
          </button>
        ) : null}
        {status === "paid" || status === "shipped" ? (
          <button
            name="action"
            value="deliver"
            disabled={pending}
            className={`${buttonClass} bg-slate-900 text-white`}
          >
            {t("markDelivered")}
          </button>
        ) : null}
        {status === "paid" || status === "pending_payment" ? (
          <button
            name="action"
            value="cancel"
            disabled={pending}
            className={`${buttonClass} border border-slate-300 text-slate-800`}
          >
            {t("cancel")}
          </button>
        ) : null}
        {canRefund ? (
          <button
            name="action"
            value="refund"
            disabled={pending}
            className={`${buttonClass} border border-red-300 text-red-700`}
          >
            {t("refund")}
          </button>
        ) : null}
      </div>
      {state.message ? (
        <p
          role="status"
          className={
            state.message === "cannot" ? "text-sm text-red-700" : "text-sm text-emerald-800"
          }
        >
          {t(state.message)}
        </p>
      ) : null}
    </form>
  );
}
