// Completes Next's standalone output into a bundle that runs on its own: `next build` leaves
// out the static assets and public/ (meant for a CDN), which we serve from the same process.
// The Dockerfile and CI both run this one script, so CI tests exactly what ships.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const standalone = path.join(root, ".next/standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error("No .next/standalone/server.js: run `next build` with output: 'standalone' first.");
  process.exit(1);
}
cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
// Next's file tracing already copies db/migrations (next.config.ts); checked here because a
// bundle without them would start and then fail every readiness probe.
if (!existsSync(path.join(standalone, "db/migrations/meta/_journal.json"))) {
  console.error("The standalone bundle has no db/migrations: check outputFileTracingIncludes.");
  process.exit(1);
}
// What Settings shows as the running version when the image does not set APP_GIT_SHA and
// APP_BUILD_TIME (the Dockerfile's build arguments, which win when present). A build without
// git (a Docker context without .git) records no commit rather than failing.
const git = (...args) => {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return undefined;
  }
};
const gitSha = process.env.APP_GIT_SHA || git("rev-parse", "HEAD");
const buildInfo = {
  gitSha: gitSha || null,
  dirty: process.env.APP_GIT_SHA
    ? undefined
    : gitSha
      ? git("status", "--porcelain") !== ""
      : undefined,
  buildTime: process.env.APP_BUILD_TIME || new Date().toISOString(),
};
writeFileSync(path.join(standalone, "build-info.json"), `${JSON.stringify(buildInfo, null, 2)}\n`);

console.log(`Standalone bundle ready: node ${path.relative(root, standalone)}/server.js`);
