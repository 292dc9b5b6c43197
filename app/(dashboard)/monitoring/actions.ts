"use server";

import { revalidatePath } from "next/cache";
import { stripeClient } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { reconcileNow } from "@/lib/payments/reconcile-payments";
import { signedInAction } from "@/lib/auth/signed-in-action";
import { isAppError } from "@/lib/platform/app-error";
import type { ReconcileState } from "@/components/monitoring/reconcile-button";

/** Reconciles now instead of at the next quarter hour (admins only, decided in lib). */
export const reconcileAction = signedInAction(
  async (user): Promise<ReconcileState> => {
    const stripe = stripeClient();
    if (!stripe) return { outcome: "failed", error: "Stripe is not configured" };
    try {
      const report = await reconcileNow(await database(), stripe, user);
      revalidatePath("/monitoring");
      return { outcome: "ran", checked: report.checked, repaired: report.repaired.length };
    } catch (error) {
      // A refusal is worded below; Stripe unreachable or refusing shows its own message.
      if (isAppError(error)) throw error;
      return { outcome: "failed", error: (error as Error).message };
    }
  },
  {
    refused: (error): ReconcileState =>
      error.code === "forbidden"
        ? { outcome: "forbidden" }
        : { outcome: "failed", error: error.message },
  },
);
