import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/db/schema/users";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { databaseConnection } from "@/lib/platform/database";
import { createInvite } from "@/lib/auth/create-invite";
import { signInSeller } from "@/lib/auth/sign-in-seller";
import { migratedTestDatabaseUrl } from "@/test/database";
import { GET as getOne, PATCH } from "./[id]/route";
import { GET, POST } from "./route";

// The route handlers exactly as Next serves them, on a real database named by the settings.
let sellerToken: string;
let otherToken: string;
let seller: User;

beforeAll(async () => {
  process.env.DATABASE_URL = await migratedTestDatabaseUrl("products_api");
  const { db } = await databaseConnection();
  const admin = await signInSeller(db, { telegramId: 11, name: "Admin" }, { adminTelegramIds: [] });
  if (!admin.ok) throw new Error("no admin");
  const users: User[] = [];
  for (const id of [12, 13]) {
    const { token } = await createInvite(db, admin.user);
    const joined = await signInSeller(
      db,
      { telegramId: id, name: `Seller ${id}` },
      { adminTelegramIds: [], inviteToken: token },
    );
    if (!joined.ok) throw new Error("no seller");
    users.push(joined.user);
  }
  seller = users[0]!;
  sellerToken = (await createApiToken(db, seller, "shop sync")).token;
  otherToken = (await createApiToken(db, users[1]!, "other shop")).token;
});
afterAll(async () => (await databaseConnection()).close());

const call = (token: string | undefined, body?: unknown) =>
  new Request("http://app.test/api/products", {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

describe("products API", () => {
  it("refuses requests without a valid token", async () => {
    expect((await GET(call(undefined))).status).toBe(401);
    expect((await GET(call("pb_not-a-real-token"))).status).toBe(401);
  });

  it("names each invalid field in English, and creates nothing", async () => {
    const response = await POST(
      call(sellerToken, { title: "", price: "twelve euros", stock: 1.5 }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: {
        title: "Please fill this in.",
        price: "Enter a price like 12.90.",
        stock: "Enter a whole number from 0, or leave it empty for unlimited.",
      },
    });
    expect((await (await GET(call(sellerToken))).json()).products).toEqual([]);
  });

  it("creates, lists, reads and partly updates a product, price in major units", async () => {
    const created = await POST(
      call(sellerToken, {
        title: "Vinyl LP",
        price: 24.5,
        currency: "EUR",
        stock: 40,
        photoKey: "../../etc/passwd",
      }),
    );
    expect(created.status).toBe(201);
    const { product } = await created.json();
    expect(product).toMatchObject({
      title: "Vinyl LP",
      price: "24.50",
      priceMinor: 2450,
      stock: 40,
    });

    const listed = await (await GET(call(sellerToken))).json();
    expect(listed.products.map((p: { id: string }) => p.id)).toEqual([product.id]);

    const patched = await PATCH(
      new Request(`http://app.test/api/products/${product.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${sellerToken}` },
        body: JSON.stringify({ stock: 39 }),
      }),
      ctx(product.id),
    );
    expect((await patched.json()).product).toMatchObject({
      title: "Vinyl LP",
      priceMinor: 2450,
      stock: 39,
    });
    expect((await (await getOne(call(sellerToken), ctx(product.id))).json()).product.stock).toBe(
      39,
    );
  });

  it("shows another seller's products as not found and never lists them", async () => {
    const { product } = await (await POST(call(sellerToken, { title: "Mine", price: "5" }))).json();
    expect((await getOne(call(otherToken), ctx(product.id))).status).toBe(404);
    const patch = new Request(`http://app.test/api/products/${product.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${otherToken}` },
      body: JSON.stringify({ price: "0.99" }),
    });
    expect((await PATCH(patch, ctx(product.id))).status).toBe(404);
    expect((await (await GET(call(otherToken))).json()).products).toEqual([]);
  });

  it("stops accepting a revoked token", async () => {
    const { db } = await databaseConnection();
    const { token, id } = await createApiToken(db, seller, "temporary");
    expect((await GET(call(token))).status).toBe(200);
    await revokeApiToken(db, seller, id!);
    expect((await GET(call(token))).status).toBe(401);
  });

  it("refuses what Stripe or Telegram would refuse, naming the field and by how much", async () => {
    const tooDear = await POST(call(sellerToken, { title: "Vinyl box", price: 1_000_000 }));
    expect(tooDear.status).toBe(422);
    expect(await tooDear.json()).toEqual({
      errors: { price: "The price can be at most 999,999.99 (the most Stripe charges)." },
    });

    // The German card ("Preis: 12,90 €", "Nur noch 1 verfügbar") is the longest: 44 + 4100.
    const poster = { title: "Poster", description: "y".repeat(4100), price: "12.90", stock: 5 };
    const tooLong = await POST(call(sellerToken, poster));
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toEqual({
      errors: { description: "Too long for Telegram by 48 characters: shorten it." },
    });

    const { product } = await (
      await POST(call(sellerToken, { ...poster, description: "Screen print, A2." }))
    ).json();
    const patched = await PATCH(
      new Request(`http://app.test/api/products/${product.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${sellerToken}` },
        body: JSON.stringify({ description: "y".repeat(4059) }),
      }),
      ctx(product.id),
    );
    expect(patched.status).toBe(422);
    expect(await patched.json()).toEqual({
      errors: { description: "Too long for Telegram by 7 characters: shorten it." },
    });
  });

  it("refuses text PostgreSQL cannot store (a NUL character), naming the field", async () => {
    const response = await POST(
      call(sellerToken, { title: "Tote\u0000Bag", description: "Canvas\u0000", price: "12.00" }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: {
        title: "Remove the control characters (NUL) from this text.",
        description: "Remove the control characters (NUL) from this text.",
      },
    });
  });
});
