import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { creditNotes, type CreditNote } from "@/db/schema/invoices";
import type { User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";
import { appSecret } from "@/lib/platform/app-secrets";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { isUuid } from "@/lib/platform/uuid";
import { checkInvoiceLink, linkExpiry, signInvoiceLink } from "./invoice-links";

/** A link the buyer can open without an account, valid for 30 days from `now`. */
export async function creditNoteLink(
  db: Database,
  publicUrl: string,
  note: Pick<CreditNote, "id">,
  now = new Date(),
): Promise<string> {
  // The invoices' secret: both are the buyer's papers, and the signature names the kind.
  const secret = await appSecret(db, "invoice_link_secret");
  return signInvoiceLink(publicUrl, secret, note.id, linkExpiry(now), "credit-note");
}

/** The credit notes of an order the actor may see, oldest first. */
export async function findOrderCreditNotes(db: Database, actor: User, orderId: string) {
  if (!isUuid(orderId)) return [];
  return db
    .select()
    .from(creditNotes)
    .where(and(eq(creditNotes.orderId, orderId), ownedBy(creditNotes.sellerId, actor)))
    .orderBy(asc(creditNotes.number));
}

/** One credit note of an order the actor may see. */
export async function findOrderCreditNote(
  db: Database,
  actor: User,
  orderId: string,
  creditNoteId: string,
) {
  if (!isUuid(orderId) || !isUuid(creditNoteId)) return undefined;
  const [note] = await db
    .select()
    .from(creditNotes)
    .where(
      and(
        eq(creditNotes.id, creditNoteId),
        eq(creditNotes.orderId, orderId),
        ownedBy(creditNotes.sellerId, actor),
      ),
    );
  return note;
}

/** The PDF's bytes, or undefined when the stored file is missing. */
export function creditNotePdf(storage: ObjectStorage, note: Pick<CreditNote, "storageKey">) {
  return storage.get(note.storageKey);
}

export type SignedCreditNote =
  | { outcome: "ok"; creditNote: CreditNote; pdf: Uint8Array }
  | { outcome: "expired" | "invalid" | "missing" };

/** What a signed credit note link opens: the PDF, or why not. */
export async function openSignedCreditNote(
  db: Database,
  storage: ObjectStorage,
  creditNoteId: string,
  expires: string | null,
  signature: string | null,
): Promise<SignedCreditNote> {
  const secret = await appSecret(db, "invoice_link_secret");
  const check = checkInvoiceLink(
    secret,
    creditNoteId,
    expires,
    signature,
    new Date(),
    "credit-note",
  );
  if (check !== "ok") return { outcome: check };
  const creditNote = await db.query.creditNotes.findFirst({
    where: eq(creditNotes.id, creditNoteId),
  });
  const pdf = creditNote && (await creditNotePdf(storage, creditNote));
  return creditNote && pdf ? { outcome: "ok", creditNote, pdf } : { outcome: "missing" };
}
