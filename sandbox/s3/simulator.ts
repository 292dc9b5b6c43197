/**
 * A local stand-in for Amazon S3's object API (path-style: /<bucket>/<key>), enough for the
 * official SDK's PutObject, GetObject, HeadObject and DeleteObject. Signatures are accepted
 * unchecked: this is a test double at the network edge, never a store for real data.
 */
export function createS3Simulator(buckets: string[] = ["promo-bot"]) {
  const objects = new Map<string, { body: Uint8Array; contentType: string }>();
  const known = new Set(buckets);

  const error = (status: number, code: string, message: string) =>
    new Response(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
      { status, headers: { "Content-Type": "application/xml" } },
    );

  async function handle(request: Request): Promise<Response> {
    const [, bucket, ...rest] = decodeURIComponent(new URL(request.url).pathname).split("/");
    const key = rest.join("/");
    if (!bucket || !known.has(bucket))
      return error(404, "NoSuchBucket", "The specified bucket does not exist");
    if (!key) return error(400, "InvalidRequest", "Only object requests are simulated");
    const id = `${bucket}/${key}`;
    switch (request.method) {
      case "PUT": {
        const body = new Uint8Array(await request.arrayBuffer());
        objects.set(id, {
          body,
          contentType: request.headers.get("content-type") ?? "application/octet-stream",
        });
        return new Response(null, { status: 200, headers: { ETag: `"${body.byteLength}"` } });
      }
      case "GET":
      case "HEAD": {
        const object = objects.get(id);
        if (!object) return error(404, "NoSuchKey", "The specified key does not exist.");
        const headers = {
          "Content-Type": object.contentType,
          "Content-Length": String(object.body.byteLength),
        };
        return new Response(request.method === "HEAD" ? null : Buffer.from(object.body), {
          headers,
        });
      }
      case "DELETE":
        objects.delete(id);
        return new Response(null, { status: 204 });
      default:
        return error(405, "MethodNotAllowed", "The specified method is not allowed");
    }
  }

  return { handle, objects };
}
