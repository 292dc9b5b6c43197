import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", "infra/cdk.out/**"],
    // Starts one throwaway PostgreSQL server for all integration tests (or uses
    // TEST_DATABASE_URL); each test file then makes its own database on it.
    globalSetup: ["test/global-setup.ts"],
    environment: "node",
    // The app's JSON logs would bury the test report; tests assert behaviour, not log lines.
    env: { LOG_LEVEL: "silent" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
