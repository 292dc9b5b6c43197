import type { SQL } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import type { InboxHandler } from "@/lib/jobs/inbox-worker";
import { addLogFields } from "@/lib/platform/request-context";
import { markDoneStatement } from "@/lib/jobs/inbox";
import { handleStripeEvent } from "./stripe-events";
import { payInOneStatement } from "./pay-in-one-statement";

/**
 * Applies the Stripe events the webhook stored. handleStripeEvent records the event id in the
 * transaction of its effect, so a row processed again after a crash (effect committed, row not
 * yet marked done) finds the id and does nothing: exactly once in effect. A failure (the
 * database) is retried with backoff. A payment as expected is applied, and its row marked done,
 * in one statement (payInOneStatement).
 */
export function stripeInboxHandler(db: Database): InboxHandler {
  return {
    async process(row) {
      const event = row.payload as Stripe.Event;
      addLogFields({ eventId: event.id, eventType: event.type });
      // Most events are a payment as expected: applied, and the row marked done, at once.
      const done = (applied: SQL) => markDoneStatement(db, row, applied);
      if (await payInOneStatement(db, event, done)) return "done";
      await handleStripeEvent(db, event);
    },
  };
}
