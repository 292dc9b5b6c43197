import type { Product } from "@/db/schema/catalog";
import { formatMajorUnits } from "@/lib/platform/money-input";
import type { ProductInput } from "./products";

/** A product as the JSON API shows it: price in major units, as it is entered. */
export function productJson(product: Product) {
  return {
    id: product.id,
    title: product.title,
    description: product.description,
    price: formatMajorUnits(product.priceMinor),
    priceMinor: product.priceMinor,
    currency: product.currency,
    stock: product.stock,
    archived: Boolean(product.archivedAt),
    deepLinkPayload: product.deepLinkPayload,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export const unauthorized = () =>
  Response.json(
    { error: "Send an API token from Settings as `Authorization: Bearer <token>`." },
    { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="promo-bot"' } },
  );

/** Only the fields a client may set: never a photo key or other internals. */
export function productFieldsOf(body: Record<string, unknown>): ProductInput {
  const fields = ["title", "description", "price", "currency", "stock"] as const;
  return Object.fromEntries(
    fields.filter((field) => field in body).map((field) => [field, body[field]]),
    // Whatever the client sent is checked by the product schema, which names each bad field.
  ) as ProductInput;
}
