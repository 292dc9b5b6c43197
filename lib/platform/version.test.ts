import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_INFO_FILE, runningVersion } from "./version";

const bundle = (info?: unknown) => {
  const dir = mkdtempSync(path.join(tmpdir(), "promo-version-"));
  if (info !== undefined) {
    writeFileSync(
      path.join(dir, BUILD_INFO_FILE),
      typeof info === "string" ? info : JSON.stringify(info),
    );
  }
  return dir;
};

describe("the running version", () => {
  const built = { gitSha: "b".repeat(40), dirty: true, buildTime: "2026-05-01T08:00:00.000Z" };

  it("comes from the image's settings first", () => {
    expect(
      runningVersion(
        { APP_GIT_SHA: "a1b2c3d", APP_BUILD_TIME: "2026-05-04T10:00:00Z" },
        bundle(built),
      ),
    ).toEqual({ gitSha: "a1b2c3d", dirty: undefined, buildTime: "2026-05-04T10:00:00Z" });
  });

  it("falls back to the build-info.json the build wrote into the bundle", () => {
    expect(runningVersion({}, bundle(built))).toEqual(built);
  });

  it("knows nothing rather than guessing without either, or from a damaged file", () => {
    expect(runningVersion({}, bundle())).toEqual({});
    expect(runningVersion({}, bundle("{not json"))).toEqual({});
  });
});
