import type Stripe from "stripe";
import { newId } from "./ids";

export interface ChargeInput {
  amount: number;
  currency: string;
  paymentIntentId: string;
  paymentMethodId: string;
  email: string | null;
  description: string | null;
  /** The PaymentIntent's metadata, which Stripe copies onto the charge it creates. */
  metadata: Record<string, string>;
  last4: string;
  created: number;
}

/** The charge a successful Checkout payment leaves behind, as Stripe returns it. */
export function buildCharge(input: ChargeInput): Stripe.Charge {
  return {
    id: newId("ch_"),
    object: "charge",
    amount: input.amount,
    amount_captured: input.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: newId("txn_"),
    billing_details: { address: null, email: input.email, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "PROMO-BOT SANDBOX",
    captured: true,
    created: input.created,
    currency: input.currency,
    customer: null,
    description: input.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...input.metadata },
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: input.paymentIntentId,
    payment_method: input.paymentMethodId,
    // Only what identifies the card; the full details object is large and unused by the app.
    payment_method_details: {
      type: "card",
      card: { brand: "visa", last4: input.last4 },
    } as Stripe.Charge.PaymentMethodDetails,
    receipt_email: input.email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

export interface RefundInput {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
  created: number;
}

export function buildRefund(input: RefundInput): Stripe.Refund {
  const { charge } = input;
  return {
    id: newId("re_"),
    object: "refund",
    amount: input.amount,
    balance_transaction: newId("txn_"),
    charge: charge.id,
    created: input.created,
    currency: charge.currency,
    customer: null,
    customer_account: null,
    metadata: input.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}
