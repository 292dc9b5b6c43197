import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { deepLinkStarts } from "@/db/schema/channels";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct } from "@/test/fixtures";
import { recordDeepLinkStart } from "./find-product-for-sale";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("funnel_starts");
});
afterAll(() => connection.close());

const startsOf = (productId: string) =>
  connection.db.select().from(deepLinkStarts).where(eq(deepLinkStarts.productId, productId));

describe("recordDeepLinkStart", () => {
  it("counts a /start once when its update is processed again, and every other /start", async () => {
    const { product } = await createSellerWithProduct(connection.db);
    const start = { productId: product.id, buyerTelegramId: 5151, updateId: 90_001 };
    // The inbox retries an update whose card could not be sent: the funnel row is written again.
    await recordDeepLinkStart(connection.db, start);
    await recordDeepLinkStart(connection.db, start);
    // The same buyer tapping the post again is a new visit.
    await recordDeepLinkStart(connection.db, { ...start, updateId: 90_002 });
    const starts = await startsOf(product.id);
    expect(starts.map((row) => row.updateId).sort()).toEqual([90_001, 90_002]);
  });
});
