import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { users, type User } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { exportOrders, orderListQuery } from "./list-orders";
import { ordersCsv } from "./orders-csv";

let connection: DatabaseConnection;
let admin: User;
beforeAll(async () => {
  connection = await migratedTestDatabase("orders_csv");
  admin = (
    await connection.db
      .insert(users)
      .values({ telegramId: 7_999_000_002, name: "Ada", role: "admin" })
      .returning()
  )[0]!;
});
afterAll(() => connection.close());

describe("the orders export", () => {
  it("keeps what a buyer typed as text, never as a spreadsheet formula", async () => {
    const { seller, product } = await createSellerWithProduct(connection.db, { stock: null });
    await connection.db.insert(orders).values(
      orderRow(
        { sellerId: seller.id, productId: product.id, checkoutKey: "csv-formula" },
        {
          contactName: "@SUM(1+1)*cmd|' /C calc'!A0",
          addressStreet: "+49 Hauptstraße 1",
          addressPostcode: "-10115",
          addressCity: '=HYPERLINK("https://evil.example/c","Berlin")',
          quantity: 2,
          unitAmountMinor: 1000,
          totalAmountMinor: 2000,
        },
      ),
    );
    const csv = await text(
      ordersCsv(exportOrders(connection.db, seller, orderListQuery.parse({})), () => undefined),
    );
    const [header, line] = csv.trim().split("\n");
    expect(header).toBe(
      "number,created_at,status,buyer,email,street,postcode,city,country,product,quantity,currency,total,tracking_number",
    );
    expect(line).toContain(`'@SUM(1+1)*cmd|' /C calc'!A0`);
    expect(line).toContain(",'+49 Hauptstraße 1,'-10115,");
    expect(line).toContain(`"'=HYPERLINK(""https://evil.example/c"",""Berlin"")"`);
    // Numbers stay numbers.
    expect(line).toContain(",2,EUR,20.00,");
  });

  it("names each order's shop for an admin, whose export spans every shop", async () => {
    const { seller, product } = await createSellerWithProduct(connection.db, { stock: null });
    await connection.db
      .insert(orders)
      .values(orderRow({ sellerId: seller.id, productId: product.id, checkoutKey: "csv-shop" }));
    const view = orderListQuery.parse({ shop: seller.id });
    const csv = await text(
      ordersCsv(exportOrders(connection.db, admin, view), () => undefined, { withShop: true }),
    );
    const [header, line, more] = csv.trim().split("\n");
    expect(header).toMatch(/^number,shop,created_at,status,buyer,/);
    expect(line).toMatch(/^\d+,Rösterei Müller,/);
    expect(more).toBeUndefined();
  });
});
