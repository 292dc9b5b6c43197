// `npm run bench:lighthouse`: Lighthouse's mobile performance score (its default: a mid-range
// phone on slow 4G, simulated) for /login, / and /orders of the standalone build, started as
// the container starts it on the embedded default with the demo shop, signed in as its test
// seller. Each page is measured RUNS times in Debian's Chromium; the median run is reported
// with its metrics. Writes its section of docs/benchmarks.md, and each page's
// full report to test-results/lighthouse/. Needs `npm run build` first.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromiumFlags, chromiumPath } from "@/e2e/chromium-flags";
import { startStandaloneApp } from "@/e2e/standalone-app";
import { machine, writeSection } from "./report";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3461);
const pages = ["/login", "/", "/orders"];
/** What the issue asks of each page. */
const TARGET = 90;
const REPORTS = "test-results/lighthouse";

const app = await startStandaloneApp(PORT, {}, { echo: false });
const chrome = await launch({
  chromePath: chromiumPath,
  chromeFlags: [...chromiumFlags, "--headless=new"],
});

try {
  const cookie = await signInAsTestSeller();
  const rows: string[] = [];
  const scores: number[] = [];
  for (const page of pages) {
    // One unmeasured visit first: the server's first render of a route includes compiling
    // nothing, but warms its caches as any running container's are.
    await fetch(`${app.url}${page}`, { headers: { cookie } });
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(`${app.url}${page}`, cookie));
    runs.sort((a, b) => a.score - b.score);
    const median = runs[Math.floor(runs.length / 2)]!;
    scores.push(median.score);
    rows.push(
      `| ${page} | **${median.score}** | ${runs.map((run) => run.score).join(", ")} | ${median.fcp} | ${median.lcp} | ${median.tbt} | ${median.cls} | ${median.si} |`,
    );
  }
  await writeSection(
    "Lighthouse: mobile performance",
    `${machine()}, Lighthouse ${lighthouseVersion()}, Debian's Chromium, headless.

\`npm run bench:lighthouse\`: the standalone build on the embedded default (the demo shop),
signed in as its test seller for / and /orders. Lighthouse's default mobile profile: a Moto G
Power-class phone, slow 4G and 4× CPU slowdown, simulated. ${RUNS} runs per page, the median
reported; the target is ${TARGET} or more on each.

| Page | Score | Runs | First Contentful Paint | Largest Contentful Paint | Total Blocking Time | Cumulative Layout Shift | Speed Index |
| ---- | ----: | ---- | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

${scores.every((score) => score >= TARGET) ? `Every page is at ${TARGET} or more.` : `Below ${TARGET}: ${pages.filter((_, i) => scores[i]! < TARGET).join(", ")}.`}`,
  );
  if (scores.some((score) => score < TARGET)) process.exitCode = 1;
} finally {
  await chrome.kill();
  await app.stop();
}

async function measure(url: string, cookie: string) {
  const result = await lighthouse(
    url,
    {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      extraHeaders: { cookie },
    },
    undefined,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  // The whole report, for finding what costs the points (open it in Lighthouse's viewer).
  mkdirSync(REPORTS, { recursive: true });
  const name = new URL(url).pathname.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "overview";
  writeFileSync(path.join(REPORTS, `${name}.json`), result.report as string);
  const { categories, audits, runtimeError, finalDisplayedUrl } = result.lhr;
  if (runtimeError) throw new Error(`${url}: ${runtimeError.code} ${runtimeError.message}`);
  // Signed out, / would be measured as the login page: the cookie must have counted.
  if (new URL(finalDisplayedUrl).pathname !== new URL(url).pathname) {
    throw new Error(`${url} ended at ${finalDisplayedUrl}`);
  }
  const shown = (id: string) => audits[id]?.displayValue ?? "–";
  return {
    score: Math.round((categories.performance?.score ?? 0) * 100),
    fcp: shown("first-contentful-paint"),
    lcp: shown("largest-contentful-paint"),
    tbt: shown("total-blocking-time"),
    cls: shown("cumulative-layout-shift"),
    si: shown("speed-index"),
  };
}

/** The login page's "Log in as test seller", as next-auth's credentials callback takes it. */
async function signInAsTestSeller(): Promise<string> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${app.url}/api/auth/callback/sandbox`, {
    method: "POST",
    headers: { cookie: jar.join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ as: "seller", csrfToken, json: "true" }),
    redirect: "manual",
  });
  jar.push(...signedIn.headers.getSetCookie().map((c) => c.split(";")[0]!));
  if (!jar.some((c) => c.includes("session-token"))) throw new Error("sign-in failed");
  return jar.join("; ");
}

function lighthouseVersion(): string {
  return (createRequire(import.meta.url)("lighthouse/package.json") as { version: string }).version;
}
