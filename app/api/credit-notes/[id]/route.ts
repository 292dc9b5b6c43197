import { objectStorage } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { creditNoteResponse } from "@/lib/invoices/invoice-response";
import { openSignedCreditNote } from "@/lib/invoices/find-credit-note";

const forbidden = (reason: string) =>
  new Response(reason, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The buyer's credit note behind a signed link: 403 once tampered or expired. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const { searchParams } = new URL(request.url);
  const opened = await openSignedCreditNote(
    await database(),
    objectStorage(),
    id,
    searchParams.get("expires"),
    searchParams.get("signature"),
  );
  if (opened.outcome === "ok") return creditNoteResponse(opened.creditNote, opened.pdf);
  if (opened.outcome === "expired") {
    return forbidden("This credit note link has expired. Ask the shop for the document.");
  }
  if (opened.outcome === "invalid") return forbidden("This credit note link is not valid.");
  return new Response("Not found", { status: 404 });
}
