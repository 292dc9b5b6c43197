import { getTranslations } from "next-intl/server";
import { isSandbox, settings } from "@/lib/platform/env";

/** The page Stripe sends a buyer back to: what happened, and that Telegram is where to go. */
export async function CheckoutResult({
  outcome,
  orderNumber,
}: {
  outcome: "success" | "cancelled";
  orderNumber?: string;
}) {
  const [t, tSandbox] = await Promise.all([
    getTranslations("checkout"),
    getTranslations("sandbox"),
  ]);
  const number = orderNumber && /^\d{1,12}$/.test(orderNumber) ? orderNumber : undefined;
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6 py-12 text-center">
      {number ? (
        <p className="text-sm font-medium text-slate-500">{t("order", { number })}</p>
      ) : null}
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t(`${outcome}Title`)}</h1>
      <p className="mt-4 text-slate-700">{t(`${outcome}Body`)}</p>
      <p className="mt-6 text-sm text-slate-500">{t("backToTelegram")}</p>
      {isSandbox(settings()) ? (
        <a href="/sandbox" className="mt-4 text-sm font-semibold text-brand-600 underline">
          {tSandbox("backToSandbox")}
        </a>
      ) : null}
    </main>
  );
}
