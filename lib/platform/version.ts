import { readFileSync } from "node:fs";
import path from "node:path";
import { settings } from "./env";

/** What this process runs: the commit it was built from and when. */
export interface RunningVersion {
  gitSha?: string;
  /** The build left uncommitted changes in (a local build, not CI). */
  dirty?: boolean;
  buildTime?: string;
}

export const BUILD_INFO_FILE = "build-info.json";

/**
 * APP_GIT_SHA / APP_BUILD_TIME when the image sets them (the Dockerfile's build arguments),
 * else build-info.json, which `npm run build` writes into the standalone bundle (the server
 * runs from that folder), else nothing: the page says "unknown" rather than guess.
 */
export function runningVersion(
  config: { APP_GIT_SHA?: string; APP_BUILD_TIME?: string } = settings(),
  bundleDir = process.cwd(),
): RunningVersion {
  const file = readBuildInfo(path.join(bundleDir, BUILD_INFO_FILE));
  const fromEnvironment = Boolean(config.APP_GIT_SHA);
  return {
    gitSha: config.APP_GIT_SHA ?? file.gitSha,
    dirty: fromEnvironment ? undefined : file.dirty,
    buildTime: config.APP_BUILD_TIME ?? file.buildTime,
  };
}

function readBuildInfo(file: string): RunningVersion {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return {};
    const { gitSha, dirty, buildTime } = parsed as Record<string, unknown>;
    return {
      gitSha: typeof gitSha === "string" ? gitSha : undefined,
      dirty: typeof dirty === "boolean" ? dirty : undefined,
      buildTime: typeof buildTime === "string" ? buildTime : undefined,
    };
  } catch {
    return {};
  }
}
