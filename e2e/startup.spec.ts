import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { mainPort } from "./ports";

interface Run {
  code: number | null;
  output: string;
  /** The "database ready" log line, if the app got that far. */
  ready?: { driver: string; applied: number };
}

/**
 * Starts the standalone bundle (as `npm start` and the container do) with the given settings
 * and waits until it exits or logs that its database is ready; then stops it.
 */
function startBundle(env: Record<string, string>, port: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
      env: { ...process.env, DATABASE_URL: "", PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = output.split("\n").find((l) => l.includes('"database ready"'));
      if (line) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = output.split("\n").find((l) => l.includes('"database ready"'));
      resolve({ code, output, ready: line ? JSON.parse(line) : undefined });
    });
  });
}

test("an invalid setting stops the app at start with a message naming it", async () => {
  const run = await startBundle({ DATABASE_URL: "not-a-url", LOG_LEVEL: "chatty" }, mainPort + 100);
  expect(run.code).not.toBe(0);
  expect(run.output).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
  expect(run.output).toContain("LOG_LEVEL:");
  expect(run.ready).toBeUndefined();
});

test("the embedded database survives a restart", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-restart-"));
  const first = await startBundle({ DATA_DIR: dataDir }, mainPort + 101);
  expect(first.ready).toMatchObject({ driver: "pglite" });
  expect(first.ready?.applied).toBeGreaterThan(0);

  // Same data directory: the schema (and anything in it) is still there.
  const second = await startBundle({ DATA_DIR: dataDir }, mainPort + 102);
  expect(second.ready).toMatchObject({ driver: "pglite", applied: 0 });
});
