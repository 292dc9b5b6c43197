import type { NextRequest } from "next/server";
import { withContentSecurityPolicy } from "@/lib/platform/content-security-policy";

// Runs before every page, route handler and server action (Next 16's name for middleware).
export function proxy(request: NextRequest) {
  return withContentSecurityPolicy(request);
}

export const config = {
  matcher: [
    {
      // Not for built assets and images (nothing to police in them), nor for the sandbox's
      // simulated Stripe, whose hosted checkout page brings its own policy as Stripe's does.
      source:
        "/((?!_next/static|_next/image|sandbox/stripe/|.*\\.(?:ico|png|jpg|jpeg|gif|webp|svg)$).*)",
      // Prefetches render nothing a browser runs.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
