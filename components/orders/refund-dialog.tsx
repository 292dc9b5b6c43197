"use client";

import { useActionState, useId, useRef, useState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { Button } from "@/components/ui/button";
import { fieldLabel, textInput } from "@/components/ui/field-styles";
import { formatMajorUnits, parseMajorUnits } from "@/lib/platform/money-input";

export interface RefundState {
  done?: boolean;
  /** The amount was refused: not a positive amount, or more than remains refundable. */
  amountError?: "invalid" | "overRemaining";
  /** Refused for another reason (not the seller's order, or not in a state to refund). */
  cannot?: boolean;
}

export interface RefundDialogLabels {
  trigger: string;
  title: string;
  amount: string;
  /** "{remaining} of {total} can still be refunded". */
  remainingHint: string;
  reason: string;
  reasons: Record<"requested_by_customer" | "duplicate" | "fraudulent", string>;
  notifyBuyer: string;
  next: string;
  back: string;
  cancel: string;
  /** "Refund {amount} of {total} to the buyer's card", with the two figures in place. */
  summary: string;
  summaryNotify: string;
  summarySilent: string;
  confirm: string;
  amountInvalid: string;
  amountOverRemaining: string;
  done: string;
  cannot: string;
}

/**
 * Refunding asks first: how much (prefilled with what remains), why (Stripe's reasons), and
 * whether the buyer is told; then a second step says exactly what will happen before anything
 * goes to Stripe. A native modal <dialog>: the browser traps focus and Escape closes it.
 * `requestKey` is new on every render of the order page, so a double submit of this form is one
 * refund and the next refund is another.
 */
export function RefundDialog({
  labels,
  action,
  orderId,
  requestKey,
  remainingMinor,
  totalMinor,
  currency,
  locale,
}: {
  labels: RefundDialogLabels;
  action: (state: RefundState, form: FormData) => Promise<RefundState>;
  orderId: string;
  requestKey: string;
  remainingMinor: number;
  totalMinor: number;
  currency: string;
  locale: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<"ask" | "confirm">("ask");
  const [state, formAction, pending] = useActionState(
    async (previous: RefundState, form: FormData) => {
      const next = await action(previous, form);
      if (next.done) dialog.current?.close();
      // The server's figure of what remains can be newer than the page's: back to the amount.
      if (next.amountError) setStep("ask");
      return next;
    },
    {},
  );
  const [amountText, setAmountText] = useState(formatMajorUnits(remainingMinor));
  const [localError, setLocalError] = useState<RefundState["amountError"]>();
  const [notify, setNotify] = useState(true);
  const titleId = useId();
  const amountId = useId();
  const errorId = useId();
  const money = (minor: number) =>
    new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
  const amountMinor = parseMajorUnits(amountText);
  const amountError = localError ?? state.amountError;

  function open() {
    setStep("ask");
    setAmountText(formatMajorUnits(remainingMinor));
    setLocalError(undefined);
    dialog.current?.showModal();
  }

  function next() {
    if (amountMinor === undefined || amountMinor <= 0) return setLocalError("invalid");
    if (amountMinor > remainingMinor) return setLocalError("overRemaining");
    setLocalError(undefined);
    setStep("confirm");
  }

  return (
    <div>
      <Button type="button" variant="danger" aria-haspopup="dialog" onClick={open}>
        {labels.trigger}
      </Button>
      {state.done ? (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {labels.done}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {labels.title}
        </h2>
        <form action={formAction} className="mt-4 space-y-4">
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="requestKey" value={requestKey} />
          <div hidden={step !== "ask"} className="space-y-4">
            <div>
              <label htmlFor={amountId} className={fieldLabel}>
                {labels.amount}
              </label>
              <input
                id={amountId}
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                value={amountText}
                onChange={(event) => {
                  setAmountText(event.target.value);
                  setLocalError(undefined);
                }}
                aria-invalid={Boolean(amountError)}
                aria-describedby={errorId}
                className={`${textInput} w-40`}
              />
              <p id={errorId} className="mt-1 text-sm text-slate-600">
                {amountError ? (
                  <span className="text-red-700">
                    {amountError === "invalid"
                      ? labels.amountInvalid
                      : fillTemplate(labels.amountOverRemaining, {
                          remaining: money(remainingMinor),
                        })}
                  </span>
                ) : (
                  fillTemplate(labels.remainingHint, {
                    remaining: money(remainingMinor),
                    total: money(totalMinor),
                  })
                )}
              </p>
            </div>
            <label className={fieldLabel}>
              {labels.reason}
              <select
                name="reason"
                defaultValue="requested_by_customer"
                className={`${textInput} w-full`}
              >
                {Object.entries(labels.reasons).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name="notifyBuyer"
                value="on"
                checked={notify}
                onChange={(event) => setNotify(event.target.checked)}
              />
              {labels.notifyBuyer}
            </label>
            <div className="flex flex-wrap justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
                {labels.cancel}
              </Button>
              <Button type="button" onClick={next}>
                {labels.next}
              </Button>
            </div>
          </div>
          {step === "confirm" && amountMinor !== undefined ? (
            <div className="space-y-4">
              <p className="text-sm font-medium text-slate-900" data-testid="refund-summary">
                {fillTemplate(labels.summary, {
                  amount: money(amountMinor),
                  total: money(totalMinor),
                })}
              </p>
              <p className="text-sm text-slate-600">
                {notify ? labels.summaryNotify : labels.summarySilent}
              </p>
              {state.cannot ? <p className="text-sm text-red-700">{labels.cannot}</p> : null}
              <div className="flex flex-wrap justify-end gap-2">
                <Button type="button" variant="secondary" onClick={() => setStep("ask")}>
                  {labels.back}
                </Button>
                <Button type="submit" variant="danger" disabled={pending}>
                  {fillTemplate(labels.confirm, { amount: money(amountMinor) })}
                </Button>
              </div>
            </div>
          ) : null}
        </form>
      </dialog>
    </div>
  );
}
