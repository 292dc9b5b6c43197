import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { products, type Product } from "@/db/schema/catalog";
import { deepLinkStarts, posts } from "@/db/schema/channels";
import { AppError } from "@/lib/platform/app-error";
import { addLogFields } from "@/lib/platform/request-context";

// Deep-link payloads are opaque lookup keys: Telegram allows up to 64 of [A-Za-z0-9_-].
const payloadFormat = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The product behind a Buy button's deep link, if it can still be bought, and the post the link
 * came from (a channel post's own link) for the sales funnel.
 */
export async function findProductByPayload(
  db: Database,
  payload: string,
): Promise<{ product: Product; postId?: string }> {
  if (!payloadFormat.test(payload)) throw new AppError("not_found", "product");
  const [fromPost] = await db
    .select({ product: products, postId: posts.id })
    .from(posts)
    .innerJoin(products, eq(products.id, posts.productId))
    .where(eq(posts.deepLinkPayload, payload));
  if (fromPost) return { product: assertForSale(fromPost.product), postId: fromPost.postId };
  const product = await db.query.products.findFirst({
    where: eq(products.deepLinkPayload, payload),
  });
  return { product: assertForSale(product) };
}

export async function findProductForSale(db: Database, productId: string): Promise<Product> {
  const product = await db.query.products.findFirst({ where: eq(products.id, productId) });
  return assertForSale(product);
}

function assertForSale(product: Product | undefined): Product {
  if (!product) throw new AppError("not_found", "product");
  // A buyer's taps are about this seller's shop: their log lines say so.
  addLogFields({ sellerId: product.sellerId });
  if (product.archivedAt) throw new AppError("unavailable", "archived", { title: product.title });
  if (product.stock === 0) throw new AppError("unavailable", "sold_out", { title: product.title });
  return product;
}

/**
 * The first step of the sales funnel: someone opened the product from its Buy button. Once
 * per /start update, however often its processing is retried.
 */
export async function recordDeepLinkStart(
  db: Database,
  start: { productId: string; buyerTelegramId: number; postId?: string; updateId: number },
) {
  await db
    .insert(deepLinkStarts)
    .values(start)
    .onConflictDoNothing({ target: deepLinkStarts.updateId });
}
