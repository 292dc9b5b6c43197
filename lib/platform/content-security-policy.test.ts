import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, type PolicyOptions } from "./content-security-policy";

const live: PolicyOptions = {
  nonce: "bm9uY2U=",
  https: true,
  development: false,
  telegramLoginWidget: false,
};

/** The policy as a browser reads it: directive name → its sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("the pages' Content-Security-Policy", () => {
  it("runs only scripts carrying the request's nonce, and what they load, never inline code", () => {
    const policy = parse(contentSecurityPolicy(live));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(contentSecurityPolicy(live)).not.toContain("unsafe-inline");
    expect(contentSecurityPolicy(live)).not.toContain("unsafe-eval");
  });

  it("forbids framing the app, plugins, other base URLs and forms posting elsewhere", () => {
    const policy = parse(contentSecurityPolicy(live));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  });

  it("upgrades insecure requests only where the app is reached over https", () => {
    expect(parse(contentSecurityPolicy(live)).has("upgrade-insecure-requests")).toBe(true);
    const http = parse(contentSecurityPolicy({ ...live, https: false }));
    expect(http.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets the login page load Telegram's Login Widget and its frame, and no other page", () => {
    const login = parse(contentSecurityPolicy({ ...live, telegramLoginWidget: true }));
    expect(login.get("script-src")).toContain("https://telegram.org");
    expect(login.get("script-src")).toContain("'unsafe-eval'");
    expect(login.get("frame-src")).toEqual(["https://oauth.telegram.org"]);
    expect(login.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows what `next dev` needs only in development", () => {
    const dev = parse(contentSecurityPolicy({ ...live, development: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
