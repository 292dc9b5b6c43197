import { createHmac, timingSafeEqual } from "node:crypto";

/** How long the link in the buyer's Telegram message works; /status hands out fresh ones. */
export const INVOICE_LINK_DAYS = 30;

/** What a link opens: the signature names it, so one kind's link never opens the other. */
export type LinkedDocument = "invoice" | "credit-note";
const routes: Record<LinkedDocument, string> = {
  invoice: "/api/invoices",
  "credit-note": "/api/credit-notes",
};

function signature(secret: string, id: string, expires: number, document: LinkedDocument) {
  return createHmac("sha256", secret).update(`${document}:${id}:${expires}`).digest("base64url");
}

/**
 * A link anyone holding it can open until it expires, without an account (buyers have none):
 * the invoice id and expiry are signed with a secret only the app knows, so a changed id or
 * expiry, or a made-up signature, is refused.
 */
export function signInvoiceLink(
  publicUrl: string,
  secret: string,
  invoiceId: string,
  expiresAt: Date,
  document: LinkedDocument = "invoice",
): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const url = new URL(`${routes[document]}/${invoiceId}`, publicUrl);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("signature", signature(secret, invoiceId, expires, document));
  return url.toString();
}

export type LinkCheck = "ok" | "expired" | "invalid";

export function checkInvoiceLink(
  secret: string,
  invoiceId: string,
  expiresParam: string | null,
  signatureParam: string | null,
  now = new Date(),
  document: LinkedDocument = "invoice",
): LinkCheck {
  if (!expiresParam || !signatureParam || !/^\d{1,12}$/.test(expiresParam)) return "invalid";
  const expected = Buffer.from(signature(secret, invoiceId, Number(expiresParam), document));
  const given = Buffer.from(signatureParam);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return Number(expiresParam) * 1000 < now.getTime() ? "expired" : "ok";
}

export function linkExpiry(now = new Date(), days = INVOICE_LINK_DAYS): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
