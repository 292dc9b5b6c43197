import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A web-standard request handler, as the simulators (and Next.js route handlers) export. */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface ServedHandler {
  /** Origin the handler answers on, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** Stops listening and cuts open connections, so pending long polls cannot hold it open. */
  close(): Promise<void>;
}

// Hop-by-hop headers describe the node:http connection, not the message; a Request built from
// a fully read body must not carry them (a stale transfer-encoding would contradict it).
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade"]);

/**
 * Serves a fetch-style handler on node:http, on 127.0.0.1 only: tests (and the simulators'
 * callers) need real sockets for SDKs that insist on a URL, but nothing else should reach them.
 */
export async function serveFetchHandler(handler: FetchHandler, port = 0): Promise<ServedHandler> {
  let origin = "";
  const server = createServer((req, res) => {
    void answer(handler, origin, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answer(
  handler: FetchHandler,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // The handler learns that the client went away (e.g. an aborted long poll) via request.signal.
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  try {
    const request = await toRequest(origin, req, aborted.signal);
    const response = await handler(request);
    await writeResponse(res, response);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.statusCode = 500;
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end(`Internal Server Error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function toRequest(origin: string, req: IncomingMessage, signal: AbortSignal) {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? "";
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1] ?? "");
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const chunks: Buffer[] = [];
  if (hasBody) for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(origin + (req.url ?? "/"), {
    method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
    signal,
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  const body = Buffer.from(await response.arrayBuffer());
  res.end(body);
}
