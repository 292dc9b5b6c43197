import type Stripe from "stripe";
import { newId } from "./ids";
import type { SessionInput } from "./session-params";

/**
 * A new Checkout Session as Stripe returns it, every field present: the fields the app reads
 * carry real values, the features the simulator does not model are null, empty or off.
 */
export function buildSession(
  input: SessionInput,
  created: number,
  checkoutBaseUrl: string,
): { session: Stripe.Checkout.Session; lineItems: Stripe.LineItem[] } {
  const id = newId("cs_test_", 58);
  const lineItems = input.lineItems.map((item) => buildLineItem(item, created));
  const subtotal = lineItems.reduce((sum, item) => sum + item.amount_subtotal, 0);
  const session: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: subtotal,
    amount_total: subtotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_account: null,
    customer_creation: "if_required",
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: input.locale,
    managed_payments: null,
    metadata: input.metadata,
    mode: "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: input.submitType,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${checkoutBaseUrl}/checkout/${id}`,
    wallet_options: null,
  };
  return { session, lineItems };
}

function buildLineItem(item: SessionInput["lineItems"][number], created: number): Stripe.LineItem {
  const amount = item.unitAmount * item.quantity;
  return {
    id: newId("li_"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: item.currency,
    description: item.name,
    metadata: item.metadata,
    price: {
      id: newId("price_"),
      object: "price",
      // Prices made from price_data are inactive: they exist only for this session.
      active: false,
      billing_scheme: "per_unit",
      created,
      currency: item.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: newId("prod_"),
      recurring: null,
      tax_behavior: "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "one_time",
      unit_amount: item.unitAmount,
      unit_amount_decimal: null,
    },
    quantity: item.quantity,
  };
}
