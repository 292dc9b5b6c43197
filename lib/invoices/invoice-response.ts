import type { Invoice } from "@/db/schema/invoices";
import { invoiceLabel } from "./find-invoice";

/** The PDF as a download response, never cached by a shared cache (it holds an address). */
export function invoiceResponse(invoice: Invoice, pdf: Uint8Array): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="invoice-${invoiceLabel(invoice)}.pdf"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
