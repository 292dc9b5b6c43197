// Runs the webhook benchmark's load generator (bench/load.ts) in a child process and returns
// its figures; children still running when the benchmark ends are stopped.
import { spawn, type ChildProcess } from "node:child_process";
import type { Figures, LoadSpec } from "./load";

const children = new Set<ChildProcess>();

/** Starts a bench/ script in its own Node process, with tsx for TypeScript. */
export function spawnScript(script: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Stops every child this module started (at the benchmark's end, success or failure). */
export function stopChildren() {
  for (const child of children) child.kill("SIGTERM");
}

export function runLoad(spec: LoadSpec): Promise<Figures> {
  const child = spawnScript("bench/load.ts", [JSON.stringify(spec)]);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const last = output.trim().split("\n").pop() ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as Figures);
      else reject(new Error(`the load generator failed (exit ${code}): ${output.slice(-500)}`));
    });
  });
}

/** Starts the bare node:http + pg baseline (bench/bare-ingest.ts) and waits until it listens. */
export function startBareIngest(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawnScript("bench/bare-ingest.ts", [String(port), databaseUrl]);
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`the baseline server exited (${code})`)));
  });
}
