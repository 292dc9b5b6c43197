// `npm run reconcile`: lists the Checkout Sessions completed in the last 24 hours at Stripe and
// records any paid one the app missed (what the app also does every 15 minutes by itself).
import { stripeClient } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { SettingsError } from "@/lib/platform/env";
import { reconcilePayments } from "@/lib/payments/reconcile-payments";

try {
  const stripe = stripeClient();
  if (!stripe) throw new Error("Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET first.");
  const report = await reconcilePayments(await database(), stripe);
  console.log(`Checked ${report.checked} paid Checkout Session(s) of the last 24 hours.`);
  for (const { orderNumber, sessionId } of report.repaired) {
    console.log(`Repaired: order #${orderNumber} is now paid (${sessionId}).`);
  }
  for (const sessionId of report.unknown) {
    console.log(`Not ours: ${sessionId} names no order of this shop.`);
  }
  if (report.repaired.length === 0) console.log("Nothing was missing.");
  process.exit(0);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : (error as Error).message);
  process.exit(1);
}
