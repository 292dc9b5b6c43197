import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { refuseServerAction, SERVER_ACTION_BODY_LIMIT } from "./server-action-guard";

const action = (headers: Record<string, string>, body: BodyInit | null = "[]") =>
  new NextRequest("http://shop.example/products/new", {
    method: "POST",
    headers: { host: "shop.example", "next-action": "7f00aa", ...headers },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);

/** A body of `size` bytes sent in 64 KB pieces with no length declared (chunked). */
function streamed(size: number) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = Math.min(64 * 1024, size - sent);
      if (piece <= 0) return controller.close();
      sent += piece;
      controller.enqueue(new Uint8Array(piece));
    },
  });
}

const answer = async (request: NextRequest) => {
  const response = await refuseServerAction(request);
  return response && { status: response.status, text: await response.text() };
};

describe("server actions refused before Next answers them 500", () => {
  it("refuses a call from another site with 403, saying why", async () => {
    for (const origin of [
      "https://evil.example",
      "null",
      "not a url",
      "http://shop.example:8080",
    ]) {
      expect(await answer(action({ origin })), origin).toEqual({
        status: 403,
        text: "This form belongs to another site: server actions are same-origin only.",
      });
    }
    // A form posted before the page's JavaScript loaded has no Next-Action header.
    const plainForm = action({
      origin: "https://evil.example",
      "content-type": "multipart/form-data; boundary=x",
    });
    plainForm.headers.delete("next-action");
    expect((await answer(plainForm))?.status).toBe(403);
  });

  it("lets this site's own calls through, as Next would", async () => {
    expect(await answer(action({ origin: "http://shop.example" }))).toBeUndefined();
    // Behind a proxy that names the public host.
    const forwarded = { origin: "https://shop.example", "x-forwarded-host": "shop.example, lb" };
    expect(await answer(action(forwarded))).toBeUndefined();
    // No Origin: not a browser's cross-site form (Next lets it through with a warning).
    expect(await answer(action({}))).toBeUndefined();
  });

  it("refuses a body over 11 MB with 413, declared or streamed", async () => {
    const declared = action({ "content-length": String(SERVER_ACTION_BODY_LIMIT + 1) }, null);
    expect(await answer(declared)).toEqual({
      status: 413,
      text: "The form is larger than 11 MB. Choose a smaller photo (up to 10 MB).",
    });
    // A photo upload: multipart, streamed.
    const multipart = { "content-type": "multipart/form-data; boundary=x" };
    expect((await answer(action(multipart, streamed(SERVER_ACTION_BODY_LIMIT + 1))))?.status).toBe(
      413,
    );
    expect(await answer(action(multipart, streamed(SERVER_ACTION_BODY_LIMIT)))).toBeUndefined();
    // Arguments as text, streamed past the limit.
    expect((await answer(action({}, streamed(SERVER_ACTION_BODY_LIMIT + 1))))?.status).toBe(413);
  });

  it("refuses arguments that are not the JSON the page sends with 400", async () => {
    expect((await answer(action({}, "{not json")))?.status).toBe(400);
    expect(await answer(action({}, '["$K1",{"id":"x"}]'))).toBeUndefined();
  });

  it("leaves other requests alone", async () => {
    const get = new NextRequest("http://shop.example/orders", {
      headers: { host: "shop.example", origin: "https://evil.example" },
    });
    expect(await answer(get)).toBeUndefined();
    const json = action({ origin: "https://evil.example", "content-type": "application/json" });
    json.headers.delete("next-action");
    expect(await answer(json)).toBeUndefined();
  });
});
