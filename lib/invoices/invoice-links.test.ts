import { describe, expect, it } from "vitest";
import { checkInvoiceLink, linkExpiry, signInvoiceLink } from "./invoice-links";

const secret = "a-secret-only-the-app-knows-0123456789";
const id = "5f0c8a52-9d3e-4c57-8f0e-2b1d6c1a9e77";
const now = new Date("2026-11-27T12:00:00Z");

function parts(link: string) {
  const url = new URL(link);
  return {
    id: url.pathname.split("/").at(-1)!,
    expires: url.searchParams.get("expires"),
    signature: url.searchParams.get("signature"),
  };
}

describe("signed invoice links", () => {
  const link = signInvoiceLink("https://shop.example.com", secret, id, linkExpiry(now));

  it("open until they expire", () => {
    const { expires, signature } = parts(link);
    expect(link.startsWith(`https://shop.example.com/api/invoices/${id}?`)).toBe(true);
    expect(checkInvoiceLink(secret, id, expires, signature, now)).toBe("ok");
    const later = new Date(now.getTime() + 31 * 24 * 60 * 60 * 1000);
    expect(checkInvoiceLink(secret, id, expires, signature, later)).toBe("expired");
  });

  it("refuse another invoice id, a moved expiry, a changed signature or another secret", () => {
    const { expires, signature } = parts(link);
    const otherId = "5f0c8a52-9d3e-4c57-8f0e-2b1d6c1a9e78";
    expect(checkInvoiceLink(secret, otherId, expires, signature, now)).toBe("invalid");
    expect(checkInvoiceLink(secret, id, String(Number(expires) + 86400), signature, now)).toBe(
      "invalid",
    );
    const flipped = `${signature!.slice(0, -1)}${signature!.endsWith("A") ? "B" : "A"}`;
    expect(checkInvoiceLink(secret, id, expires, flipped, now)).toBe("invalid");
    expect(checkInvoiceLink(`${secret}x`, id, expires, signature, now)).toBe("invalid");
    expect(checkInvoiceLink(secret, id, null, signature, now)).toBe("invalid");
    expect(checkInvoiceLink(secret, id, "soon", signature, now)).toBe("invalid");
  });
});

it("keep credit note links and invoice links apart: one kind's signature never opens the other", () => {
  const note = signInvoiceLink(
    "https://shop.example.com",
    secret,
    id,
    linkExpiry(now),
    "credit-note",
  );
  expect(note.startsWith(`https://shop.example.com/api/credit-notes/${id}?`)).toBe(true);
  const { expires, signature } = parts(note);
  expect(checkInvoiceLink(secret, id, expires, signature, now, "credit-note")).toBe("ok");
  expect(checkInvoiceLink(secret, id, expires, signature, now, "invoice")).toBe("invalid");
  const invoice = parts(signInvoiceLink("https://shop.example.com", secret, id, linkExpiry(now)));
  expect(checkInvoiceLink(secret, id, invoice.expires, invoice.signature, now, "credit-note")).toBe(
    "invalid",
  );
});
