import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readDockerfile } from "../scripts/dockerfile";
import { specPort } from "./ports";

// The other specs run the bundle where it was built, inside the repository: a package that
// file tracing left out would still be found in the repository's node_modules there. The
// container has only the bundle, so here it is copied away (symlinks as they are, as the
// Dockerfile's COPY does) and run with the Dockerfile's own ENV, CMD and HEALTHCHECK.
const port = specPort(70);
const dockerfile = readDockerfile();

function linksLeaving(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = path.resolve(dir, readlinkSync(file));
      return target.startsWith(root + path.sep) ? [] : [`${file} -> ${target}`];
    }
    return entry.isDirectory() ? linksLeaving(root, file) : [];
  });
}

test("the standalone bundle runs on its own, as in the container, and reports healthy", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const appDir = mkdtempSync(path.join(tmpdir(), "promo-container-"));
  let app: ChildProcess | undefined;
  // A server that failed to prepare may ignore SIGTERM; it must not outlive the test.
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!app || app.exitCode !== null || app.signalCode !== null) return resolve();
      const kill = setTimeout(() => app?.kill("SIGKILL"), 5000);
      app.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      app.kill("SIGTERM");
    });

  try {
    cpSync(".next/standalone", appDir, { recursive: true, verbatimSymlinks: true });
    expect(linksLeaving(appDir)).toEqual([]);

    // Only what the image sets: no DATABASE_URL, no tokens (the sandbox, on the embedded
    // database under the bundle's .data/), and none of this shell's settings.
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      ...dockerfile.runtimeEnv(),
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
    };
    const [probe, ...probeArgs] = dockerfile.execCommand("HEALTHCHECK");
    expect(probe).toBe("node");
    const healthCheck = () =>
      spawnSync(process.execPath, probeArgs, { cwd: appDir, env, timeout: 10_000 }).status;
    // Nothing else may answer on this port, or the probe would ask the wrong server.
    expect(healthCheck()).toBe(1);

    const [command, ...args] = dockerfile.execCommand("CMD");
    expect(command).toBe("node");
    app = spawn(process.execPath, args, { cwd: appDir, env, stdio: "inherit" });
    await expect.poll(healthCheck, { timeout: 60_000, intervals: [500] }).toBe(0);

    const base = `http://127.0.0.1:${port}`;
    const health = await request.get(`${base}/api/health`);
    expect(await health.json()).toMatchObject({ ready: true, database: { driver: "pglite" } });
    // Pages render, and their scripts and public/, copied in by the assemble script, are served.
    const login = await request.get(`${base}/login`);
    expect(login.status()).toBe(200);
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await login.text())?.[1];
    expect(script).toBeTruthy();
    expect((await request.get(`${base}${script}`)).status()).toBe(200);
    expect((await request.get(`${base}/robots.txt`)).status()).toBe(200);

    await stop();
    // Once it is gone, the same probe reports it unhealthy.
    expect(healthCheck()).toBe(1);
  } finally {
    await stop();
    rmSync(appDir, { recursive: true, force: true });
  }
});
