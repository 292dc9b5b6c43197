import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardTitle } from "@/components/ui/card";
import { runningVersion } from "@/lib/platform/version";

/** The commit and build time of the code this copy runs. */
export async function VersionSection() {
  const [t, format] = await Promise.all([getTranslations("settingsPage.version"), getFormatter()]);
  const { gitSha, dirty, buildTime } = runningVersion();
  const built = buildTime ? new Date(buildTime) : undefined;
  return (
    <Card aria-labelledby="version-title">
      <CardTitle id="version-title">{t("title")}</CardTitle>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("commit")}</dt>
        <dd data-testid="version-commit">
          {gitSha ? (
            <code className="font-mono" title={gitSha}>
              {gitSha.slice(0, 12)}
            </code>
          ) : (
            t("unknown")
          )}
          {dirty ? <span className="ml-2 text-slate-500">({t("localChanges")})</span> : null}
        </dd>
        <dt className="text-slate-600">{t("built")}</dt>
        <dd data-testid="version-built">
          {built && !Number.isNaN(built.getTime())
            ? format.dateTime(built, { dateStyle: "medium", timeStyle: "short" })
            : (buildTime ?? t("unknown"))}
        </dd>
      </dl>
      {gitSha ? null : <p className="mt-2 text-xs text-slate-500">{t("unknownHint")}</p>}
    </Card>
  );
}
