// Completes Next's standalone output into a bundle that runs on its own: `next build` leaves
// out the static assets and public/ (meant for a CDN), which we serve from the same process.
// The Dockerfile and CI both run this one script, so CI tests exactly what ships.
import { cpSync, existsSync } from "node:fs";
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
console.log(`Standalone bundle ready: node ${path.relative(root, standalone)}/server.js`);
