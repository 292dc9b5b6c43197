import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator } from "@/sandbox/stripe/simulator";
import { createStripeClient } from "./stripe-client";

// The in-app sandbox serves Stripe's API under /sandbox/stripe; the SDK only knows hosts.
describe("a Stripe API base with a path", () => {
  const simulator = createStripeSimulator({
    secretKey: "sk_test_prefix",
    webhookSecret: "whsec_x",
  });
  const seen: string[] = [];
  let server: ServedHandler;

  beforeAll(async () => {
    server = await serveFetchHandler(async (request) => {
      const { pathname } = new URL(request.url);
      seen.push(pathname);
      // Only the mounted prefix answers, as in the app.
      if (!pathname.startsWith("/sandbox/stripe/")) return new Response("nope", { status: 404 });
      return simulator.handle(request);
    });
  });
  afterAll(() => server.close());

  test("sends every request under that path", async () => {
    const stripe = createStripeClient({
      secretKey: "sk_test_prefix",
      apiBase: `${server.url}/sandbox/stripe/`,
    });
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "https://shop.example.com/ok",
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "eur", unit_amount: 990, product_data: { name: "Tea" } },
        },
      ],
    });
    expect(session.url).toBe(`${server.url}/sandbox/stripe/checkout/${session.id}`);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect(seen).toEqual([
      "/sandbox/stripe/v1/checkout/sessions",
      `/sandbox/stripe/v1/checkout/sessions/${session.id}`,
    ]);
  });

  test("a base without a path talks to /v1 at the root", async () => {
    const stripe = createStripeClient({ secretKey: "sk_test_prefix", apiBase: server.url });
    await expect(stripe.checkout.sessions.retrieve("cs_test_missing")).rejects.toThrow();
    expect(seen.at(-1)).toBe("/v1/checkout/sessions/cs_test_missing");
  });
});
