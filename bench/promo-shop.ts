import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { count, countDistinct, eq } from "drizzle-orm";
import { connectDatabase } from "@/db/client";
import { channels, deepLinkStarts, posts } from "@/db/schema/channels";
import { createSellerWithProduct } from "@/test/fixtures";

// The promotion's shop in the app's database: a seller, a product in unlimited stock (a quarter
// of 10,000 buyers start a checkout), and its post in the seller's channel with the post's own
// deep link, as publishing writes it (lib/channels/publish-product.ts).

export interface PromoShop {
  title: string;
  postId: string;
  /** The post's Buy link payload: `t.me/<bot>?start=<payload>`. */
  payload: string;
}

const CHANNEL_ID = -1001234567890;

export async function seedPromoShop(databaseUrl: string): Promise<PromoShop> {
  const { db, close } = await connectDatabase({ url: databaseUrl, dataDir: tmpdir() });
  try {
    const { seller, product } = await createSellerWithProduct(db, { stock: null });
    const [channel] = await db
      .insert(channels)
      .values({ sellerId: seller.id, telegramChatId: CHANNEL_ID, title: "Promo", botCanPost: true })
      .returning();
    const payload = `q_${randomBytes(9).toString("base64url")}`;
    const [post] = await db
      .insert(posts)
      .values({
        productId: product.id,
        channelId: channel!.id,
        telegramChatId: CHANNEL_ID,
        telegramMessageId: 1,
        deepLinkPayload: payload,
      })
      .returning();
    return { title: product.title, postId: post!.id, payload };
  } finally {
    await close();
  }
}

/** The funnel's first step as the app recorded it: taps on the post's link, and by whom. */
export async function funnelRows(databaseUrl: string, postId: string) {
  const { db, close } = await connectDatabase({ url: databaseUrl, dataDir: tmpdir() });
  try {
    const [row] = await db
      .select({ rows: count(), buyers: countDistinct(deepLinkStarts.buyerTelegramId) })
      .from(deepLinkStarts)
      .where(eq(deepLinkStarts.postId, postId));
    return { rows: row?.rows ?? 0, buyers: row?.buyers ?? 0 };
  } finally {
    await close();
  }
}
