import { getFormatter, getTranslations } from "next-intl/server";
import { DeployPanel } from "@/components/settings/deploy-panel";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { User } from "@/db/schema/users";
import { ecsTarget } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { recentDeployments } from "@/lib/deploy/start-deploy";
import { trackDeployment } from "@/lib/deploy/track-deployment";
import { previewDeployAction, startDeployAction } from "./actions";
import { deployPanelLabels, deployProgressView, tagOf } from "./deploy-view";

// A finished deploy reads at a glance: green when the new version runs, red when it failed
// (whether or not the old one was put back); the mark repeats it for those who miss colour.
const deployTones: Record<string, BadgeTone> = {
  in_progress: "neutral",
  completed: "success",
  failed: "danger",
  rolled_back: "danger",
};

/** Deploy an image tag to the app's ECS service, follow the rollout, and the last deploys. */
export async function DeploySection({ user }: { user: User }) {
  const t = await getTranslations("settingsPage.deploy");
  const target = ecsTarget();
  if (!target) {
    return <p className="mt-1 text-sm text-slate-600">{t("notConfigured")}</p>;
  }
  const db = await database();
  const [labels, progress] = await Promise.all([
    deployPanelLabels(),
    trackDeployment(db, target, { user }),
  ]);
  return (
    <>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        {t("hint", {
          service: target.service,
          cluster: target.cluster,
          repository: target.imageRepository,
        })}
      </p>
      <DeployPanel
        labels={labels}
        preview={previewDeployAction}
        start={startDeployAction}
        progressUrl="/settings/deploy-progress"
        initial={progress ? await deployProgressView(progress) : undefined}
      />
      <DeployHistory user={user} />
    </>
  );
}

async function DeployHistory({ user }: { user: User }) {
  const [t, format, rows] = await Promise.all([
    getTranslations("settingsPage.deploy"),
    getFormatter(),
    recentDeployments(await database(), { user }),
  ]);
  return (
    <div className="mt-6">
      <h3 className="text-sm font-semibold text-slate-900">{t("historyTitle")}</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t("noHistory")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100" aria-label={t("historyTitle")}>
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <span className="text-slate-500">
                {format.dateTime(row.startedAt, { dateStyle: "medium", timeStyle: "short" })}
              </span>
              <span
                className="font-mono text-xs"
                title={`${row.fromImage ?? "—"} → ${row.toImage}`}
              >
                {tagOf(row.fromImage)} → {tagOf(row.toImage)}
              </span>
              <span className="text-slate-600">{row.requester ?? "shell"}</span>
              <Badge tone={deployTones[row.status]} data-status={row.status}>
                {row.status === "completed" ? "✓ " : row.status === "in_progress" ? "" : "✕ "}
                {t(`status.${row.status}`)}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
