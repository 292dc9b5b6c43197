import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { isSandbox, settings } from "@/lib/platform/env";

/**
 * The overview before the first sale: instead of three "No sales" cards and a blank chart,
 * the steps to a first sale, each a link to where it is done. The sandbox step only where the
 * sandbox runs.
 */
export async function GettingStarted() {
  const t = await getTranslations("overviewPage.gettingStarted");
  const steps = [
    { key: "addProduct", href: "/products/new" },
    { key: "connectChannel", href: "/channels" },
    { key: "publish", href: "/products" },
    ...(isSandbox(settings()) ? [{ key: "tryPurchase", href: "/sandbox" }] : []),
  ] as const;
  return (
    <EmptyState title={t("title")} body={t("body")}>
      <ol className="mx-auto mt-6 max-w-md space-y-3 text-left">
        {steps.map((step, i) => (
          <li key={step.key} className="flex gap-3">
            <span
              aria-hidden="true"
              className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700"
            >
              {i + 1}
            </span>
            <span className="text-sm">
              <Link
                href={step.href}
                className="font-semibold text-brand-700 underline-offset-2 hover:underline"
              >
                {t(`${step.key}.link`)}
              </Link>
              <span className="block text-slate-600">{t(`${step.key}.hint`)}</span>
            </span>
          </li>
        ))}
      </ol>
    </EmptyState>
  );
}
