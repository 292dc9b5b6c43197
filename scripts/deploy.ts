// `npm run deploy -- --tag v1.4.0`: the Settings page's Deploy from a shell. Same domain
// functions, same one-at-a-time rule and audit log; prints the rollout until it has finished.
// Exit code 0 when it completed, 1 when it was refused, failed or rolled back.
import { userInfo, hostname } from "node:os";
import { parseArgs } from "node:util";
import { ecsTarget } from "@/lib/services";
import { databaseConnection } from "@/lib/platform/database";
import { deployRefusalOf, startDeploy } from "@/lib/deploy/start-deploy";
import { isAppError } from "@/lib/platform/app-error";
import { trackDeployment, type DeployProgress } from "@/lib/deploy/track-deployment";
import { settings, SettingsError } from "@/lib/platform/env";

const usage = "Usage: npm run deploy -- --tag <image tag> [--interval <seconds between polls>]";
const actor = { shell: `${userInfo().username}@${hostname()}` };
const time = () => new Date().toISOString().slice(11, 19);

let intervalMs = 2000;

try {
  const { values } = parseArgs({
    options: { tag: { type: "string" }, interval: { type: "string", default: "2" } },
  });
  intervalMs = Math.max(0.1, Number(values.interval) || 2) * 1000;
  settings();
  if (!values.tag) throw new Error(usage);
  const target = ecsTarget();
  if (!target) {
    throw new Error(
      "Deploying is not set up: set ECS_CLUSTER, ECS_SERVICE and DEPLOY_IMAGE_REPOSITORY.",
    );
  }
  const connection = await databaseConnection();
  if (connection.driver === "pglite") {
    // PGlite is one process's file: the running app holds it.
    throw new Error(
      "The embedded database belongs to the running app: deploy from its Settings page, or set DATABASE_URL.",
    );
  }
  const db = connection.db;
  const started = await startDeploy(db, target, actor, { tag: values.tag });
  console.log(
    `${time()} deploying ${started.fromImage ?? "?"} → ${started.toImage} (service ${target.service} in cluster ${target.cluster})`,
  );
  process.once("SIGINT", () => {
    console.log("Stopped following; the rollout goes on (see Settings → Deploy).");
    process.exit(1);
  });
  const outcome = await follow(async () => trackDeployment(db, target, actor));
  await connection.close();
  process.exit(outcome === "completed" ? 0 : 1);
} catch (error) {
  console.error(describe(error));
  process.exit(1);
}

async function follow(read: () => Promise<DeployProgress | undefined>) {
  const seen = new Set<string>();
  let lastRollout = "";
  for (;;) {
    const progress = await read();
    if (!progress) throw new Error("the deployment row disappeared");
    const { deployment, detail, unreachable } = progress;
    for (const event of [...(detail.events ?? [])].reverse()) {
      const key = `${event.at} ${event.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      console.log(`${event.at.slice(11, 19)} ${event.message}`);
    }
    const rollout = detail.rollout;
    const line = rollout
      ? `rollout ${rollout.state}${rollout.phase === "rolling_back" ? " (rolling back)" : ""}: ${rollout.desired} desired, ${rollout.running} running, ${rollout.pending} pending`
      : "";
    if (line && line !== lastRollout) console.log(`${time()} ${line}`);
    lastRollout = line || lastRollout;
    if (unreachable) console.log(`${time()} ECS not reachable just now: ${unreachable}`);
    if (deployment.status !== "in_progress") {
      const reason = detail.reason ? `: ${detail.reason.replace(/\.$/, "")}` : "";
      const word = { completed: "Completed", failed: "Failed", rolled_back: "Rolled back" }[
        deployment.status
      ];
      console.log(`${time()} ${word}${deployment.status === "completed" ? "" : reason}.`);
      return deployment.status;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(error: unknown): string {
  if (error instanceof SettingsError) return error.message;
  if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    return `${(error as Error).message}\n${usage}`;
  }
  if (isAppError(error)) {
    const why = {
      forbidden: "Only admins may deploy.",
      invalidTag:
        "That is not a Docker tag: 1–128 of A-Z, a-z, 0-9, _, . and -, not starting with . or -.",
      notConfigured: "Deploying is not set up.",
      running: "A deploy is already running; wait until it has finished.",
      ecsFailed: `ECS refused: ${error.details.detail}`,
    };
    return why[deployRefusalOf(error)];
  }
  return error instanceof Error ? error.message : String(error);
}
