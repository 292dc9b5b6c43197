import { invalidParam, missingParam, resourceMissing } from "./api-error";
import { readMetadata } from "./metadata";
import {
  integerAtLeast,
  optionalObject,
  optionalString,
  rejectUnknown,
  requiredString,
  words,
  type Params,
} from "./params";
import { unsupported } from "./unsupported";

/** One `line_items[i]` entry, as the simulator keeps it. */
export interface LineItemInput {
  name: string;
  description: string | null;
  currency: string;
  unitAmount: number;
  quantity: number;
  metadata: Record<string, string>;
}

// Every key the SDK's SessionCreateParams.LineItem (and its PriceData, ProductData) declares.
const LINE_ITEM_KEYS = new Set(
  words("adjustable_quantity metadata price price_data quantity tax_rates"),
);
const PRICE_DATA_KEYS = new Set(
  words("currency product product_data recurring tax_behavior unit_amount unit_amount_decimal"),
);
const PRODUCT_DATA_KEYS = new Set(
  words("description images metadata name tax_code tax_details unit_label"),
);

export function readLineItem(item: Params, param: string): LineItemInput {
  rejectUnknown(item, LINE_ITEM_KEYS, param);
  // The simulator keeps no Price or Product objects, so a reference to one cannot resolve: the
  // answer Stripe gives for an id that does not exist in the account.
  const price = optionalString(item.price, `${param}[price]`);
  if (price) throw resourceMissing("price", price, `${param}[price]`, 400);
  if (item.tax_rates !== undefined) throw unsupported(`${param}[tax_rates]`);

  const priceParam = `${param}[price_data]`;
  const priceData = optionalObject(item.price_data, priceParam);
  if (!priceData) throw missingParam(priceParam);
  rejectUnknown(priceData, PRICE_DATA_KEYS, priceParam);
  if (priceData.recurring !== undefined) {
    throw invalidParam(
      `${priceParam}[recurring]`,
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
    );
  }
  if (priceData.unit_amount_decimal !== undefined) {
    throw unsupported(`${priceParam}[unit_amount_decimal]`);
  }
  const product = optionalString(priceData.product, `${priceParam}[product]`);
  if (product) throw resourceMissing("product", product, `${priceParam}[product]`, 400);

  const currency = requiredString(priceData.currency, `${priceParam}[currency]`).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) {
    throw invalidParam(`${priceParam}[currency]`, `Invalid currency: ${currency}.`);
  }
  const unitAmount = integerAtLeast(priceData.unit_amount, `${priceParam}[unit_amount]`, 0);

  const productParam = `${priceParam}[product_data]`;
  const productData = optionalObject(priceData.product_data, productParam);
  if (!productData) throw missingParam(productParam);
  rejectUnknown(productData, PRODUCT_DATA_KEYS, productParam);

  // Checked like Stripe checks it, though no Product object keeps it here.
  readMetadata(productData.metadata, `${productParam}[metadata]`);
  return {
    name: requiredString(productData.name, `${productParam}[name]`),
    description: optionalString(productData.description, `${productParam}[description]`) || null,
    currency,
    unitAmount,
    quantity: integerAtLeast(item.quantity, `${param}[quantity]`, 1),
    metadata: readMetadata(item.metadata, `${param}[metadata]`),
  };
}
