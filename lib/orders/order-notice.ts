import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { addLogFields } from "@/lib/platform/request-context";

/**
 * The payload of every notice about one order, as queued since the first release. Postgres'
 * uuid takes any 8-4-4-4-12 hex, hence guid rather than the stricter uuid.
 */
export const orderNoticePayload = z.object({
  orderId: z.guid(),
  /** Tells apart two notices of the same kind for one order (e.g. shipped, then delivered). */
  variant: z.string().optional(),
});
export type OrderNoticePayload = z.infer<typeof orderNoticePayload>;

/** "order.status.buyer:<order id>:shipped": one notice per order, kind and variant. */
export function orderNoticeKey(kind: string) {
  return ({ orderId, variant }: OrderNoticePayload) =>
    [kind, orderId, variant].filter(Boolean).join(":");
}

/** The order a notice is about; gone means there is nothing to tell anyone, ever. */
export async function orderOfNotice(tx: Database, orderId: string) {
  const order = await tx.query.orders.findFirst({ where: eq(orders.id, orderId) });
  if (!order) throw new PermanentDeliveryError(`order ${orderId} not found`);
  addLogFields({ orderId: order.id, sellerId: order.sellerId });
  return order;
}
