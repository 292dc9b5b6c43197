import { getTranslations } from "next-intl/server";
import { isSandbox, settings } from "@/lib/platform/env";

/**
 * On every page while Telegram and Stripe are simulated, so nobody mistakes it for a live shop.
 * The seller's pages say how to go live; a buyer's (`compact`) only that nothing is real, on one
 * line: the variable names mean nothing to a buyer and took a phone's first 135 px.
 */
export async function SandboxBanner({ compact = false }: { compact?: boolean }) {
  if (!isSandbox(settings())) return null;
  const t = await getTranslations("sandbox");
  // A named landmark: outside of one, a screen reader's landmark navigation never reaches it.
  if (compact) {
    return (
      <div role="region" aria-label={t("bannerLabel")}>
        <p
          role="note"
          className="truncate bg-amber-100 px-4 py-1 text-center text-xs text-amber-900"
        >
          {t("compactBanner")}
        </p>
      </div>
    );
  }
  return (
    <div role="region" aria-label={t("bannerLabel")}>
      <p role="note" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
        {t("banner")}{" "}
        <a href="/sandbox" className="font-semibold underline">
          {t("openSandbox")}
        </a>
      </p>
    </div>
  );
}
