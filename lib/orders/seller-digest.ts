import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outbox } from "@/db/schema/jobs";
import { orders, type Order } from "@/db/schema/orders";
import { noEarlierPending } from "@/lib/jobs/outbox";
import { escapeHtml } from "@/lib/telegram/html";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { TELEGRAM_TEXT_LIMIT, visibleLength } from "@/lib/telegram/message-limits";
import { orderVariables } from "./order-variables";

// Enough for a burst's backlog in a few messages, few enough that one digest stays readable.
const MOST_PER_DIGEST = 50;

/** A paid-order notice still waiting for the same seller's chat, and the order it is about. */
export interface WaitingNotice {
  outboxId: number;
  order: Order;
}

/**
 * The other paid-order notices waiting for this seller, locked for the caller's transaction
 * (FOR UPDATE SKIP LOCKED: one another copy is sending is left to it). Only those free to go
 * by their ordering key: an order's buyer hears of the payment before its seller does.
 */
export async function waitingPaidNotices(
  tx: Database,
  kind: string,
  order: Order,
): Promise<WaitingNotice[]> {
  // A payload is parsed only once its own row runs; a malformed one is skipped here, not cast.
  const payloadOrder = sql`case when ${outbox.payload}->>'orderId' ~* '^[0-9a-f-]{36}$'
    then (${outbox.payload}->>'orderId')::uuid end`;
  const rows = await tx
    .select({ outboxId: outbox.id, order: orders })
    .from(outbox)
    .innerJoin(orders, eq(orders.id, payloadOrder))
    .where(
      and(
        eq(outbox.kind, kind),
        eq(outbox.status, "pending"),
        eq(orders.sellerId, order.sellerId),
        ne(orders.id, order.id),
        noEarlierPending(tx, outbox),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(MOST_PER_DIGEST - 1)
    .for("update", { of: outbox, skipLocked: true });
  return rows;
}

/**
 * One message for several paid orders: a line each and the orders page. Orders that would
 * take it past Telegram's 4096 characters are left out for a later digest (never `own`, the
 * notice that is sending it), so every order the message is sent for is listed in it.
 */
export function sellerDigest(
  own: Order,
  waiting: readonly Order[],
  locale: TelegramLocale,
  ordersUrl: string,
): { text: string; listed: Order[] } {
  const compose = (listed: Order[]) =>
    translate(locale, "order-paid-seller-digest", {
      count: listed.length,
      lines: [...listed]
        .sort((a, b) => a.shopNumber - b.shopNumber)
        .map((order) =>
          translate(locale, "order-paid-seller-digest-line", orderVariables(order, locale)),
        )
        .join("\n"),
      url: escapeHtml(ordersUrl),
    });
  let listed = [own, ...waiting];
  let text = compose(listed);
  while (visibleLength(text) > TELEGRAM_TEXT_LIMIT && listed.length > 1) {
    listed = listed.slice(0, -1);
    text = compose(listed);
  }
  return { text, listed };
}

/** The ids of the waiting notices a digest listed (the rest stay pending). */
export function listedNoticeIds(waiting: readonly WaitingNotice[], listed: readonly Order[]) {
  const ids = new Set(listed.map((order) => order.id));
  return waiting.filter((notice) => ids.has(notice.order.id)).map((notice) => notice.outboxId);
}
