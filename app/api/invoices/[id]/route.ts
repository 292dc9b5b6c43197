import { eq } from "drizzle-orm";
import { invoices } from "@/db/schema";
import { appSecret } from "@/lib/app-secrets";
import { objectStorage } from "@/lib/app-services";
import { database } from "@/lib/database";
import { invoiceResponse } from "@/lib/invoice-download";
import { checkInvoiceLink } from "@/lib/invoice-links";
import { invoicePdf } from "@/lib/invoices";

const forbidden = (reason: string) =>
  new Response(reason, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The buyer's invoice behind a signed link (buyers have no account): 403 once tampered or expired. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const url = new URL(request.url);
  const db = await database();
  const check = checkInvoiceLink(
    await appSecret(db, "invoice_link_secret"),
    id,
    url.searchParams.get("expires"),
    url.searchParams.get("signature"),
  );
  if (check === "expired") {
    return forbidden(
      "This invoice link has expired. Send /status to the shop's bot for a new one.",
    );
  }
  if (check !== "ok") return forbidden("This invoice link is not valid.");
  // A valid signature names an id we issued; a uuid check keeps Postgres from erroring anyway.
  const invoice = await db.query.invoices.findFirst({ where: eq(invoices.id, id) });
  const pdf = invoice && (await invoicePdf(objectStorage(), invoice));
  if (!invoice || !pdf) return new Response("Not found", { status: 404 });
  return invoiceResponse(invoice, pdf);
}
