import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { createProduct } from "@/lib/catalog/products";
import { png } from "@/sandbox/telegram/test-support";
import { createSellerWithProduct } from "@/test/fixtures";
import { startJourney, type Journey } from "@/test/journey-harness";

// The card goes through the real bot to the Telegram simulator, which refuses a text over
// 4096 characters and a caption over 1024 as the Bot API does (counted after HTML parsing).
let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("product_card");
});
afterAll(() => journey.stop());

let nextBuyer = 960_000;
const newBuyer = (language_code: string) => ({ id: ++nextBuyer, first_name: "Ida", language_code });

/** A product stored before save checked Telegram's limits, as long as it then could be. */
async function oldProduct(description: string, photoKey?: string) {
  const { seller, product } = await createSellerWithProduct(journey.db.db);
  await journey.db.db
    .update(products)
    .set({ description, photoKey })
    .where(eq(products.id, product.id));
  return { seller, product };
}

async function openCard(buyer: ReturnType<typeof newBuyer>, payload: string) {
  const delivery = await journey.telegram.start(buyer, payload);
  expect(delivery.status).toBe(200);
  return journey.lastBotMessage(buyer.id);
}

describe("a product card over Telegram's limits", () => {
  it("shortens an old product's description to fit a text message", async () => {
    const { product } = await oldProduct("a".repeat(4090));
    const card = await openCard(newBuyer("en"), product.deepLinkPayload);
    expect(card.text).toHaveLength(4096);
    expect(card.text).toContain("aaa…\n\nPrice: €12.90\n5 in stock");
  });

  describe("with a photo", () => {
    beforeAll(() => journey.restartBot(async () => png(640, 480)));
    afterAll(() => journey.restartBot());

    it("shortens an old product's description to fit the photo's caption", async () => {
      // "&" is sent as "&amp;" but is one character of the caption.
      const { product } = await oldProduct("x&".repeat(750), "poster.png");
      const card = await openCard(newBuyer("de"), product.deepLinkPayload);
      expect(card.photo).toBeDefined();
      expect(card.caption).toHaveLength(1024);
      expect(card.caption).toContain("x&…\n\nPreis: 12,90\u00a0€\n5 auf Lager");
    });

    it("sends a product saved at exactly the limit whole, in the longest language", async () => {
      const { seller } = await createSellerWithProduct(journey.db.db);
      // The German card with one left is the longest: the description plus 58 characters.
      const description = "Handmade in Leipzig <3 ".padEnd(1024 - 58, "z");
      const product = await createProduct(journey.db.db, seller, {
        title: "Espresso Blend 250 g",
        description,
        price: "12.90",
        stock: 1,
        photoKeys: ["poster.png"],
      });
      const card = await openCard(newBuyer("de"), product.deepLinkPayload);
      expect(card.photo).toBeDefined();
      expect(card.caption).toHaveLength(1024);
      expect(card.caption).toContain(`${description}\n\nPreis: 12,90\u00a0€\nNur noch 1 verfügbar`);
    });
  });
});
