import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface StandaloneAppOptions {
  /** Copy the app's output to this process's (the default); off, it is only kept in `output()`. */
  echo?: boolean;
  /** Keep the output for `output()` (the default); a benchmark's thousands of lines are not. */
  keep?: boolean;
  /** Set PUBLIC_URL to the app's address (the default); off, it is left unset, as in development. */
  publicUrl?: boolean;
}

/**
 * Starts the standalone bundle the container ships on its own port with the given settings
 * (an embedded database in a fresh folder unless DATABASE_URL is given) and waits until it is
 * healthy. Started again with the same DATABASE_URL (or DATA_DIR) after `kill()`, it is the
 * same shop after a crash.
 */
export async function startStandaloneApp(
  port: number,
  settings: Record<string, string>,
  { echo = true, keep: keepOutput = true, publicUrl = true }: StandaloneAppOptions = {},
) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [".next/standalone/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: "",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "promo-app-")),
      // Empty means unset to the app, whatever the calling shell exports.
      PUBLIC_URL: publicUrl ? url : "",
      LOG_LEVEL: "warn",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The app logs JSON lines on stdout; a test reads them to say why something failed.
  const output: string[] = [];
  const keep = (target: NodeJS.WriteStream) => {
    // A chunk may end mid-line: the rest of that line comes with the next one.
    let partial = "";
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      if (keepOutput) output.push(...lines.filter(Boolean));
      if (echo) target.write(chunk);
    };
  };
  child.stdout.on("data", keep(process.stdout));
  child.stderr.on("data", keep(process.stderr));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  for (let i = 0; i < 150; i++) {
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      return {
        url,
        pid: child.pid,
        /** The app's output so far, one line each (JSON log lines, mostly). */
        output: () => [...output],
        stop: () => end("SIGTERM"),
        /** kill -9: no shutdown, whatever was under way is cut off where it was. */
        kill: () => end("SIGKILL"),
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the app on ${url} did not become healthy:\n${output.slice(-20).join("\n")}`);
}
