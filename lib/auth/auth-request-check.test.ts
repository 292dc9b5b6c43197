import { describe, expect, it } from "vitest";
import { refuseMalformedAuthRequest, safeRedirect } from "./auth-request-check";

const baseUrl = "https://shop.example.com";

describe("safeRedirect", () => {
  it("keeps paths and URLs of this site and sends everything else home", () => {
    expect(safeRedirect({ url: "/orders?x=1", baseUrl })).toBe(`${baseUrl}/orders?x=1`);
    expect(safeRedirect({ url: `${baseUrl}/settings`, baseUrl })).toBe(`${baseUrl}/settings`);
    expect(safeRedirect({ url: "//evil.example/x", baseUrl })).toBe(baseUrl);
    expect(safeRedirect({ url: "https://evil.example/", baseUrl })).toBe(baseUrl);
    expect(safeRedirect({ url: "javascript:alert(1)", baseUrl })).toBe(baseUrl);
    expect(safeRedirect({ url: "%", baseUrl })).toBe(baseUrl);
  });
});

describe("refuseMalformedAuthRequest", () => {
  const post = (type?: string) =>
    new Request(`${baseUrl}/api/auth/callback/telegram-widget`, {
      method: "POST",
      headers: type ? { "content-type": type } : {},
      body: "{}",
    });

  it("takes forms and refuses other bodies with 415", () => {
    expect(
      refuseMalformedAuthRequest(post("application/x-www-form-urlencoded"), [
        "callback",
        "telegram-widget",
      ]),
    ).toBeUndefined();
    expect(
      refuseMalformedAuthRequest(post("application/json"), ["callback", "telegram-widget"])?.status,
    ).toBe(415);
    expect(refuseMalformedAuthRequest(post(), ["signout"])?.status).toBe(415);
  });

  it("answers a GET to a form login's callback with 405", () => {
    const get = new Request(`${baseUrl}/api/auth/callback/telegram-widget`);
    expect(refuseMalformedAuthRequest(get, ["callback", "telegram-widget"])?.status).toBe(405);
    expect(
      refuseMalformedAuthRequest(new Request(`${baseUrl}/api/auth/csrf`), ["csrf"]),
    ).toBeUndefined();
  });
});
