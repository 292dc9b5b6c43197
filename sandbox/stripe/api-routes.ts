import Stripe from "stripe";
import { resourceMissing, StripeApiError } from "./api-error";
import { authenticate } from "./authenticate";
import type { SimulatorContext } from "./context";
import { createRefund } from "./create-refund";
import { createSession } from "./create-session";
import { expireSession } from "./expire-session";
import type { createIdempotencyStore, ApiResponse } from "./idempotency";
import { newId } from "./ids";
import { listSessions } from "./list-sessions";
import type { createOutages } from "./outages";
import { paginate } from "./paginate";
import { canonicalParams, parseParams, rejectUnknown, words, type Params } from "./params";
import { lineItemsUrl, presentSession, readExpand } from "./session-view";
import { findSession, snapshot } from "./store";

export interface ApiDependencies {
  context: SimulatorContext;
  idempotency: ReturnType<typeof createIdempotencyStore>;
  outages: ReturnType<typeof createOutages>;
  secretKey: string;
  account: Stripe.Account;
  webhookEndpoints: Stripe.WebhookEndpoint[];
}

interface Call {
  params: Params;
  id: string;
  /** Recorded on the events this request causes, as Stripe's `event.request`. */
  eventRequest: Stripe.Event.Request;
  checkoutBaseUrl: string;
}

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  run(dependencies: ApiDependencies, call: Call): unknown;
}

const EXPAND_ONLY = new Set(["expand"]);

const ROUTES: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions$/,
    run: ({ context }, call) => {
      const record = createSession(context, call.params, call.checkoutBaseUrl);
      return presentSession(record, record.input.expand);
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions$/,
    run: ({ context }, call) => listSessions(context.store, call.params),
  },
  {
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    run: ({ context }, call) => {
      rejectUnknown(call.params, EXPAND_ONLY);
      const expand = readExpand(call.params.expand, ["line_items"]);
      return presentSession(findSession(context.store, call.id), expand);
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
    run: ({ context }, call) => {
      rejectUnknown(call.params, new Set(words("ending_before expand limit starting_after")));
      const record = findSession(context.store, call.id);
      const list = { url: lineItemsUrl(call.id), objectName: "item" };
      return paginate(snapshot(record.lineItems), call.params, list);
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    run: ({ context }, call) => {
      rejectUnknown(call.params, EXPAND_ONLY);
      const record = findSession(context.store, call.id);
      const expand = readExpand(call.params.expand, ["line_items"]);
      expireSession(context, record, call.eventRequest);
      return presentSession(record, expand);
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/refunds$/,
    run: ({ context }, call) => createRefund(context, call.params, call.eventRequest),
  },
  {
    method: "GET",
    pattern: /^\/v1\/account$/,
    run: ({ account }, call) => {
      rejectUnknown(call.params, EXPAND_ONLY);
      return snapshot(account);
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/webhook_endpoints$/,
    run: ({ webhookEndpoints }, call) => {
      rejectUnknown(call.params, new Set(words("ending_before expand limit starting_after")));
      const list = { url: "/v1/webhook_endpoints", objectName: "webhook_endpoint" };
      return paginate(snapshot(webhookEndpoints).reverse(), call.params, list);
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    run: ({ webhookEndpoints }, call) => {
      rejectUnknown(call.params, EXPAND_ONLY);
      const endpoint = webhookEndpoints.find((candidate) => candidate.id === call.id);
      if (!endpoint) throw resourceMissing("webhook_endpoint", call.id, "id");
      return snapshot(endpoint);
    },
  },
];

/** Serves `/v1/…` (path already stripped of any mount prefix) as Stripe's API would. */
export async function handleApi(
  dependencies: ApiDependencies,
  request: Request,
  path: string,
  checkoutBaseUrl: string,
): Promise<Response> {
  const requestId = newId("req_", 14);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "request-id": requestId,
    "stripe-version": request.headers.get("stripe-version") ?? Stripe.API_VERSION,
  };
  const key = request.headers.get("idempotency-key");
  try {
    const authError = authenticate(request, dependencies.secretKey);
    if (authError) throw authError;
    const method = request.method.toUpperCase();
    const { route, id } = findRoute(method, path);
    const params =
      method === "GET"
        ? parseParams(new URL(request.url).search.slice(1))
        : parseParams(await request.text());
    const call: Call = {
      params,
      id,
      eventRequest: { id: requestId, idempotency_key: key },
      checkoutBaseUrl,
    };
    const endpoint = `${method} ${path}`;
    const execute = async (): Promise<ApiResponse> => {
      try {
        dependencies.outages.strike(endpoint);
        const body = await route.run(dependencies, call);
        return { status: 200, body: JSON.stringify(body, null, 2), requestId };
      } catch (error) {
        // Validation failed before the endpoint began: nothing happened, nothing is kept.
        if (error instanceof StripeApiError && !error.replayable) throw error;
        // Anything else, a 500 included, is the request's result: kept and replayed.
        const failure = error instanceof StripeApiError ? error : internalError(error);
        return { status: failure.status, body: errorJson(failure), requestId };
      }
    };
    const response =
      method === "POST" && key
        ? await dependencies.idempotency.run(key, endpoint, canonicalParams(params), execute)
        : { ...(await execute()), replayed: false };
    if (key) headers["idempotency-key"] = key;
    if (response.replayed) {
      headers["idempotent-replayed"] = "true";
      headers["original-request"] = response.requestId;
    }
    // Stripe tells its SDKs not to retry a 500 it keeps: the same key would only replay it.
    if (response.status >= 500) headers["stripe-should-retry"] = "false";
    return new Response(response.body, { status: response.status, headers });
  } catch (error) {
    if (key) headers["idempotency-key"] = key;
    if (error instanceof StripeApiError) {
      return new Response(errorJson(error), { status: error.status, headers });
    }
    return new Response(errorJson(internalError(error)), { status: 500, headers });
  }
}

function internalError(error: unknown): StripeApiError {
  const message = error instanceof Error ? error.message : String(error);
  return new StripeApiError(500, {
    type: "api_error",
    message: `The Stripe simulator failed: ${message}`,
  });
}

function findRoute(method: string, path: string): { route: Route; id: string } {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match && route.method === method) return { route, id: match[1] ?? "" };
  }
  throw new StripeApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). The Stripe simulator serves Checkout Sessions (create, retrieve, list, line_items, expire), refunds (create), the account (retrieve) and webhook endpoints (list, retrieve) only.`,
  });
}

function errorJson(error: StripeApiError): string {
  return JSON.stringify({ error: error.body }, null, 2);
}
