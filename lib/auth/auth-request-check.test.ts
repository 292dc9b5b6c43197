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

  it("refuses a callbackUrl next-auth could not read with 400, and drops such a cookie", () => {
    const get = (query: string, cookie?: string) =>
      refuseMalformedAuthRequest(
        new Request(`${baseUrl}/api/auth/csrf?${query}`, cookie ? { headers: { cookie } } : {}),
        ["csrf"],
      );
    expect(get("callbackUrl=%25")?.status).toBe(400);
    expect(get("callbackUrl=javascript:alert(1)")?.status).toBe(400);
    expect(get("callbackUrl=%2Forders")).toBeUndefined();
    expect(get("callbackUrl=https%3A%2F%2Fevil.example")).toBeUndefined(); // sent home later
    expect(get("", "next-auth.callback-url=javascript%3Aalert(1)")).toMatchObject({
      status: 400,
      dropCookie: "next-auth.callback-url",
    });
  });
});
