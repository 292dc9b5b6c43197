import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const base = "https://shop.example";

describe("where the browser goes after signing in", () => {
  it("is any page of the app it asked for", () => {
    expect(safeCallbackUrl("/orders?status=paid", base)).toBe(`${base}/orders?status=paid`);
    expect(safeCallbackUrl(`${base}/products/new`, base)).toBe(`${base}/products/new`);
  });

  it("is the app's root for another site, a script or no address at all, never an error", () => {
    for (const url of [
      "%",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/login",
      "https://shop.example.evil.example/",
      "javascript:alert(document.cookie)",
      "data:text/html,<script>alert(1)</script>",
      "/%E0%A4%A",
      "http://[::1",
    ]) {
      expect(safeCallbackUrl(url, base), url).toBe(base);
    }
  });
});
