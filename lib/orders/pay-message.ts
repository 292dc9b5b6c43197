import { and, eq } from "drizzle-orm";
import type { Api } from "grammy";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/platform/logger";
import { refusalOutcomeOf } from "@/lib/telegram/telegram-error";
import { orderNoticePayload, orderOfNotice } from "./order-notice";

/**
 * Remembers the buyer's message that carries the order's Pay button, so that the button can
 * be taken away when the link is used up. Answers false when the order is no longer waiting
 * for payment (paid or ended before the message went out): its button is stale already.
 */
export async function rememberPayMessage(
  db: Database,
  orderId: string,
  messageId: number,
): Promise<boolean> {
  const updated = await db
    .update(orders)
    .set({ paymentMessageId: messageId })
    .where(and(eq(orders.id, orderId), eq(orders.status, "pending_payment")))
    .returning({ id: orders.id });
  return updated.length > 0;
}

// Refusals that mean there is no button left to take away, now or ever.
const settledOutcomes = new Set<string | undefined>([
  "message_deleted",
  "message_uneditable",
  "not_modified",
]);

/**
 * Takes the Pay button off the buyer's payment message: after paying, "Pay €24.90" still
 * offered would look like a second charge waiting; after the link ended it leads to Stripe's
 * "expired" page. A message deleted, too old to edit or already bare is done with too; any
 * other failure is thrown and the id kept.
 */
async function takePayButtonAway(api: Api, tx: Database, order: Order, messageId: number) {
  try {
    await api.editMessageReplyMarkup(order.buyerTelegramId, messageId);
  } catch (error) {
    if (!settledOutcomes.has(refusalOutcomeOf(error))) throw error;
  }
  await tx
    .update(orders)
    .set({ paymentMessageId: null })
    .where(and(eq(orders.id, order.id), eq(orders.paymentMessageId, messageId)));
}

/**
 * The same, run by the notice that tells the buyer the link has ended (paid, expired, failed),
 * in its transaction, before it sends. Best effort by design: the notice is what the buyer
 * needs, so a failed edit never holds it up; the id stays for the next notice to try again.
 */
export async function retirePayButton(api: Api, tx: Database, order: Order): Promise<void> {
  if (order.paymentMessageId == null) return;
  try {
    await takePayButtonAway(api, tx, order, order.paymentMessageId);
  } catch (error) {
    logger.warn({ err: error, orderId: order.id }, "could not take the Pay button away");
  }
}

/**
 * The Pay button of an order the buyer's newer checkout replaced: nothing is said (the new
 * message is right below), the old button just goes. The variant is the message's id, as the
 * order may be given a newer message by the time this runs.
 */
export const replacedPayButtonJob = defineJob({
  kind: "order.pay_button.replaced",
  schema: orderNoticePayload,
  dedupeKey: ({ orderId, variant }) => `order.pay_button.replaced:${orderId}:${variant}`,
  async run(tx, { orderId, variant }, { api }) {
    const order = await orderOfNotice(tx, orderId);
    // Nothing else to send: a failure is retried by the outbox like any job's.
    await takePayButtonAway(api, tx, order, Number(variant));
  },
});
