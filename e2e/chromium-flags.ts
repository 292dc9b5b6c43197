// Playwright cannot download its own browsers here; Debian's Chromium is the real browser,
// started with these flags by the e2e suite and by the Lighthouse bench alike.
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
