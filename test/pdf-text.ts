import { extractText, getDocumentProxy } from "unpdf";

/** What a reader of the PDF sees, as one string with single spaces (pdf.js's extraction). */
export async function pdfTextOf(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
    mergePages: true,
  });
  return text.replace(/\s+/g, " ");
}
