import { sandboxRuntime } from "@/sandbox/app/runtime";

// The in-app Stripe simulator: its API (/v1/…) for the app's Stripe SDK and the hosted
// checkout page (/checkout/…) for buyers. Gone (404) once real tokens are set.
async function handle(request: Request): Promise<Response> {
  const runtime = sandboxRuntime();
  if (!runtime) return new Response("Not found", { status: 404 });
  const sandbox = await runtime;
  const response = await sandbox.stripe.handle(request);
  sandbox.changed();
  return response;
}

export { handle as DELETE, handle as GET, handle as POST };
