import { expect, test } from "@playwright/test";

// Pages, route handlers, static assets and errors alike: a header missing on one of them is the
// page an attacker frames.
const paths = ["/login", "/api/health", "/orders", "/robots.txt", "/no-such-page"];

test("every answer forbids framing and sniffing and asks for HTTPS", async ({ request }) => {
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["strict-transport-security"], path).toContain("max-age=31536000");
  }
});
