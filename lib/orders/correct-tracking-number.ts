import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { orderEvents, orders, type Order } from "@/db/schema/orders";
import { enqueue } from "@/lib/jobs/outbox";
import { AppError, parseInput } from "@/lib/platform/app-error";
import { trackingCorrectedBuyerNotice } from "./buyer-notices";
import type { Changer } from "./change-order-status";
import { requireOrder } from "./find-order";

// The same limit as shipping with a number (change-order-status.ts): a carrier's code fits.
export const correctTrackingNumberInput = z.object({
  orderId: z.uuid("invalidId"),
  trackingNumber: z.string().trim().min(1, "required").max(100, "tooLong"),
});

// Only an order on its way (or arrived) has a parcel whose number can be wrong.
const correctable = new Set<Order["status"]>(["shipped", "delivered"]);

/**
 * The seller corrects (or adds, if they shipped without one) an order's tracking number. The
 * history records it as a note on the unchanged status, and the buyer is told the new number
 * once: the notice is keyed by that history entry, so each correction is told exactly once and
 * saving the same number again tells nobody anything.
 */
export async function correctTrackingNumber(
  db: Database,
  changer: Changer,
  input: z.input<typeof correctTrackingNumberInput>,
): Promise<{ order: Order; changed: boolean }> {
  const change = parseInput(correctTrackingNumberInput, input, "tracking_correction");
  return db.transaction(async (tx) => {
    const order = await requireOrder(tx, changer, change.orderId, { lock: true });
    if (!correctable.has(order.status))
      throw new AppError("conflict", "tracking_not_shipped", { from: order.status });
    if (order.trackingNumber === change.trackingNumber) return { order, changed: false };
    const [updated] = await tx
      .update(orders)
      .set({ trackingNumber: change.trackingNumber, updatedAt: new Date() })
      .where(eq(orders.id, order.id))
      .returning();
    const [event] = await tx
      .insert(orderEvents)
      .values({
        orderId: order.id,
        fromStatus: order.status,
        toStatus: order.status,
        actorKind: changer.role,
        actorUserId: changer.id,
        note: change.trackingNumber,
      })
      .returning({ id: orderEvents.id });
    await enqueue(
      tx,
      trackingCorrectedBuyerNotice.of({ orderId: order.id, variant: `event-${event!.id}` }),
    );
    return { order: updated!, changed: true };
  });
}
