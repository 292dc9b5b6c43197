import type { NextRequest } from "next/server";
import { refuseServerAction } from "@/lib/platform/server-action-guard";

/** What every matched request passes before it reaches a page or route (Next 16's middleware). */
export async function proxy(request: NextRequest) {
  return refuseServerAction(request);
}

export const config = {
  matcher: [
    // A server action called by the page's JavaScript, on whatever page it was used.
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    // A form posted to a page before its JavaScript loaded, which Next tries as a server
    // action. Route handlers (the API, the webhooks, the sandbox's simulators) read their own
    // bodies and are not matched: Next copies every matched body for the proxy.
    {
      source: "/((?!api/|sandbox/|_next/).*)",
      has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }],
    },
  ],
};
