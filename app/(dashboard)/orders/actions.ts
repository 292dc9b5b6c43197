"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { stripeClient } from "@/lib/platform/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { InvalidTransition, OrderNotFound } from "@/lib/platform/errors";
import { changeOrderStatus, changeOrdersStatus } from "@/lib/orders/change-order-status";
import { refundOrder } from "@/lib/orders/refund-order";
import { kickNotificationWorker } from "@/lib/jobs/start-worker";
import { withRequestLog } from "@/lib/platform/request-log";

export interface OrderActionState {
  message?: "changed" | "refundRequested" | "cannot";
}

export async function orderAction(
  _state: OrderActionState,
  form: FormData,
): Promise<OrderActionState> {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const orderId = String(form.get("orderId") ?? "");
    const action = String(form.get("action") ?? "");
    const db = await database();
    try {
      if (action === "refund") {
        const stripe = stripeClient();
        if (!stripe) return { message: "cannot" };
        await refundOrder(db, stripe, user, orderId);
        revalidatePath(`/orders/${orderId}`);
        return { message: "refundRequested" };
      }
      const to = ({ ship: "shipped", deliver: "delivered", cancel: "cancelled" } as const)[
        action as "ship" | "deliver" | "cancel"
      ];
      if (!to) return { message: "cannot" };
      const tracking = String(form.get("tracking") ?? "").trim();
      await changeOrderStatus(
        db,
        { userId: user.id, role: user.role },
        { orderId, to, trackingNumber: tracking || undefined },
      );
      kickNotificationWorker();
      revalidatePath(`/orders/${orderId}`);
      revalidatePath("/orders");
      return { message: "changed" };
    } catch (error) {
      if (error instanceof InvalidTransition || error instanceof OrderNotFound) {
        return { message: "cannot" };
      }
      throw error;
    }
  });
}

export interface BulkState {
  changed?: number;
  skipped?: number;
}

export async function bulkOrderAction(_state: BulkState, form: FormData): Promise<BulkState> {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const to = form.get("to") === "delivered" ? "delivered" : "shipped";
    const result = await changeOrdersStatus(
      await database(),
      { userId: user.id, role: user.role },
      form.getAll("orderId").map(String),
      to,
    );
    kickNotificationWorker();
    revalidatePath("/orders");
    return result;
  });
}
