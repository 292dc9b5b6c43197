"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { stripeClient } from "@/lib/platform/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { reconcileNow } from "@/lib/payments/reconcile-payments";
import { withRequestLog } from "@/lib/platform/request-log";

export type ReconcileState =
  | { outcome?: undefined }
  | { outcome: "ran"; checked: number; repaired: number }
  | { outcome: "failed"; error: string }
  | { outcome: "forbidden" };

/** Reconciles now instead of at the next quarter hour (admins only, decided in lib). */
export async function reconcileAction(): Promise<ReconcileState> {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const stripe = stripeClient();
    if (!stripe) return { outcome: "failed", error: "Stripe is not configured" };
    try {
      const report = await reconcileNow(await database(), stripe, user);
      if (!report) return { outcome: "forbidden" };
      revalidatePath("/monitoring");
      return { outcome: "ran", checked: report.checked, repaired: report.repaired.length };
    } catch (error) {
      return { outcome: "failed", error: (error as Error).message };
    }
  });
}
