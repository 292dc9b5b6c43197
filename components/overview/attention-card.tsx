import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { needsAttention } from "@/lib/orders/needs-attention";

type Attention = Awaited<ReturnType<typeof needsAttention>>;

/**
 * "Needs your attention": what the seller should act on, each a count linking to the list
 * that shows exactly those. Only what is there is listed, so an empty card means all done.
 */
export async function AttentionCard({ attention }: { attention: Attention }) {
  const t = await getTranslations("overviewPage.attention");
  const items = [
    { key: "toShip", count: attention.toShip, href: "/orders?status=paid" },
    {
      key: "paymentProblems",
      count: attention.paymentProblems,
      href: "/orders?status=payment_failed",
    },
    { key: "soldOut", count: attention.soldOut, href: "/products" },
  ] as const;
  const shown = items.filter((item) => item.count > 0);
  return (
    <Card aria-labelledby="attention-title" className="mb-4">
      <h2 id="attention-title" className="text-sm font-semibold text-slate-900">
        {t("title")}
      </h2>
      {shown.length === 0 && !attention.noticesBlocked ? (
        <p className="mt-2 text-sm text-slate-600">{t("allDone")}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {shown.map((item) => (
            <li key={item.key}>
              <Link
                href={item.href}
                data-attention={item.key}
                className="font-semibold text-brand-700 hover:underline"
              >
                {t(item.key, { count: item.count })}
              </Link>
            </li>
          ))}
          {attention.noticesBlocked ? (
            <li>
              <a
                href="#notices-blocked"
                data-attention="noticesBlocked"
                className="font-semibold text-red-700 hover:underline"
              >
                {t("noticesBlocked")}
              </a>
            </li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}
