import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invoiceCounters, invoices, sellerBusinesses, type Invoice } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { users, type User } from "@/db/schema/users";
import { appSecret } from "@/lib/platform/app-secrets";
import { renderInvoicePdf } from "./render-invoice-pdf";
import { checkInvoiceLink, linkExpiry, signInvoiceLink } from "./invoice-links";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { paidAndLater } from "@/lib/orders/order-status";
import { enqueueNotification, PermanentDeliveryError } from "@/lib/jobs/outbox";
import { telegramLocale } from "@/lib/telegram/i18n";
import { splitGross } from "./vat";
import { ownedBy } from "@/lib/auth/owned-by";
import { isUuid } from "@/lib/platform/uuid";

// Orders that were paid at some point: each gets exactly one invoice.
const INVOICED = new Set<string>(paidAndLater);

/** "2026-0042": the year it was issued and the seller's running number. */
export function invoiceLabel(invoice: Pick<Invoice, "number" | "issuedAt">): string {
  return `${invoice.issuedAt.getUTCFullYear()}-${String(invoice.number).padStart(4, "0")}`;
}

/**
 * Issues the invoice of a paid order: the seller's next number, the PDF in the buyer's
 * language, stored in the object store, then the buyer told (and e-mailed when SMTP is set).
 * Runs as an outbox job inside its transaction: a failure anywhere rolls the number back and
 * the job is tried again later, so numbers have no gaps and no duplicates. A second run for
 * the same order finds the invoice and does nothing.
 */
export async function issueInvoice(
  tx: Database,
  storage: ObjectStorage,
  orderId: string,
  { email = false, now = new Date() } = {},
): Promise<Invoice> {
  const existing = await tx.query.invoices.findFirst({ where: eq(invoices.orderId, orderId) });
  if (existing) return existing;
  const order = await tx.query.orders.findFirst({ where: eq(orders.id, orderId) });
  if (!order) throw new PermanentDeliveryError(`order ${orderId} not found`);
  if (!INVOICED.has(order.status)) {
    throw new PermanentDeliveryError(`order ${order.number} was never paid (${order.status})`);
  }
  const seller = await tx.query.users.findFirst({ where: eq(users.id, order.sellerId) });
  const business = await tx.query.sellerBusinesses.findFirst({
    where: eq(sellerBusinesses.sellerId, order.sellerId),
  });
  // Until the seller fills in Settings, the invoice carries their name only; the dashboard
  // asks them to complete it.
  const from = business ?? {
    legalName: seller?.name ?? "",
    address: "",
    vatId: null,
    vatMode: "standard" as const,
    vatRateBasisPoints: 1900,
  };

  // Taking the next number locks the seller's counter row until this transaction ends.
  const [counter] = await tx
    .insert(invoiceCounters)
    .values({ sellerId: order.sellerId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: invoiceCounters.sellerId,
      set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` },
    })
    .returning();
  const number = counter!.lastNumber;
  const amounts = splitGross(order.totalAmountMinor, from.vatMode, from.vatRateBasisPoints);
  const language = telegramLocale(order.buyerLanguage);
  const pdf = await renderInvoicePdf({
    locale: language,
    invoiceLabel: invoiceLabel({ number, issuedAt: now }),
    issuedAt: now,
    paidAt: order.paidAt ?? now,
    orderNumber: order.number,
    seller: { legalName: from.legalName, address: from.address, vatId: from.vatId },
    buyer: {
      name: order.contactName,
      street: order.addressStreet,
      postcode: order.addressPostcode,
      city: order.addressCity,
      country: order.addressCountry,
    },
    item: { title: order.productTitle, quantity: order.quantity, unitMinor: order.unitAmountMinor },
    currency: order.currency,
    amounts,
    vatMode: from.vatMode,
    vatRateBasisPoints: from.vatRateBasisPoints,
  });
  // The key names seller and number, so a retry after a failed commit overwrites its own file.
  const storageKey = `invoices/${order.sellerId}/${number}.pdf`;
  await storage.put(storageKey, pdf, "application/pdf");
  const [invoice] = await tx
    .insert(invoices)
    .values({
      orderId: order.id,
      sellerId: order.sellerId,
      number,
      language,
      storageKey,
      vatMode: from.vatMode,
      vatRateBasisPoints: from.vatRateBasisPoints,
      netAmountMinor: amounts.net,
      vatAmountMinor: amounts.vat,
      totalAmountMinor: amounts.total,
      currency: order.currency,
      issuedAt: now,
    })
    .returning();
  await enqueueNotification(
    tx,
    { kind: "invoice.ready.buyer", orderId: order.id },
    ...(email ? [{ kind: "invoice.email.buyer" as const, orderId: order.id }] : []),
  );
  return invoice!;
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
