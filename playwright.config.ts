import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumFlags, chromiumPath } from "./e2e/chromium-flags";
import { mainPort as port } from "./e2e/ports";
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL,
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  // The exact standalone bundle the Dockerfile ships, on a fresh embedded database: what a
  // newcomer's first run and a container both serve. `npm run test:e2e` builds it first.
  webServer: {
    command: "node scripts/start-standalone.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "promo-e2e-")),
      PUBLIC_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Empty means unset: the embedded default, whatever the calling shell exports.
      DATABASE_URL: "",
    },
  },
});
