import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { orders } from "@/db/schema/orders";
import type { User } from "@/db/schema/users";
import { isAppError } from "@/lib/platform/app-error";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { changeOrderStatus, changeOrdersStatus } from "./change-order-status";

let connection: DatabaseConnection;
let seller: User;
let orderId: string;

beforeAll(async () => {
  connection = await migratedTestDatabase("change_order_status");
  const shop = await createSellerWithProduct(connection.db);
  seller = shop.seller;
  const [order] = await connection.db
    .insert(orders)
    .values(
      orderRow(
        { sellerId: seller.id, productId: shop.product.id, checkoutKey: "change-1" },
        { status: "paid" },
      ),
    )
    .returning();
  orderId = order!.id;
});
afterAll(() => connection.close());

const statusOf = async (id: string) =>
  (await connection.db.query.orders.findFirst({ where: eq(orders.id, id) }))?.status;

describe("a seller moving orders on", () => {
  it("is told a tracking number over 100 characters is too long, at its field", async () => {
    const refused = await changeOrderStatus(connection.db, seller, {
      orderId,
      to: "shipped",
      trackingNumber: "T".repeat(101),
    }).catch((error: unknown) => error);
    expect(isAppError(refused, "invalid") && refused.details.fields).toEqual({
      trackingNumber: { key: "tooLong" },
    });
    expect(await statusOf(orderId)).toBe("paid");

    const shipped = await changeOrderStatus(connection.db, seller, {
      orderId,
      to: "shipped",
      trackingNumber: "T".repeat(100),
    });
    expect(shipped).toMatchObject({ status: "shipped", trackingNumber: "T".repeat(100) });
  });

  it("skips what is not an order id in a bulk change, as it skips another shop's order", async () => {
    const ids = ["not-a-uuid", "1 or 1=1", "00000000-0000-4000-8000-000000000000"];
    expect(await changeOrdersStatus(connection.db, seller, ids, "delivered")).toEqual({
      changed: 0,
      skipped: 3,
    });
  });
});
