import type { CreditNote } from "@/db/schema/invoices";

/**
 * "RK-2026-0001": Rechnungskorrektur, the year it was issued and the seller's running number
 * of credit notes. The prefix keeps the series apart from the invoices' "2026-0001" in the
 * seller's books, whatever language the note is in.
 */
export function creditNoteLabel(note: Pick<CreditNote, "number" | "issuedAt">): string {
  return `RK-${note.issuedAt.getUTCFullYear()}-${String(note.number).padStart(4, "0")}`;
}
