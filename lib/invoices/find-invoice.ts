import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invoices, type Invoice } from "@/db/schema/invoices";
import type { User } from "@/db/schema/users";
import { appSecret } from "@/lib/platform/app-secrets";
import { checkInvoiceLink, linkExpiry, signInvoiceLink } from "./invoice-links";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { ownedBy } from "@/lib/auth/owned-by";
import { isUuid } from "@/lib/platform/uuid";

/** "2026-0042": the year it was issued and the seller's running number. */
export function invoiceLabel(invoice: Pick<Invoice, "number" | "issuedAt">): string {
  return `${invoice.issuedAt.getUTCFullYear()}-${String(invoice.number).padStart(4, "0")}`;
}

/** A link the buyer can open without an account, valid for 30 days from `now`. */
export async function invoiceLink(
  db: Database,
  publicUrl: string,
  invoice: Pick<Invoice, "id">,
  now = new Date(),
): Promise<string> {
  const secret = await appSecret(db, "invoice_link_secret");
  return signInvoiceLink(publicUrl, secret, invoice.id, linkExpiry(now));
}

/** The invoice of an order the actor may see (their own, or any for admins). */
export async function findOrderInvoice(db: Database, actor: User, orderId: string) {
  if (!isUuid(orderId)) return undefined;
  const [row] = await db
    .select({ invoice: invoices })
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), ownedBy(invoices.sellerId, actor)));
  return row?.invoice;
}

/** The invoices of a page of a buyer's orders (for /status), keyed by order id. */
export async function invoicesOfOrders(db: Database, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, Invoice>();
  const rows = await db.select().from(invoices).where(inArray(invoices.orderId, orderIds));
  return new Map(rows.map((invoice) => [invoice.orderId, invoice]));
}

/** The PDF's bytes, or undefined when the stored file is missing. */
export function invoicePdf(storage: ObjectStorage, invoice: Pick<Invoice, "storageKey">) {
  return storage.get(invoice.storageKey);
}

export type SignedInvoice =
  | { outcome: "ok"; invoice: Invoice; pdf: Uint8Array }
  | { outcome: "expired" | "invalid" | "missing" };

/** What a signed invoice link opens (buyers have no account): the PDF, or why not. */
export async function openSignedInvoice(
  db: Database,
  storage: ObjectStorage,
  invoiceId: string,
  expires: string | null,
  signature: string | null,
): Promise<SignedInvoice> {
  const secret = await appSecret(db, "invoice_link_secret");
  const check = checkInvoiceLink(secret, invoiceId, expires, signature);
  if (check !== "ok") return { outcome: check };
  // A valid signature names an id we issued, so it is a well-formed uuid.
  const invoice = await db.query.invoices.findFirst({ where: eq(invoices.id, invoiceId) });
  const pdf = invoice && (await invoicePdf(storage, invoice));
  return invoice && pdf ? { outcome: "ok", invoice, pdf } : { outcome: "missing" };
}
