import { objectStorage } from "@/lib/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { creditNoteResponse } from "@/lib/invoices/invoice-response";
import { creditNotePdf, findOrderCreditNote } from "@/lib/invoices/find-credit-note";

/** A seller downloads a credit note of one of their orders (admins: any order's). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ id: string; creditNoteId: string }> },
) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const { id, creditNoteId } = await context.params;
  const note = await findOrderCreditNote(await database(), user, id, creditNoteId);
  const pdf = note && (await creditNotePdf(objectStorage(), note));
  if (!note || !pdf) return new Response("Not found", { status: 404 });
  return creditNoteResponse(note, pdf);
}
