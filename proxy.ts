import type { NextRequest } from "next/server";
import { withContentSecurityPolicy } from "@/lib/platform/content-security-policy";
import { refuseServerAction } from "@/lib/platform/server-action-guard";

// Runs before the matched requests (Next 16's name for middleware): server actions from another
// site, too large or malformed are refused with a 4xx where Next would answer 500, and every
// page gets its Content-Security-Policy with a fresh nonce.
export async function proxy(request: NextRequest) {
  return (await refuseServerAction(request)) ?? withContentSecurityPolicy(request);
}

export const config = {
  matcher: [
    {
      // Pages (and the few route handlers beside them). Next copies the body of every matched
      // request for the proxy, so route handlers that read bodies of their own are left out:
      // the API and the webhooks (read with their own 1 MB cap), the sandbox's simulated
      // Telegram, Stripe and ECS APIs. Not built assets and images either (nothing to police);
      // the simulated Stripe checkout page brings its own policy, as Stripe's does.
      source:
        "/((?!api/|_next/static|_next/image|sandbox/stripe/|sandbox/telegram/|sandbox/api/|sandbox/ecs|.*\\.(?:ico|png|jpg|jpeg|gif|webp|svg)$).*)",
      // Prefetches render nothing a browser runs.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // A server action, on whatever path it was called.
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
