import { invalidParam, missingParam } from "./api-error";
import { readLineItem, type LineItemInput } from "./line-item-params";
import { readMetadata } from "./metadata";
import { minimumCharge, formatAmount } from "./money";
import {
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  rejectUnknown,
  requiredString,
  words,
  type Params,
} from "./params";
import { readExpand } from "./session-view";
import { unsupported } from "./unsupported";

/** What `POST /v1/checkout/sessions` asked for, validated. */
export interface SessionInput {
  successUrl: string;
  cancelUrl: string | null;
  currency: string;
  lineItems: LineItemInput[];
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  expiresAt: number;
  locale: string | null;
  submitType: string | null;
  paymentIntent: { metadata: Record<string, string>; description: string | null };
  expand: string[];
}

const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
const MAX_LINE_ITEMS = 100;

const MODELLED = words(`
  cancel_url client_reference_id customer_email expand expires_at line_items locale metadata mode
  payment_intent_data submit_type success_url ui_mode`);
// Accepted by Stripe and harmless to ignore here: they change what the hosted page collects or
// how it looks, not what the app is told.
const IGNORED = words(`
  adaptive_pricing after_expiration allow_promotion_codes allowed_payment_method_types
  automatic_tax billing_address_collection branding_settings consent_collection currency
  custom_fields custom_text customer_creation excluded_payment_method_types integration_identifier
  invoice_creation managed_payments name_collection origin_context payment_method_collection
  payment_method_configuration payment_method_data payment_method_options permissions
  phone_number_collection redirect_on_completion saved_payment_method_options
  shipping_address_collection tax_id_collection wallet_options`);
// Accepted by Stripe but changing the outcome in ways not modelled here.
const UNSUPPORTED = words(`
  customer customer_account customer_update discounts optional_items return_url
  setup_intent_data shipping_options subscription_data`);
const KNOWN = new Set([...MODELLED, ...IGNORED, ...UNSUPPORTED]);

// Every key of the SDK's SessionCreateParams.PaymentIntentData; only two of them are modelled.
const PAYMENT_INTENT_DATA_KEYS = new Set(
  words(`
    application_fee_amount capture_method description metadata on_behalf_of receipt_email
    setup_future_usage shipping statement_descriptor statement_descriptor_suffix transfer_data
    transfer_group`),
);

export function readSessionParams(params: Params, nowSeconds: number): SessionInput {
  rejectUnknown(params, KNOWN);
  for (const key of UNSUPPORTED) if (params[key] !== undefined) throw unsupported(key);

  const mode = requiredString(params.mode, "mode");
  if (!["payment", "setup", "subscription"].includes(mode)) {
    throw invalidParam("mode", "Invalid mode: must be one of payment, setup, or subscription");
  }
  if (mode !== "payment") throw unsupported("mode", "Only `mode=payment` is simulated.");
  const uiMode = optionalString(params.ui_mode, "ui_mode");
  if (uiMode && uiMode !== "hosted_page") {
    throw unsupported("ui_mode", "Only the hosted page is simulated.");
  }

  const lineItems = (optionalList(params.line_items, "line_items") ?? []).map((item, index) =>
    readLineItem(item, `line_items[${index}]`),
  );
  const first = lineItems[0];
  if (!first) throw missingParam("line_items");
  if (lineItems.length > MAX_LINE_ITEMS) {
    throw invalidParam("line_items", `You may only specify up to ${MAX_LINE_ITEMS} line items.`);
  }
  if (lineItems.some((item) => item.currency !== first.currency)) {
    throw invalidParam("line_items", "Line items must all have the same currency.");
  }
  const total = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  const minimum = minimumCharge(first.currency);
  if (minimum !== undefined && total < minimum) {
    throw invalidParam(
      "line_items",
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, first.currency)} ${first.currency}`,
    );
  }

  return {
    successUrl: readUrl(requiredString(params.success_url, "success_url"), "success_url"),
    cancelUrl: readOptionalUrl(params.cancel_url, "cancel_url"),
    currency: first.currency,
    lineItems,
    customerEmail: readEmail(params.customer_email),
    clientReferenceId: readClientReferenceId(params.client_reference_id),
    metadata: readMetadata(params.metadata, "metadata"),
    expiresAt: readExpiresAt(params.expires_at, nowSeconds),
    locale: optionalString(params.locale, "locale") || null,
    submitType: optionalString(params.submit_type, "submit_type") || null,
    paymentIntent: readPaymentIntentData(params.payment_intent_data),
    expand: readExpand(params.expand, ["line_items"]),
  };
}

function readExpiresAt(value: Params[string], nowSeconds: number): number {
  const expiresAt = optionalInteger(value, "expires_at");
  if (expiresAt === undefined) return nowSeconds + MAX_EXPIRY_SECONDS;
  if (expiresAt - nowSeconds < MIN_EXPIRY_SECONDS) {
    throw invalidParam(
      "expires_at",
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
    );
  }
  if (expiresAt - nowSeconds > MAX_EXPIRY_SECONDS) {
    throw invalidParam(
      "expires_at",
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
    );
  }
  return expiresAt;
}

function readPaymentIntentData(value: Params[string]): SessionInput["paymentIntent"] {
  const data = optionalObject(value, "payment_intent_data");
  if (!data) return { metadata: {}, description: null };
  rejectUnknown(data, PAYMENT_INTENT_DATA_KEYS, "payment_intent_data");
  const captureMethod = optionalString(data.capture_method, "payment_intent_data[capture_method]");
  if (captureMethod === "manual") {
    throw unsupported("payment_intent_data[capture_method]", "Payments are captured at once.");
  }
  return {
    metadata: readMetadata(data.metadata, "payment_intent_data[metadata]"),
    description: optionalString(data.description, "payment_intent_data[description]") || null,
  };
}

function readUrl(text: string, param: string): string {
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) {
    throw invalidParam(param, "Not a valid URL", "url_invalid");
  }
  return text;
}

function readOptionalUrl(value: Params[string], param: string): string | null {
  const text = optionalString(value, param);
  return text ? readUrl(text, param) : null;
}

function readEmail(value: Params[string]): string | null {
  const email = optionalString(value, "customer_email");
  if (!email) return null;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalidParam("customer_email", `Invalid email address: ${email}`, "email_invalid");
  }
  return email;
}

function readClientReferenceId(value: Params[string]): string | null {
  const id = optionalString(value, "client_reference_id");
  if (id && id.length > 200) {
    throw invalidParam(
      "client_reference_id",
      "Invalid client_reference_id: must be at most 200 characters.",
    );
  }
  return id || null;
}
