import { describe, expect, it } from "vitest";
import { inviteCookieText } from "./invite-cookie";

describe("inviteCookieText", () => {
  it("marks the invite cookie Secure on an https page, and keeps it for this site and an hour", () => {
    const live = inviteCookieText("tok en", "https:");
    expect(live).toBe("promo_invite=tok%20en; path=/; max-age=3600; samesite=lax; secure");
    // On http (localhost, the sandbox) a Secure cookie would not be kept at all.
    expect(inviteCookieText("t", "http:")).not.toContain("secure");
  });
});
