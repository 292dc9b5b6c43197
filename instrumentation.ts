import type { Instrumentation } from "next";

// Next.js calls register() once per server process before serving requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startApp } = await import("@/lib/start-app");
    await startApp();
    // What the webhooks store is processed here; bot/ sits above lib/, so it starts it.
    const { startUpdateProcessing } = await import("@/bot/runtime");
    await startUpdateProcessing();
  }
}

// Errors Next.js caught in a page, route handler or server action, as a JSON line with the
// request's id (Next.js prints its own text too; this one is what CloudWatch can filter).
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/platform/log-request-error");
  logRequestError(error, request, context);
};
