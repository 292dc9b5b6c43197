import type Stripe from "stripe";
import { handleApi } from "./api-routes";
import { DEFAULT_TEST_CARD } from "./cards";
import type { SimulatorContext } from "./context";
import { simulatedAccount } from "./account";
import { createEventLog } from "./event-log";
import type { SimulatedEvent } from "./event-object";
import { expireDueSessions, expireSession } from "./expire-session";
import { createIdempotencyStore } from "./idempotency";
import { createOutages, type Endpoint } from "./outages";
import { handlePage } from "./page-routes";
import { attemptPayment, type PaymentAttempt } from "./pay-session";
import {
  createStore,
  findSession,
  snapshot,
  type PaymentRecord,
  type SessionRecord,
} from "./store";
import {
  endpointReceives,
  simulatedWebhookEndpoint,
  type WebhookEndpointOptions,
} from "./webhook-endpoint";
import { createWebhookSender, type DeliveryAttempt, type SignOptions } from "./webhook-sender";

export type { PaymentAttempt } from "./pay-session";
export type { SimulatedEvent } from "./event-object";
export type { DeliveryAttempt, SignOptions } from "./webhook-sender";

export interface StripeSimulatorOptions {
  /** The only API key accepted (`Authorization: Bearer …`). */
  secretKey: string;
  /** Signs webhooks, like an endpoint's `whsec_…` secret. */
  webhookSecret: string;
  /** Where events are POSTed; without it events are only recorded. */
  webhookUrl?: string;
  /**
   * Base URL under which `handle` is reachable from a browser, used for `session.url`
   * (`<publicUrl>/checkout/<id>`). Defaults to the origin and mount prefix of the API request.
   */
  publicUrl?: string;
  /** Epoch milliseconds. Move it forward to let sessions expire; defaults to `Date.now`. */
  now?: () => number;
  /** Fields of `GET /v1/account` to change, e.g. `{ charges_enabled: false }`. */
  account?: Partial<Stripe.Account>;
  /** How the endpoint at `webhookUrl` is set up (listed by `GET /v1/webhook_endpoints`). */
  webhookEndpoint?: WebhookEndpointOptions;
}

export interface StripeSimulator {
  /** Serves `/v1/…` (the API) and `/checkout/…` (the page), under any mount prefix. */
  handle(request: Request): Promise<Response>;
  /** Submits the checkout form; resolves once the resulting webhook was delivered. */
  pay(sessionId: string, card?: string, options?: { email?: string }): Promise<PaymentAttempt>;
  /** "Let it expire": resolves with the expired session once the webhook was delivered. */
  expire(sessionId: string): Promise<Stripe.Checkout.Session>;
  /**
   * Makes the next request(s) to an endpoint, e.g. `POST /v1/checkout/sessions`, fail on
   * Stripe's side (500 `api_error`) once executing: kept for the request's idempotency key and
   * replayed to its retries, as Stripe does.
   */
  failNext(endpoint: Endpoint, times?: number): void;
  /** Every session, oldest first. */
  sessions(): Stripe.Checkout.Session[];
  /** Every event emitted, in order. */
  events(): SimulatedEvent[];
  /** Every delivery attempt of emitted events, in order. */
  deliveries(): DeliveryAttempt[];
  /** Events whose latest delivery failed (non-2xx or unreachable). */
  undelivered(): SimulatedEvent[];
  /** Sends a recorded event again, freshly signed, and records the attempt. */
  redeliver(eventId: string): Promise<DeliveryAttempt>;
  /** Posts any event, optionally with another secret or timestamp; resolves to the HTTP status. */
  deliver(event: Stripe.Event, options?: SignOptions & { url?: string }): Promise<number>;
  /** A `Stripe-Signature` header for a payload, as the webhooks carry. */
  sign(payload: string, options?: SignOptions): string;
  /** Resolves once every queued webhook delivery has finished. */
  settled(): Promise<void>;
  /** Sessions and payments as they are now, to keep across a restart (not the event log). */
  save(): SavedStripe;
  /** Puts back what `save` returned. */
  load(saved: SavedStripe): void;
}

/** A structured-cloneable copy of the simulator's sessions and payments. */
export interface SavedStripe {
  version: 1;
  sessions: Array<[string, SessionRecord]>;
  payments: Array<[string, PaymentRecord]>;
}

// Mounted inside the app the simulator sits under a prefix such as `/sandbox/stripe`; what
// follows it decides the route.
const ROUTE = /^(.*?)(\/v1\/.*|\/checkout\/([^/]+)(?:\/(pay|expire))?\/?)$/;

export function createStripeSimulator(options: StripeSimulatorOptions): StripeSimulator {
  const nowMs = options.now ?? Date.now;
  const sender = createWebhookSender({ url: options.webhookUrl, secret: options.webhookSecret });
  const nowSeconds = () => Math.floor(nowMs() / 1000);
  const account = simulatedAccount(nowSeconds(), options.account);
  const webhookEndpoints = options.webhookUrl
    ? [simulatedWebhookEndpoint(options.webhookUrl, nowSeconds(), options.webhookEndpoint)]
    : [];
  const delivers = (type: string) =>
    webhookEndpoints.some((endpoint) => endpointReceives(endpoint, type));
  const events = createEventLog({ sender, nowSeconds, delivers });
  const context: SimulatorContext = { store: createStore(), events, nowSeconds };
  const idempotency = createIdempotencyStore(nowMs);
  const outages = createOutages();
  const publicUrl = options.publicUrl?.replace(/\/+$/, "");

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = ROUTE.exec(url.pathname);
    expireDueSessions(context);
    if (!match) return new Response("Not found", { status: 404 });
    const [, prefix = "", path = "", sessionId, action] = match;
    if (sessionId === undefined) {
      const checkoutBaseUrl = publicUrl ?? `${url.origin}${prefix}`;
      const dependencies = {
        context,
        idempotency,
        outages,
        secretKey: options.secretKey,
        account,
        webhookEndpoints,
      };
      return handleApi(dependencies, request, path, checkoutBaseUrl);
    }
    // Stripe ids are URL-safe, so the path segment is the id as it stands.
    const pagePath = `${prefix}/checkout/${sessionId}`;
    return handlePage(
      context,
      request,
      sessionId,
      action === "pay" || action === "expire" ? action : "view",
      pagePath,
    );
  }

  async function pay(
    sessionId: string,
    card = DEFAULT_TEST_CARD,
    payOptions: { email?: string } = {},
  ) {
    expireDueSessions(context);
    const attempt = attemptPayment(context, sessionId, {
      card,
      // The form makes the buyer type an address; a test that does not care gets a valid one.
      email: payOptions.email ?? "buyer@example.com",
    });
    await events.settled();
    return attempt;
  }

  async function expire(sessionId: string) {
    expireDueSessions(context);
    const record = findSession(context.store, sessionId);
    expireSession(context, record);
    await events.settled();
    return snapshot(record.session);
  }

  async function redeliver(eventId: string) {
    const attempt = await events.redeliver(eventId);
    if (!attempt) throw new Error("No webhookUrl is set, so there is nowhere to redeliver to");
    return attempt;
  }

  return {
    handle,
    pay,
    expire,
    failNext: (endpoint, times) => outages.failNext(endpoint, times),
    sessions: () => [...context.store.sessions.values()].map((record) => snapshot(record.session)),
    events: () => events.all().map(snapshot),
    deliveries: () => sender.attempts(),
    undelivered: () => events.undelivered().map(snapshot),
    redeliver,
    deliver: (event, deliverOptions) => sender.deliver(event, deliverOptions),
    sign: (payload, signOptions) => sender.sign(payload, signOptions),
    settled: () => events.settled(),
    save: () =>
      snapshot({
        version: 1,
        sessions: [...context.store.sessions.entries()],
        payments: [...context.store.payments.entries()],
      }),
    load(saved) {
      if (saved.version !== 1) throw new Error(`unknown saved simulator version ${saved.version}`);
      const copy = snapshot(saved);
      context.store.sessions = new Map(copy.sessions);
      context.store.payments = new Map(copy.payments);
    },
  };
}
