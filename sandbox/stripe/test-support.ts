import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { serveFetchHandler, type ServedHandler } from "../serve";
import { createStripeSimulator, type StripeSimulator } from "./simulator";

// Shared by the simulator's own tests: the real SDK against a fresh simulator for each test,
// and a receiver that verifies the webhooks it sends the way the app's route does.

export const SECRET_KEY = "sk_test_simulator0123456789abcdefWXYZ";
export const WEBHOOK_SECRET = "whsec_simulator_secret";

/** What the app's webhook route would see: the raw body, verified with the SDK. */
export interface Received {
  raw: string;
  event: Stripe.Event | undefined;
  status: number;
}
export const received: Received[] = [];
let receiverStatus = 200;

export let simulator: StripeSimulator;
let handler: (request: Request) => Promise<Response>;
let clockOffsetMs = 0;
export let api: ServedHandler;
export let receiver: ServedHandler;
export let stripe: Stripe;

/** Serves the API with this simulator from now on (the test's own, with other options). */
export function serveSimulator(replacement: StripeSimulator): void {
  simulator = replacement;
  handler = simulator.handle;
}

/** Serves the API through `serve` from now on, e.g. a mount prefix in front of the simulator. */
export function serveWith(serve: (request: Request) => Promise<Response>): void {
  handler = serve;
}

/** The status the webhook receiver answers with from now on (after a good signature). */
export function answerWebhooksWith(status: number): void {
  receiverStatus = status;
}

/** Moves the simulator's clock this far ahead of the real one. */
export function setClockAhead(ms: number): void {
  clockOffsetMs = ms;
}

/** Registers the hooks that set all of this up. */
export function setUpStripeTestbed(): void {
  beforeAll(async () => {
    receiver = await serveFetchHandler(async (request) => {
      const raw = await request.text();
      let event: Stripe.Event | undefined;
      try {
        const signature = request.headers.get("stripe-signature") ?? "";
        event = stripe.webhooks.constructEvent(raw, signature, WEBHOOK_SECRET);
      } catch {
        received.push({ raw, event, status: 400 });
        return new Response("bad signature", { status: 400 });
      }
      received.push({ raw, event, status: receiverStatus });
      return new Response(receiverStatus < 300 ? "ok" : "down", { status: receiverStatus });
    });
    api = await serveFetchHandler((request) => handler(request));
    stripe = new Stripe(SECRET_KEY, {
      host: "127.0.0.1",
      port: Number(new URL(api.url).port),
      protocol: "http",
      telemetry: false,
    });
  });

  afterAll(async () => {
    await Promise.all([api.close(), receiver.close()]);
  });

  beforeEach(() => {
    received.length = 0;
    receiverStatus = 200;
    clockOffsetMs = 0;
    simulator = createStripeSimulator({
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: `${receiver.url}/api/stripe/webhook`,
      now: () => Date.now() + clockOffsetMs,
    });
    handler = simulator.handle;
  });
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function orderSession(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    success_url: "https://shop.example/orders/42/paid?session={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/orders/42",
    customer_email: "buyer@example.com",
    client_reference_id: "order_42",
    metadata: { orderId: "42" },
    payment_intent_data: { metadata: { orderId: "42", sellerId: "7" } },
    expires_at: nowSeconds() + 60 * 60,
    line_items: [
      {
        quantity: 2,
        price_data: {
          currency: "EUR",
          unit_amount: 1250,
          product_data: { name: "Sticker pack", description: "Ten vinyl stickers" },
        },
      },
      {
        quantity: 1,
        price_data: { currency: "eur", unit_amount: 500, product_data: { name: "Postage" } },
      },
    ],
    ...overrides,
  };
}

export function receivedTypes(): string[] {
  return received.map((entry) => entry.event?.type ?? "unverified");
}
