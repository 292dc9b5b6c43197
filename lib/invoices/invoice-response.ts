import type { CreditNote, Invoice } from "@/db/schema/invoices";
import { creditNoteLabel } from "./credit-note-label";
import { invoiceLabel } from "./find-invoice";

/** A PDF as a download response, never cached by a shared cache (it holds an address). */
function pdfResponse(filename: string, pdf: Uint8Array): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export function invoiceResponse(invoice: Invoice, pdf: Uint8Array): Response {
  return pdfResponse(`invoice-${invoiceLabel(invoice)}.pdf`, pdf);
}

export function creditNoteResponse(creditNote: CreditNote, pdf: Uint8Array): Response {
  return pdfResponse(`credit-note-${creditNoteLabel(creditNote)}.pdf`, pdf);
}
