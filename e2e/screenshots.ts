import path from "node:path";
import type { Page } from "@playwright/test";

// Kept by CI as artifacts: what each page looked like in the run.
export const screenshotDir = path.resolve("test-results/screenshots");

export function saveScreenshot(page: Page, name: string) {
  return page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
