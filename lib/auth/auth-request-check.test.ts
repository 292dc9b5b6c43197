import { describe, expect, it } from "vitest";
import { refuseMalformedAuthRequest } from "./auth-request-check";

const baseUrl = "https://shop.example.com";

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
