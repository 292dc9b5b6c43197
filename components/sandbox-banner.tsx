import { getTranslations } from "next-intl/server";
import { isSandbox, settings } from "@/lib/platform/env";

/** On every page while Telegram and Stripe are simulated, so nobody mistakes it for a live shop. */
export async function SandboxBanner() {
  if (!isSandbox(settings())) return null;
  const t = await getTranslations("sandbox");
  return (
    <div role="note" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
      {t("banner")}{" "}
      <a href="/sandbox" className="font-semibold underline">
        {t("openSandbox")}
      </a>
    </div>
  );
}
