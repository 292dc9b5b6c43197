/** A request body larger than the route takes: answered 413 without reading the rest. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
  }
}

/**
 * The body as text, read only as far as `maxBytes`: a declared Content-Length above it is
 * refused before a byte is read, and a body that grows past it (chunked, or lying about its
 * length) is cancelled there. An unauthenticated sender cannot make the process hold a large
 * body in memory.
 */
export async function readTextUpTo(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new BodyTooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
