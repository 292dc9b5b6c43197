import { objectStorage } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { invoiceResponse } from "@/lib/invoices/invoice-response";
import { openSignedInvoice } from "@/lib/invoices/find-invoice";

const forbidden = (reason: string) =>
  new Response(reason, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The buyer's invoice behind a signed link (buyers have no account): 403 once tampered or expired. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const { searchParams } = new URL(request.url);
  const opened = await openSignedInvoice(
    await database(),
    objectStorage(),
    id,
    searchParams.get("expires"),
    searchParams.get("signature"),
  );
  if (opened.outcome === "ok") return invoiceResponse(opened.invoice, opened.pdf);
  if (opened.outcome === "expired") {
    return forbidden(
      "This invoice link has expired. Send /status to the shop's bot for a new one.",
    );
  }
  if (opened.outcome === "invalid") return forbidden("This invoice link is not valid.");
  return new Response("Not found", { status: 404 });
}
