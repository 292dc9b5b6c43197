import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** Ids that tie a log line to what caused it: a request, a Telegram update, a Stripe event. */
export type LogFields = Record<string, string | number>;

interface RequestContext {
  fields: LogFields;
}

// One store per process: Next bundles routes and instrumentation separately, and the logger in
// one bundle must see the context a route handler in another opened.
const shared = globalThis as unknown as {
  promoBotRequestContext?: AsyncLocalStorage<RequestContext>;
};
const storage = (shared.promoBotRequestContext ??= new AsyncLocalStorage<RequestContext>());

/**
 * Runs `fn` with these fields on every log line written while it runs, however deep in lib/
 * the line is written (the logger's mixin reads them). Nested calls add to the outer fields.
 */
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run({ fields: { ...outer?.fields, ...fields } }, fn);
}

/**
 * Runs `fn` with none of the current fields: for work a request only triggers (draining the
 * outbox after a webhook) but that is not about that request.
 */
export function withoutLogFields<T>(fn: () => T): T {
  return storage.run({ fields: {} }, fn);
}

/** Adds what became known mid-way (the update id, the order's seller) to the current lines. */
export function addLogFields(fields: LogFields): void {
  const context = storage.getStore();
  if (context) Object.assign(context.fields, fields);
}

export function currentLogFields(): LogFields {
  return storage.getStore()?.fields ?? {};
}

type HeaderSource = { get(name: string): string | null };

// Long or odd ids are someone else's data, not ours to copy into every log line.
const usableId = /^[\w.:;=/+-]{1,200}$/;

/**
 * The request's id for the logs: the caller's X-Request-Id, else the load balancer's
 * X-Amzn-Trace-Id (which its access logs carry too), else a new one. Next.js has none itself.
 */
export function requestIdFrom(headers: HeaderSource): string {
  for (const name of ["x-request-id", "x-amzn-trace-id"]) {
    const value = headers.get(name)?.trim();
    if (value && usableId.test(value)) return value;
  }
  return randomUUID();
}
