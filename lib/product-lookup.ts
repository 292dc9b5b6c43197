import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deepLinkStarts, products, type Product } from "@/db/schema";
import { ProductUnavailable } from "./errors";

// Deep-link payloads are opaque lookup keys: Telegram allows up to 64 of [A-Za-z0-9_-].
const payloadFormat = /^[A-Za-z0-9_-]{1,64}$/;

/** The product behind a Buy button's deep link, if it can still be bought. */
export async function findProductByPayload(db: Database, payload: string): Promise<Product> {
  if (!payloadFormat.test(payload)) throw new ProductUnavailable("not_found");
  const product = await db.query.products.findFirst({
    where: eq(products.deepLinkPayload, payload),
  });
  return assertForSale(product);
}

export async function findProductForSale(db: Database, productId: string): Promise<Product> {
  const product = await db.query.products.findFirst({ where: eq(products.id, productId) });
  return assertForSale(product);
}

function assertForSale(product: Product | undefined): Product {
  if (!product) throw new ProductUnavailable("not_found");
  if (product.archivedAt) throw new ProductUnavailable("archived", product.title);
  if (product.stock === 0) throw new ProductUnavailable("sold_out", product.title);
  return product;
}

/** The first step of the sales funnel: someone opened the product from its Buy button. */
export async function recordDeepLinkStart(
  db: Database,
  productId: string,
  buyerTelegramId: number,
) {
  await db.insert(deepLinkStarts).values({ productId, buyerTelegramId });
}
