import { sandboxRuntime } from "@/sandbox/app/runtime";

/** A photo the bot sent, as the sandbox page shows it in the chat or channel. */
export async function GET(_request: Request, context: { params: Promise<{ fileId: string }> }) {
  const runtime = sandboxRuntime();
  if (!runtime) return new Response("Not found", { status: 404 });
  const { fileId } = await context.params;
  const file = (await runtime).telegram.file(fileId);
  if (file?.url) return Response.redirect(file.url, 302);
  if (!file?.data) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(file.data), {
    headers: {
      "content-type": file.contentType ?? "application/octet-stream",
      // File ids never change their content.
      "cache-control": "private, max-age=86400, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
