import type { Instrumentation } from "next";
import { logger } from "./logger";
import { requestIdFrom } from "./request-context";

type Request = Parameters<Instrumentation.onRequestError>[1];
type Context = Parameters<Instrumentation.onRequestError>[2];

/**
 * Logs an error Next.js caught while serving a request. Only the path is kept, not the query
 * (a seller's order search may hold a buyer's name), and the error goes through the logger's
 * serializer, which drops what could carry private data.
 */
export function logRequestError(error: unknown, request: Request, context: Context) {
  const headers = {
    get: (name: string) => {
      const value = request.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
  logger.error(
    {
      event: "request.error",
      requestId: requestIdFrom(headers),
      method: request.method,
      path: request.path.split("?")[0],
      routePath: context.routePath,
      routeType: context.routeType,
      err: error,
    },
    "request failed",
  );
}
