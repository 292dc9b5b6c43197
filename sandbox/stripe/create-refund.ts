import type Stripe from "stripe";
import { invalidParam, invalidState, resourceMissing } from "./api-error";
import type { SimulatorContext } from "./context";
import { readMetadata } from "./metadata";
import { formatAmount } from "./money";
import { integerAtLeast, optionalString, rejectUnknown, words, type Params } from "./params";
import { buildRefund } from "./payment-objects";
import { snapshot, type PaymentRecord } from "./store";
import { unsupported } from "./unsupported";

// Every key of the SDK's RefundCreateParams; the last group changes money flows not modelled.
const MODELLED = words("amount charge expand metadata payment_intent reason");
const UNSUPPORTED = words(
  "currency customer instructions_email origin refund_application_fee reverse_transfer",
);
const KNOWN = new Set([...MODELLED, ...UNSUPPORTED]);
const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

/**
 * `POST /v1/refunds`: refunds all or part of a Checkout payment and emits `charge.refunded`
 * carrying the charge, whose metadata is the PaymentIntent's: how the app finds the order.
 */
export function createRefund(
  context: SimulatorContext,
  params: Params,
  request: Stripe.Event.Request,
): Stripe.Refund {
  rejectUnknown(params, KNOWN);
  for (const key of UNSUPPORTED) if (params[key] !== undefined) throw unsupported(key);
  const payment = findPayment(context, params);
  const reason = optionalString(params.reason, "reason") || null;
  if (reason !== null && !REASONS.some((known) => known === reason)) {
    throw invalidParam("reason", `Invalid reason: must be one of ${REASONS.join(", ")}`);
  }
  const metadata = readMetadata(params.metadata, "metadata");
  const { charge } = payment;
  const remaining = charge.amount - charge.amount_refunded;
  const amount =
    params.amount === undefined ? remaining : integerAtLeast(params.amount, "amount", 1);

  if (remaining === 0) {
    throw invalidState(`Charge ${charge.id} has already been refunded.`, "charge_already_refunded");
  }
  if (amount > remaining) {
    const format = (value: number) => formatAmount(value, charge.currency);
    throw invalidState(
      `Refund amount (${format(amount)}) is greater than unrefunded amount on charge (${format(remaining)})`,
      "amount_too_large",
      "amount",
    );
  }

  const refund = buildRefund({ charge, amount, reason, metadata, created: context.nowSeconds() });
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  // `refunded` means fully refunded; a partial refund still emits `charge.refunded`.
  charge.refunded = charge.amount_refunded === charge.amount;
  payment.refunds.push(refund);
  context.events.emit(
    "charge.refunded",
    { object: snapshot(charge), previous_attributes: previous },
    request,
  );
  return snapshot(refund);
}

function findPayment(context: SimulatorContext, params: Params): PaymentRecord {
  const paymentIntentId = optionalString(params.payment_intent, "payment_intent");
  const chargeId = optionalString(params.charge, "charge");
  if (paymentIntentId && chargeId) {
    throw invalidParam("charge", "You cannot specify both `charge` and `payment_intent`.");
  }
  if (paymentIntentId) {
    const payment = context.store.payments.get(paymentIntentId);
    if (!payment) throw resourceMissing("payment_intent", paymentIntentId, "payment_intent", 400);
    return payment;
  }
  if (chargeId) {
    const payment = [...context.store.payments.values()].find((p) => p.charge.id === chargeId);
    if (!payment) throw resourceMissing("charge", chargeId, "charge", 400);
    return payment;
  }
  throw invalidParam(
    "payment_intent",
    "One of the following params should be provided for this request: payment_intent or charge.",
  );
}
