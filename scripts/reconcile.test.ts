import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { orders } from "@/db/schema/orders";
import { placeOrder } from "@/lib/checkout/place-order";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { createStripeClient } from "@/lib/payments/stripe-client";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator } from "@/sandbox/stripe/simulator";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";

const run = promisify(execFile);
const stripeSim = createStripeSimulator({ secretKey: "sk_test_cli", webhookSecret: "whsec_cli" });
let server: ServedHandler;
beforeAll(async () => {
  server = await serveFetchHandler(stripeSim.handle);
});
afterAll(() => server.close());

it("`npm run reconcile` records a payment whose webhook never came and says so", async () => {
  const url = await migratedTestDatabaseUrl("reconcile_cli");
  const connection = await connectTestDatabase(url);
  try {
    const stripe = createStripeClient({ secretKey: "sk_test_cli", apiBase: server.url });
    const { product } = await createSellerWithProduct(connection.db, { stock: 2 });
    const placed = await placeOrder(connection.db, {
      productId: product.id,
      quantity: 1,
      buyerTelegramId: 61_001,
      buyerLanguage: "de",
      details: buyerDetails,
      checkoutKey: "cli-1",
    });
    const { order } = await startCheckout(connection.db, stripe, placed.id, {
      publicUrl: "https://shop.example.com",
    });
    await stripeSim.pay(order.stripeCheckoutSessionId!);

    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/reconcile.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        STRIPE_SECRET_KEY: "sk_test_cli",
        STRIPE_WEBHOOK_SECRET: "whsec_cli",
        STRIPE_API_BASE: server.url,
        LOG_LEVEL: "silent",
      },
    });
    expect(stdout).toContain(`Repaired: order #${order.shopNumber} is now paid`);
    const [row] = await connection.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row?.status).toBe("paid");
  } finally {
    await connection.close();
  }
}, 60_000);
