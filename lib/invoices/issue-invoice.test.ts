import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { invoiceCounters, invoices } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createS3Simulator } from "@/sandbox/s3/simulator";
import { migratedTestDatabase } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { pdfTextOf } from "@/test/pdf-text";
import { placeOrder } from "@/lib/checkout/place-order";
import { invoiceLabel } from "./find-invoice";
import { issueInvoice } from "./issue-invoice";
import { smtpMailer } from "@/lib/platform/mailer";
import {
  localObjectStorage,
  s3ObjectStorage,
  type ObjectStorage,
} from "@/lib/platform/object-storage";
import { saveBusiness } from "./business-details";

let connection: DatabaseConnection;
const s3 = createS3Simulator(["promo-invoices"]);
let s3Server: ServedHandler;

beforeAll(async () => {
  connection = await migratedTestDatabase("invoices");
  s3Server = await serveFetchHandler(s3.handle);
  process.env.AWS_ACCESS_KEY_ID = "test-access-key";
  process.env.AWS_SECRET_ACCESS_KEY = "test-secret-key";
});
afterAll(async () => {
  await s3Server.close();
  await connection.close();
});

const localStore = () => localObjectStorage(mkdtempSync(path.join(tmpdir(), "promo-invoices-")));

/** A seller with `count` orders that are paid (the state Stripe's webhook leaves them in). */
async function paidOrders(count: number, language: "en" | "de" = "de") {
  const { seller, product } = await createSellerWithProduct(connection.db, { stock: null });
  const placed = [];
  for (let i = 0; i < count; i++) {
    const order = await placeOrder(connection.db, {
      productId: product.id,
      quantity: 1,
      buyerTelegramId: 880_000 + i,
      buyerLanguage: language,
      details: buyerDetails,
      checkoutKey: `inv-${Math.random()}`,
    });
    const [paid] = await connection.db
      .update(orders)
      .set({ status: "paid", paidAt: new Date() })
      .where(eq(orders.id, order.id))
      .returning();
    placed.push(paid!);
  }
  return { seller, orders: placed };
}

const issue = (storage: ObjectStorage, orderId: string, options = {}) =>
  connection.db.transaction((tx) => issueInvoice(tx, storage, orderId, options));

describe("invoice numbers", () => {
  it("run 1…n per seller with no gaps or duplicates when payments arrive at the same instant", async () => {
    const storage = localStore();
    const shopA = await paidOrders(12);
    const shopB = await paidOrders(3);
    const all = [...shopA.orders, ...shopB.orders].sort(() => Math.random() - 0.5);
    const issued = await Promise.all(all.map((order) => issue(storage, order.id)));
    const numbersOf = (sellerId: string) =>
      issued
        .filter((invoice) => invoice.sellerId === sellerId)
        .map((invoice) => invoice.number)
        .sort((a, b) => a - b);
    expect(numbersOf(shopA.seller.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(numbersOf(shopB.seller.id)).toEqual([1, 2, 3]);
  });

  it("give a number back when issuing fails, and issue once per order", async () => {
    const {
      seller,
      orders: [first, second],
    } = await paidOrders(2);
    const good = localStore();
    const broken: ObjectStorage = {
      put: async () => {
        throw new Error("object store unavailable");
      },
      get: good.get,
    };
    await expect(issue(broken, first!.id)).rejects.toThrow("object store unavailable");
    const [counter] = await connection.db
      .select()
      .from(invoiceCounters)
      .where(eq(invoiceCounters.sellerId, seller.id));
    expect(counter).toBeUndefined();

    const one = await issue(good, first!.id);
    const again = await issue(good, first!.id);
    const two = await issue(good, second!.id);
    expect([one.number, again.id === one.id, two.number]).toEqual([1, true, 2]);
  });
});

describe("the invoice", () => {
  it("carries the seller's business details and VAT setting", async () => {
    const storage = localStore();
    const {
      seller,
      orders: [order],
    } = await paidOrders(1);
    await saveBusiness(connection.db, seller, {
      legalName: "Rösterei Müller GmbH",
      address: "Kaffeeweg 3\n10115 Berlin",
      vatId: "de 123 456 789",
      vatMode: "standard",
      vatRate: "7",
    });
    const invoice = await issue(storage, order!.id);
    expect(invoice).toMatchObject({
      vatRateBasisPoints: 700,
      netAmountMinor: 1206,
      vatAmountMinor: 84,
    });
    const text = await pdfTextOf((await storage.get(invoice.storageKey))!);
    expect(text).toContain("Rösterei Müller GmbH");
    expect(text).toContain("USt-IdNr.: DE123456789");
    expect(text).toContain("USt. 7 % 0,84 €");
    expect(text).toContain(`Rechnungsnr. ${invoiceLabel(invoice)}`);
  });

  it("is refused for an order that was never paid", async () => {
    const { seller, product } = await createSellerWithProduct(connection.db);
    const order = await placeOrder(connection.db, {
      productId: product.id,
      quantity: 1,
      buyerTelegramId: 880_999,
      buyerLanguage: "en",
      details: buyerDetails,
      checkoutKey: `inv-unpaid-${seller.id}`,
    });
    await expect(issue(localStore(), order.id)).rejects.toThrow("never paid");
  });

  it("is kept in S3 when S3 is the object store", async () => {
    const storage = s3ObjectStorage({
      bucket: "promo-invoices",
      region: "eu-central-1",
      endpoint: s3Server.url,
    });
    const {
      orders: [order],
    } = await paidOrders(1, "en");
    const invoice = await issue(storage, order!.id);
    const text = await pdfTextOf((await storage.get(invoice.storageKey))!);
    expect(text).toContain(`Invoice no. ${invoiceLabel(invoice)}`);
  });
});

describe("e-mail", () => {
  const received: Array<{ to: string[]; raw: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    port = (smtp.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it("sends the PDF to the buyer when SMTP is set", async () => {
    const storage = localStore();
    const {
      orders: [order],
    } = await paidOrders(1, "en");
    const invoice = await issue(storage, order!.id, { email: true });
    const send = smtpMailer(`smtp://127.0.0.1:${port}`, "Shop <shop@example.com>");
    const { jobDispatcher } = await import("@/lib/jobs/dispatch-job");
    const { jobRegistry } = await import("@/lib/job-registry");
    const deliver = jobDispatcher(jobRegistry, {
      api: undefined as never,
      storage,
      sendMail: send,
      publicUrl: "https://shop.example.com",
    });
    const [job] = await connection.db.query.outbox.findMany({
      where: (row, { and, eq }) =>
        and(
          eq(row.kind, "invoice.email.buyer"),
          eq(row.dedupeKey, `invoice.email.buyer:${order!.id}`),
        ),
    });
    expect(job).toBeDefined();
    await connection.db.transaction((tx) => deliver(tx, job!));

    const raw = received.find((each) => each.to.includes(buyerDetails.email))?.raw;
    const mail = await simpleParser(raw ?? "");
    expect(mail.subject).toBe(`Invoice ${invoiceLabel(invoice)} – order #${order!.shopNumber}`);
    expect(mail.text).toContain("Your invoice");
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({
      filename: `invoice-${invoiceLabel(invoice)}.pdf`,
      contentType: "application/pdf",
    });
    expect(await pdfTextOf(attachment!.content)).toContain("Erika Mustermann");
    const [stored] = await connection.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(stored?.emailedAt).toBeInstanceOf(Date);
  });
});
