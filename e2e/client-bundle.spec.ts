import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Server components translate and client components get finished strings, so next-intl must
// never reach the browser again (its message formatter alone is ~12 kB gzip per form page).
// Its error codes survive minification; any client chunk that carries them bundles next-intl.
const nextIntlMarkers = ["MISSING_MESSAGE", "INSUFFICIENT_PATH", "ENVIRONMENT_FALLBACK"];

test("no client chunk of the build bundles next-intl", () => {
  const chunks = path.join(".next", "static", "chunks");
  const files = readdirSync(chunks, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".js"),
  );
  expect(files.length).toBeGreaterThan(0);
  const withIntl = files.filter((file) => {
    const source = readFileSync(path.join(chunks, file), "utf8");
    return nextIntlMarkers.some((marker) => source.includes(marker));
  });
  expect(withIntl).toEqual([]);
});
