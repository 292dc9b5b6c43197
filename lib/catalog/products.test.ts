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
      createProduct(connection.db, seller, { ...long, photoKey: "poster.jpg" }),
    );
    expect(errors.description?.key).toBe("captionTooLong");
    expect(errors.description?.over).toBeGreaterThan(0);
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
