import { headers } from "next/headers";
import { requestIdFrom, withLogFields } from "./request-context";

/**
 * Runs a server action (or a page's work) with the request's id on its log lines, and the
 * signed-in user's once currentUser() has read them. Route handlers that get the Request use
 * withLogFields with requestIdFrom(request.headers) instead.
 */
export async function withRequestLog<T>(fn: () => Promise<T>): Promise<T> {
  const requestId = requestIdFrom(await headers());
  return withLogFields({ requestId }, fn);
}
