import { objectStorage } from "@/lib/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { invoiceResponse } from "@/lib/invoices/invoice-response";
import { findOrderInvoice, invoicePdf } from "@/lib/invoices/find-invoice";

/** A seller downloads the invoice of one of their orders (admins: any order's). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const { id } = await context.params;
  const invoice = await findOrderInvoice(await database(), user, id);
  const pdf = invoice && (await invoicePdf(objectStorage(), invoice));
  if (!invoice || !pdf) return new Response("Not found", { status: 404 });
  return invoiceResponse(invoice, pdf);
}
