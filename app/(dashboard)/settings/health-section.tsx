import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { User } from "@/db/schema/users";
import type { Problem, ServiceCheck } from "@/lib/platform/service-check";
import { checkSystemHealth } from "@/lib/monitoring/system-health";

type Translate = Awaited<ReturnType<typeof getTranslations<"settingsPage.health">>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

const when = { dateStyle: "medium", timeStyle: "short" } as const;

/** Telegram, Stripe and the database: ok, or each problem with what to do about it. */
export async function HealthList({ user }: { user: User }) {
  const [t, format, health] = await Promise.all([
    getTranslations("settingsPage.health"),
    getFormatter(),
    checkSystemHealth(user),
  ]);
  const { bot, stripe, database } = health;
  const rows: Array<{ key: string; name: string; check: ServiceCheck<unknown>; facts: string[] }> =
    [
      {
        key: "bot",
        name: t("bot"),
        check: bot,
        facts: [
          bot.facts.username ? t("facts.username", { username: bot.facts.username }) : "",
          bot.facts.webhookUrl ? t("facts.webhook", { url: bot.facts.webhookUrl }) : "",
          bot.facts.pendingUpdates !== undefined
            ? t("facts.pending", { count: bot.facts.pendingUpdates })
            : "",
          bot.facts.lastErrorAt
            ? t("facts.lastError", {
                at: format.dateTime(bot.facts.lastErrorAt, when),
                message: bot.facts.lastErrorMessage ?? "",
              })
            : "",
        ],
      },
      {
        key: "stripe",
        name: t("stripe"),
        check: stripe,
        facts: [
          stripe.facts.accountId
            ? t("facts.account", {
                name: stripe.facts.accountName ?? "",
                id: stripe.facts.accountId,
              })
            : "",
          stripe.facts.endpointUrl
            ? t("facts.endpoint", {
                url: stripe.facts.endpointUrl,
                status: stripe.facts.endpointStatus ?? "",
              })
            : "",
        ],
      },
      {
        key: "database",
        name: t("database"),
        check: database,
        facts: [
          database.facts.driver
            ? t("facts.database", {
                driver: database.facts.driver,
                ms: database.facts.latencyMs ?? 0,
              })
            : "",
          database.facts.migrationsExpected !== undefined
            ? t("facts.migrations", {
                applied: database.facts.migrationsApplied ?? 0,
                expected: database.facts.migrationsExpected,
              })
            : "",
        ],
      },
    ];
  return (
    <ul className="mt-4 divide-y divide-slate-100">
      {rows.map(({ key, name, check, facts }) => (
        <li key={key} className="py-3 text-sm" data-health={key}>
          <div className="flex items-center gap-2">
            <span className="font-medium text-slate-900">{name}</span>
            <Badge tone={check.ok ? "success" : "danger"}>
              {check.ok ? t("ok") : t("problem")}
            </Badge>
          </div>
          {facts.some(Boolean) ? (
            <p className="mt-1 break-words text-xs text-slate-600">
              {facts.filter(Boolean).join(" · ")}
            </p>
          ) : null}
          {check.problems.length > 0 ? (
            <ul className="mt-1 list-disc space-y-1 pl-5 text-red-800">
              {check.problems.map((problem) => (
                <li key={problem.code}>{describeProblem(t, format, problem)}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function describeProblem(t: Translate, format: Format, problem: Problem): string {
  const values = Object.fromEntries(
    Object.entries(problem.values ?? {}).map(([name, value]) => [
      name,
      value instanceof Date ? format.dateTime(value, when) : value,
    ]),
  );
  const key = `problems.${problem.code}`;
  return t.has(key) ? t(key as "problems.webhookMissing", values) : problem.code;
}
