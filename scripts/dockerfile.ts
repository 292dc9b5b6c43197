import { readFileSync } from "node:fs";

// Reads the Dockerfile the way its tests need it: no Docker engine here, so the tests check its
// instructions and run its runtime stage's commands with plain Node.

export interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions (comments and line continuations gone). */
export function parseDockerfile(text: string): Instruction[][] {
  const logical = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, " ") };
    if (instruction.keyword === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

export function readDockerfile(file = "Dockerfile") {
  const stages = parseDockerfile(readFileSync(file, "utf8"));
  const runtime = stages.at(-1) ?? [];
  const argsOf = (stage: Instruction[], keyword: string) =>
    stage.filter((instruction) => instruction.keyword === keyword).map(({ args }) => args);
  return {
    stages,
    build: stages[0] ?? [],
    runtime,
    argsOf,
    /** The runtime stage's ENV, with build arguments at their defaults. */
    runtimeEnv(): Record<string, string> {
      const defaults = Object.fromEntries(
        argsOf(runtime, "ARG").map((arg) => [arg.split("=")[0], arg.split("=")[1] ?? ""]),
      );
      const env: Record<string, string> = {};
      for (const line of argsOf(runtime, "ENV")) {
        for (const [, name = "", value = ""] of line.matchAll(/(\w+)=(\S*)/g)) {
          env[name] = value.replace(/^\$\{?(\w+)\}?$/, (_, arg: string) => defaults[arg] ?? "");
        }
      }
      return env;
    },
    /** An exec-form instruction's command (CMD, or HEALTHCHECK's CMD without its options). */
    execCommand(keyword: "CMD" | "HEALTHCHECK"): string[] {
      const [instruction = ""] = argsOf(runtime, keyword);
      const exec = (keyword === "CMD" ? /^(\[.*\])$/ : /\bCMD\s+(\[.*\])$/).exec(instruction);
      if (!exec?.[1]) throw new Error(`${keyword} is not in exec form: ${instruction}`);
      return JSON.parse(exec[1]) as string[];
    },
  };
}
