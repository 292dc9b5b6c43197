import type { NextRequest } from "next/server";

/**
 * The most a server action takes, as next.config.ts says it (serverActions.bodySizeLimit,
 * "11mb"): a product photo of up to 10 MB, what Telegram takes, and the form around it.
 */
export const SERVER_ACTION_BODY_LIMIT = 11 * 1024 * 1024;

/**
 * Answers the server-action requests Next 16 itself would answer 500: a call from another
 * site (its Origin is not this host; a forged form or script, i.e. CSRF) is 403, and a body
 * over the limit is 413. Next refuses both in its action handler but with a 500, and that
 * status cannot be configured (node_modules/next/dist/server/app-render/action-handler.js).
 * Anything else is left to Next (undefined).
 *
 * A server action is a POST with a `Next-Action` header (called by the page's JavaScript) or
 * a multipart form posted to a page (a form sent before the JavaScript loaded); the proxy's
 * matcher sends only those here.
 */
export async function refuseServerAction(request: NextRequest): Promise<Response | undefined> {
  if (request.method !== "POST") return undefined;
  const isAction =
    request.headers.has("next-action") ||
    (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  if (!isAction) return undefined;
  if (!fromThisHost(request.headers)) {
    return refusal(403, "This form belongs to another site: server actions are same-origin only.");
  }
  if (request.headers.has("next-action") && !isMultipart(request)) {
    // React sends an action's arguments as JSON text unless they hold files (then multipart);
    // Next answers text it cannot decode with a 500. Such a body is small: read it whole.
    const declared = request.headers.get("content-length");
    if (declared !== null && Number(declared) > SERVER_ACTION_BODY_LIMIT) return tooLarge();
    const text = await request.text();
    if (Buffer.byteLength(text) > SERVER_ACTION_BODY_LIMIT) return tooLarge();
    if (!isJson(text)) {
      return refusal(400, "The server action's arguments are not what the page sends.");
    }
    return undefined;
  }
  if (await overLimit(request)) return tooLarge();
  return undefined;
}

const tooLarge = () =>
  refusal(413, "The form is larger than 11 MB. Choose a smaller photo (up to 10 MB).");

function isMultipart(request: NextRequest): boolean {
  return (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Next's own test, kept as it is: the Origin's host against X-Forwarded-Host (a proxy in front)
// or else Host. No Origin at all is let through, as Next does: browsers send one with every
// POST, so a request without is no cross-site form (a script or curl with its own cookies).
function fromThisHost(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    // "null" (a sandboxed frame, a file:// page) is no URL: never this host.
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

// A declared length is taken at its word (Node reads no more than it declares). Without one
// (chunked), the body is counted here: this is a copy Next made for the proxy, the handler
// gets its own, and next.config.ts lets that copy grow past the limit so counting can see it.
async function overLimit(request: NextRequest): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > SERVER_ACTION_BODY_LIMIT;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > SERVER_ACTION_BODY_LIMIT) {
      await reader.cancel();
      return true;
    }
  }
}

const refusal = (status: 400 | 403 | 413, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
