import type { VatMode } from "@/db/schema/invoices";
import { splitGross, type InvoiceAmounts } from "./vat";

/**
 * What a credit note takes back for one refund step (from `before` to `after`, Stripe's
 * cumulative amount refunded), as negative amounts. The VAT is split the invoice's way, on the
 * cumulative figures: VAT(after) − VAT(before), each rounded half up by splitGross. A single
 * refund's VAT is then within a cent of its own rounded share, and the notes of an order
 * refunded in full add up to the invoice's net and VAT exactly, however it was split.
 */
export function creditNoteAmounts(
  before: number,
  after: number,
  mode: VatMode,
  rateBasisPoints: number,
): InvoiceAmounts {
  const vat =
    splitGross(after, mode, rateBasisPoints).vat - splitGross(before, mode, rateBasisPoints).vat;
  const total = after - before;
  // 0 − x rather than −x: no negative zero in the database or in a test's comparison.
  return { net: 0 - (total - vat), vat: 0 - vat, total: 0 - total };
}
