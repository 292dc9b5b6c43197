import type Stripe from "stripe";
import {
  buildEvent,
  type EventOfType,
  type SimulatedEvent,
  type SimulatedEventType,
} from "./event-object";
import type { DeliveryAttempt, WebhookSender } from "./webhook-sender";

export const NO_REQUEST: Stripe.Event.Request = { id: null, idempotency_key: null };

/**
 * Every event emitted, in order, and their delivery. Deliveries run one at a time in the
 * background, as Stripe's do: an API call answers at once rather than waiting for the app's
 * webhook handler, which may itself be waiting on the caller (a row lock, a transaction).
 */
export function createEventLog(options: {
  sender: WebhookSender;
  nowSeconds: () => number;
  /** Whether an event of this type goes to the webhook endpoint (its status and events). */
  delivers: (type: string) => boolean;
}) {
  const events: SimulatedEvent[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  function enqueue(event: SimulatedEvent): Promise<DeliveryAttempt | undefined> {
    const delivery = queue.then(() => options.sender.send(event));
    queue = delivery;
    return delivery;
  }

  function emit<T extends SimulatedEventType>(
    type: T,
    data: EventOfType<T>["data"],
    request: Stripe.Event.Request = NO_REQUEST,
  ): EventOfType<T> {
    const event = buildEvent(type, data, {
      created: options.nowSeconds(),
      request,
      pendingWebhooks: options.delivers(type) ? 1 : 0,
    });
    events.push(event);
    if (options.delivers(type)) void enqueue(event);
    return event;
  }

  function find(eventId: string): SimulatedEvent {
    const event = events.find((candidate) => candidate.id === eventId);
    if (!event) throw new Error(`No such event: ${eventId}`);
    return event;
  }

  /** Resolves once every delivery queued so far, and any queued meanwhile, has finished. */
  async function settled(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== queue) {
      seen = queue;
      await seen;
    }
  }

  /** Events whose latest delivery failed, as Stripe would keep retrying them. */
  function undelivered(): SimulatedEvent[] {
    const latest = new Map<string, DeliveryAttempt>();
    for (const attempt of options.sender.attempts()) latest.set(attempt.eventId, attempt);
    return events.filter((event) => latest.get(event.id)?.ok === false);
  }

  return {
    emit,
    find,
    settled,
    undelivered,
    all: () => [...events],
    /** Sends an event again (a fresh signature, like Stripe's retries) and resolves to the attempt. */
    redeliver: (eventId: string) => enqueue(find(eventId)),
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
