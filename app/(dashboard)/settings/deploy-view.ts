import { getFormatter, getTranslations } from "next-intl/server";
import type { DeployPanelLabels, DeployProgressView } from "@/components/settings/deploy-types";
import type { DeployProgress } from "@/lib/deploy/track-deployment";

const dateTime = { dateStyle: "medium", timeStyle: "medium" } as const;

/** A deployment, with its progress, in the request's language: what the panel shows. */
export async function deployProgressView(progress: DeployProgress): Promise<DeployProgressView> {
  const [t, format] = await Promise.all([getTranslations("settingsPage.deploy"), getFormatter()]);
  const { deployment, detail, unreachable } = progress;
  const started = format.dateTime(deployment.startedAt, dateTime);
  const rollout = detail.rollout;
  const finished = deployment.status !== "in_progress";
  return {
    id: deployment.id,
    finished,
    tone: !finished ? "progress" : deployment.status === "completed" ? "ok" : "bad",
    status: t(`status.${deployment.status}`),
    from: deployment.fromImage ?? "—",
    to: deployment.toImage,
    started: deployment.requester
      ? t("startedBy", { name: deployment.requester, date: started })
      : t("startedFromShell", { date: started }),
    ...(deployment.finishedAt
      ? { finishedAt: t("finishedAt", { date: format.dateTime(deployment.finishedAt, dateTime) }) }
      : {}),
    ...(rollout
      ? {
          rollout: t(rollout.phase === "rolling_back" ? "rollback" : "rollout", {
            state: t.has(`rolloutStates.${rollout.state}`)
              ? t(`rolloutStates.${rollout.state}`)
              : rollout.state,
            desired: rollout.desired,
            running: rollout.running,
            pending: rollout.pending,
          }),
        }
      : {}),
    ...(!finished && rollout?.phase === "rolling_back"
      ? { note: `${t("rollingBack")} ${detail.reason ?? ""}`.trim() }
      : detail.reason && deployment.status !== "completed"
        ? { note: detail.reason }
        : {}),
    ...(unreachable ? { unreachable: t("unreachable", { error: unreachable }) } : {}),
    events: (detail.events ?? []).map((event) => ({
      at: format.dateTime(new Date(event.at), { timeStyle: "medium" }),
      message: event.message,
    })),
  };
}

export async function deployPanelLabels(): Promise<DeployPanelLabels> {
  const t = await getTranslations("settingsPage.deploy");
  return {
    tag: t("tag"),
    tagHint: t("tagHint"),
    continue: t("continue"),
    confirmTitle: t("confirmTitle"),
    from: t("from"),
    to: t("to"),
    confirm: t("confirm"),
    back: t("back"),
    checking: t("checking"),
    events: t("events"),
    errors: {
      invalidTag: t("errors.invalidTag"),
      running: t("errors.running"),
      notConfigured: t("errors.notConfigured"),
      forbidden: t("errors.forbidden"),
      // Filled in the browser with ECS's message.
      ecsFailed: t.raw("errors.ecsFailed") as string,
    },
  };
}

/** The tag of an image reference, for the short history list (the full image is its title). */
export function tagOf(image: string | null): string {
  if (!image) return "—";
  const name = image.split("/").at(-1) ?? image;
  return name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
}
