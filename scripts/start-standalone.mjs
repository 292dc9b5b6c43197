// `npm start`: runs the standalone bundle exactly as the container does. The bundle's
// server.js changes into its own folder, so the embedded database is pinned to the project's
// .data/ here; otherwise a rebuild, which replaces .next/, would take the data with it.
import { existsSync } from "node:fs";
import path from "node:path";

const server = path.resolve(".next/standalone/server.js");
if (!existsSync(server)) {
  console.error("No standalone build found: run `npm run build` first.");
  process.exit(1);
}
process.env.DATA_DIR ??= path.resolve(".data");
process.env.NODE_ENV ??= "production";
await import(server);
