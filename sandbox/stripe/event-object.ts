import Stripe from "stripe";
import { newId } from "./ids";

/** The events the simulator emits; the app subscribes to exactly these. */
export type SimulatedEvent =
  | Stripe.CheckoutSessionCompletedEvent
  | Stripe.CheckoutSessionExpiredEvent
  | Stripe.ChargeRefundedEvent;

export type SimulatedEventType = SimulatedEvent["type"];
export type EventOfType<T extends SimulatedEventType> = Extract<SimulatedEvent, { type: T }>;

export interface EventContext {
  created: number;
  /** The API request that caused the event; both ids are null for actions on the hosted page. */
  request: Stripe.Event.Request;
  pendingWebhooks: number;
}

export function buildEvent<T extends SimulatedEventType>(
  type: T,
  data: EventOfType<T>["data"],
  context: EventContext,
): EventOfType<T> {
  const event = {
    id: newId("evt_"),
    object: "event" as const,
    // What the SDK the app uses is pinned to, so `event.api_version` checks behave as live.
    api_version: Stripe.API_VERSION,
    created: context.created,
    data,
    livemode: false,
    pending_webhooks: context.pendingWebhooks,
    request: context.request,
    type,
  };
  // TypeScript cannot pick the union member from a generic `type`, so it cannot see that the
  // literal above is one; `satisfies` below still checks every field against Stripe's EventBase.
  return event satisfies Stripe.EventBase as unknown as EventOfType<T>;
}
