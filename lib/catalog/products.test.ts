import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import type { User } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import {
  archiveProduct,
  createProduct,
  findProduct,
  listProducts,
  updateProduct,
} from "./products";
import { signInSeller } from "@/lib/auth/sign-in-seller";
import { createInvite } from "@/lib/auth/create-invite";
import { isAppError } from "@/lib/platform/app-error";
import { visibleLength } from "@/lib/telegram/message-limits";
import { productCardHtml } from "./product-card-text";

let connection: DatabaseConnection;
let admin: User;
let seller: User;
let otherSeller: User;

beforeAll(async () => {
  connection = await migratedTestDatabase("products");
  const first = await signInSeller(
    connection.db,
    { telegramId: 1, name: "Admin" },
    { adminTelegramIds: [] },
  );
  if (!first.ok) throw new Error("no admin");
  admin = first.user;
  for (const [id, name] of [
    [2, "Roastery"],
    [3, "Band"],
  ] as const) {
    const { token } = await createInvite(connection.db, admin);
    const joined = await signInSeller(
      connection.db,
      { telegramId: id, name },
      { adminTelegramIds: [], inviteToken: token },
    );
    if (!joined.ok) throw new Error("no seller");
    if (id === 2) seller = joined.user;
    else otherSeller = joined.user;
  }
});
afterAll(() => connection.close());

function fieldErrorsOf(action: () => Promise<unknown>) {
  return action().then(
    () => {
      throw new Error("expected the product to be refused");
    },
    (error: unknown) => {
      if (isAppError(error, "invalid")) return error.details.fields ?? {};
      throw error;
    },
  );
}

describe("products", () => {
  it("stores a price typed in major units as integer minor units", async () => {
    const product = await createProduct(connection.db, seller, {
      title: "Espresso 250 g",
      price: "12,90",
      stock: "",
    });
    expect(product).toMatchObject({ priceMinor: 1290, currency: "EUR", stock: null });
    expect(product.deepLinkPayload).toMatch(/^p_[A-Za-z0-9_-]{12}$/);
  });

  it("names every field that is wrong", async () => {
    const errors = await fieldErrorsOf(() =>
      createProduct(connection.db, seller, {
        title: " ",
        price: "twelve",
        currency: "JPY" as never,
        stock: "-3",
      }),
    );
    expect(errors).toEqual({
      title: { key: "required" },
      price: { key: "invalidPrice" },
      currency: { key: "invalidCurrency" },
      stock: { key: "invalidStock" },
    });
    expect(
      await fieldErrorsOf(() =>
        createProduct(connection.db, seller, { title: "Pin", price: "0.20" }),
      ),
    ).toEqual({
      price: { key: "priceTooLow" },
    });
  });

  it("enforces Telegram's 1024-character caption only when the post has a photo", async () => {
    const long = { title: "Tour poster", description: "x".repeat(1010), price: "20" };
    await expect(createProduct(connection.db, seller, long)).resolves.toBeTruthy();
    const errors = await fieldErrorsOf(() =>
      createProduct(connection.db, seller, { ...long, photoKeys: ["poster.jpg"] }),
    );
    expect(errors.description?.key).toBe("tooLongForTelegram");
    expect(errors.description?.over).toBeGreaterThan(0);
  });

  describe("Telegram's limits in every language of the bot", () => {
    // With a photo, post and card are captions (1024). The longest text is the German card:
    // "<b>Poster</b>\n{description}\n\nPreis: <b>12,90 €</b>\nNur noch 1 verfügbar" is the
    // description plus 44 characters; in English ("Price: €12.90", "Only 1 left") plus 34.
    const poster = (description: string) => ({
      title: "Poster",
      description,
      price: "12.90",
      stock: "5",
      photoKeys: ["poster.jpg"],
    });

    it("refuses a description that fits the English card but not the German one", async () => {
      const description = "y".repeat(990);
      const english = productCardHtml(
        { title: "Poster", description, price: 1290, currency: "EUR", stock: 1 },
        "en",
      );
      expect(visibleLength(english)).toBe(1024);
      const errors = await fieldErrorsOf(() =>
        createProduct(connection.db, seller, poster(description)),
      );
      expect(errors).toEqual({ description: { key: "tooLongForTelegram", over: 10 } });
    });

    it("accepts a product at exactly the limit, counting what Telegram shows", async () => {
      // Escaped for HTML ("&amp;", "&lt;") but counted as the one character the buyer sees.
      const description = "Fish & Chips <3 ".padEnd(980, "z");
      await expect(
        createProduct(connection.db, seller, poster(description)),
      ).resolves.toMatchObject({ description });
      expect(
        await fieldErrorsOf(() => createProduct(connection.db, seller, poster(`${description}z`))),
      ).toEqual({ description: { key: "tooLongForTelegram", over: 1 } });
    });

    it("holds a text without a photo to 4096 characters, stock lines and all", async () => {
      const text = { title: "Poster", price: "12.90", stock: "5" };
      await expect(
        createProduct(connection.db, seller, { ...text, description: "z".repeat(4096 - 44) }),
      ).resolves.toBeTruthy();
      expect(
        await fieldErrorsOf(() =>
          createProduct(connection.db, seller, { ...text, description: "z".repeat(4100) }),
        ),
      ).toEqual({ description: { key: "tooLongForTelegram", over: 48 } });
    });

    it("counts the longest price and stock line of each language", async () => {
      // "Preis: 999.999,99 CHF" (21) and "Nur noch 1 verfügbar" (20, longer than "1.000.000 auf
      // Lager"): the German card is the description plus 51 characters.
      const product = {
        title: "Poster",
        price: "999999.99",
        currency: "CHF" as const,
        stock: "1000000",
        photoKeys: ["poster.jpg"],
      };
      await expect(
        createProduct(connection.db, seller, { ...product, description: "z".repeat(973) }),
      ).resolves.toBeTruthy();
      expect(
        await fieldErrorsOf(() =>
          createProduct(connection.db, seller, { ...product, description: "z".repeat(974) }),
        ),
      ).toEqual({ description: { key: "tooLongForTelegram", over: 1 } });
    });
  });

  it("refuses a price above Stripe's maximum of 999,999.99", async () => {
    for (const price of ["1.000.000,00", "1000000", 1_000_000, "30000000"]) {
      expect(
        await fieldErrorsOf(() => createProduct(connection.db, seller, { title: "Car", price })),
        String(price),
      ).toEqual({ price: { key: "priceTooHigh" } });
    }
    await expect(
      createProduct(connection.db, seller, { title: "Car", price: "999.999,99" }),
    ).resolves.toMatchObject({ priceMinor: 99_999_999 });
  });

  it("keeps each seller's products to themselves; admins see all", async () => {
    const mine = await createProduct(connection.db, seller, { title: "Mug", price: "9" });
    expect(await findProduct(connection.db, otherSeller, mine.id)).toBeUndefined();
    expect(
      await updateProduct(connection.db, otherSeller, mine.id, { title: "Stolen", price: "1" }),
    ).toBeUndefined();
    expect(await archiveProduct(connection.db, otherSeller, mine.id)).toBeUndefined();
    expect((await listProducts(connection.db, otherSeller)).map((p) => p.id)).not.toContain(
      mine.id,
    );
    expect((await listProducts(connection.db, admin)).map((p) => p.id)).toContain(mine.id);
    expect((await findProduct(connection.db, seller, mine.id))?.title).toBe("Mug");
  });

  it("archives a product out of the active list", async () => {
    const product = await createProduct(connection.db, seller, { title: "Old shirt", price: "15" });
    await archiveProduct(connection.db, seller, product.id);
    expect((await listProducts(connection.db, seller)).map((p) => p.id)).not.toContain(product.id);
    expect(
      (await listProducts(connection.db, seller, { archived: true })).map((p) => p.id),
    ).toContain(product.id);
  });
});
