import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { OverviewSkeleton } from "@/components/overview/overview-skeleton";
import { SalesChart } from "@/components/overview/sales-chart";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { User } from "@/db/schema/users";
import { botIdentity } from "@/lib/services";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { timeZoneOf } from "@/lib/auth/time-zone";
import { dailySales, postFunnel, salesSummary } from "@/lib/orders/sales-overview";
import { findBusiness } from "@/lib/invoices/business-details";
import { needsAttention } from "@/lib/orders/needs-attention";
import { AttentionCard } from "@/components/overview/attention-card";
import { GettingStarted } from "@/components/overview/getting-started";
import { PostFunnel } from "@/components/overview/post-funnel";

export const generateMetadata = () => sectionMetadata("overview");

export default async function OverviewPage() {
  const user = await requireUser();
  const [t, tSection, tApp] = await Promise.all([
    getTranslations("overviewPage"),
    getTranslations("overview"),
    getTranslations("app"),
  ]);
  // Only the warning names the bot; asking Telegram otherwise would hold up the page.
  const [bot, business] = await Promise.all([
    user.notificationsBlockedAt ? botIdentity() : undefined,
    findBusiness(await database(), user.id),
  ]);
  return (
    <>
      <PageHeader title={tSection("title")} description={tSection("description")} />
      {user.notificationsBlockedAt ? (
        <section
          id="notices-blocked"
          role="alert"
          className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
        >
          <h2 className="font-semibold">{t("blockedTitle")}</h2>
          <p className="mt-1">
            {bot ? t("blockedBody", { bot: bot.username }) : t("blockedBodyNoBot")}
          </p>
        </section>
      ) : null}
      {business ? null : (
        <section className="mb-6 rounded-xl border border-sky-200 bg-sky-50 p-4 text-sm text-sky-900">
          <h2 className="font-semibold">{t("businessMissingTitle")}</h2>
          <p className="mt-1">
            {t("businessMissingBody")}{" "}
            <Link href="/settings#business-title" className="font-semibold underline">
              {t("businessMissingLink")}
            </Link>
          </p>
        </section>
      )}
      <Suspense fallback={<OverviewSkeleton label={tApp("loading")} />}>
        <OverviewFigures user={user} />
      </Suspense>
    </>
  );
}

/**
 * Revenue, the daily chart and each post's funnel: the slow part, behind the skeleton. Before
 * anything sold or was even opened, the steps to a first sale instead.
 */
async function OverviewFigures({ user }: { user: User }) {
  const db = await database();
  const [t, tSection, format, summary, days, funnel, attention] = await Promise.all([
    getTranslations("overviewPage"),
    getTranslations("overview"),
    getFormatter(),
    salesSummary(db, user, timeZoneOf(user)),
    dailySales(db, user, timeZoneOf(user)),
    postFunnel(db, user),
    needsAttention(db, user),
  ]);
  const money = (minor: number, currency: string) =>
    format.number(minor / 100, { style: "currency", currency });
  if (summary.month.length === 0 && funnel.length === 0) {
    return (
      <>
        <AttentionCard attention={attention} />
        <GettingStarted />
      </>
    );
  }
  return (
    <>
      <AttentionCard attention={attention} />
      <div className="grid gap-4 sm:grid-cols-3">
        {(["today", "week", "month"] as const).map((window) => (
          <Card key={window} aria-labelledby={`sales-${window}`}>
            <h2 id={`sales-${window}`} className="text-sm font-medium text-slate-500">
              {t(window)}
            </h2>
            {summary[window].length === 0 ? (
              <p className="mt-2 text-2xl font-semibold text-slate-500">{t("noSales")}</p>
            ) : (
              summary[window].map((row) => (
                <p key={row.currency} className="mt-2">
                  <span className="block text-2xl font-semibold tabular-nums">
                    {money(row.revenue, row.currency)}
                  </span>
                  <span className="text-sm text-slate-600">
                    {t("orders", { count: row.orders })}
                  </span>
                </p>
              ))
            )}
          </Card>
        ))}
      </div>
      <Card className="mt-4" aria-labelledby="chart-title">
        <h2 id="chart-title" className="mb-3 text-sm font-medium text-slate-500">
          {t("chart")}
        </h2>
        <SalesChart days={days} currency={summary.month[0]?.currency ?? "EUR"} />
      </Card>
      <Card className="mt-4" aria-labelledby="funnel-title">
        <h2 id="funnel-title" className="mb-3 text-sm font-medium text-slate-500">
          {t("funnel")}
        </h2>
        {funnel.length === 0 ? (
          <p className="text-sm text-slate-500">{tSection("emptyBody")}</p>
        ) : (
          <PostFunnel funnel={funnel} labelledBy="funnel-title" />
        )}
      </Card>
    </>
  );
}
