import { z } from "zod";
import type { Database } from "@/db/client";
import { orderStatuses } from "@/db/schema/orders";
import { AppError, isAppError, parseInput, type AppErrorCode } from "@/lib/platform/app-error";
import { transitionOrder } from "./transition-order";
import { requireOrder } from "./find-order";
import type { User } from "@/db/schema/users";
import { enqueue } from "@/lib/jobs/outbox";
import { orderStatusBuyerNotice } from "./buyer-notices";

// Messages are keys the faces word. A tracking number is a carrier's code: 100 characters hold
// any carrier's; the column is text, so the limit is ours and said at the field.
export const changeOrderStatusInput = z.object({
  orderId: z.uuid("invalidId"),
  to: z.enum(orderStatuses, "invalidStatus"),
  trackingNumber: z.string().trim().min(1).max(100, "tooLong").optional(),
  note: z.string().trim().max(500, "tooLong").optional(),
});

/** Who changes it: a seller (their own orders) or an admin (any). */
export type Changer = Pick<User, "id" | "role">;

// What a seller may do by hand; payment states belong to Stripe's events, and cancelling
// moves money too (cancel-order.ts).
const sellerTargets = new Set(["shipped", "delivered"]);

/**
 * A seller (or admin) moves an order on: paid → shipped → delivered. Scoped
 * to the seller's own orders (another seller's order is "not found", revealing nothing), and
 * the buyer is told through the outbox in the same transaction.
 */
export async function changeOrderStatus(
  db: Database,
  changer: Changer,
  input: z.input<typeof changeOrderStatusInput>,
) {
  // Refused with `invalid` and the field named, like every other input, never a bare ZodError.
  const change = parseInput(changeOrderStatusInput, input, "order_change");
  return db.transaction(async (tx) => {
    const order = await requireOrder(tx, changer, change.orderId, { lock: true });
    if (!sellerTargets.has(change.to))
      throw new AppError("conflict", "transition", { from: order.status, to: change.to });
    const updated = await transitionOrder(
      tx,
      order,
      change.to,
      { kind: changer.role, userId: changer.id },
      change.trackingNumber ? { trackingNumber: change.trackingNumber } : {},
      change.note,
    );
    await enqueue(tx, orderStatusBuyerNotice.of({ orderId: order.id, variant: change.to }));
    return updated;
  });
}

const skippedRefusals = new Set<AppErrorCode>(["conflict", "not_found", "invalid"]);

/**
 * The same change for several orders (the table's bulk action). Each order changes in its own
 * transaction; one that cannot (wrong status, not the seller's, not an order id at all) is
 * skipped, not fatal.
 */
export async function changeOrdersStatus(
  db: Database,
  changer: Changer,
  orderIds: string[],
  to: z.input<typeof changeOrderStatusInput>["to"],
) {
  const result = { changed: 0, skipped: 0 };
  for (const orderId of orderIds.slice(0, 100)) {
    try {
      await changeOrderStatus(db, changer, { orderId, to });
      result.changed += 1;
    } catch (error) {
      if (!isAppError(error) || !skippedRefusals.has(error.code)) throw error;
      result.skipped += 1;
    }
  }
  return result;
}
