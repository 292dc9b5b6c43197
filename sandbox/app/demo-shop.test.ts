import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { listGallery } from "@/lib/catalog/product-gallery";
import { localObjectStorage } from "@/lib/platform/object-storage";
import { migratedTestDatabase } from "@/test/database";
import { seedDemoShop } from "./demo-shop";

let connection: DatabaseConnection;
const storage = localObjectStorage(mkdtempSync(path.join(tmpdir(), "promo-demo-")));
beforeAll(async () => {
  connection = await migratedTestDatabase("demo_shop");
});
afterAll(() => connection.close());

it("opens a shop whose coffee has a gallery of three photos and whose mug has one", async () => {
  expect(await seedDemoShop(connection.db, storage)).toBe(true);
  const products = await connection.db.query.products.findMany();
  const galleries = Object.fromEntries(
    await Promise.all(
      products.map(async (product) => [
        product.title,
        (await listGallery(connection.db, product)).length,
      ]),
    ),
  );
  expect(galleries).toEqual({
    "House blend coffee beans, 250 g": 3,
    "Hand-made stoneware mug": 1,
  });
  const coffee = products.find((product) => product.title.startsWith("House blend"))!;
  for (const { key } of await listGallery(connection.db, coffee)) {
    expect((await storage.get(key))?.byteLength).toBeGreaterThan(1000);
  }
  // Once per database.
  expect(await seedDemoShop(connection.db, storage)).toBe(false);
});
