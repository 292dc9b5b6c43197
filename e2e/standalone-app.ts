import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Starts the standalone bundle the container ships on its own port with the given settings
 * (an embedded database in a fresh folder unless DATABASE_URL is given) and waits until it is
 * healthy.
 */
export async function startStandaloneApp(port: number, settings: Record<string, string>) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [".next/standalone/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: "",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "promo-app-")),
      PUBLIC_URL: url,
      LOG_LEVEL: "warn",
      ...settings,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 150; i++) {
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      return {
        url,
        stop: () =>
          new Promise<void>((resolve) => {
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the app on ${url} did not become healthy`);
}
