import type Stripe from "stripe";
import type { Database } from "@/db/client";
import type { InboxHandler } from "@/lib/jobs/inbox-worker";
import { addLogFields } from "@/lib/platform/request-context";
import { handleStripeEvent } from "./stripe-events";

/**
 * Applies the Stripe events the webhook stored. handleStripeEvent records the event id in the
 * transaction of its effect, so a row processed again after a crash (effect committed, row not
 * yet marked done) finds the id and does nothing: exactly once in effect. A failure (the
 * database) is retried with backoff.
 */
export function stripeInboxHandler(db: Database): InboxHandler {
  return {
    async process(row) {
      const event = row.payload as Stripe.Event;
      addLogFields({ eventId: event.id, eventType: event.type });
      await handleStripeEvent(db, event);
    },
  };
}
