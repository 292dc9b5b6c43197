import type Stripe from "stripe";
import { invalidParam } from "./api-error";
import { paginate } from "./paginate";
import {
  optionalInteger,
  optionalObject,
  optionalString,
  rejectUnknown,
  words,
  type ParamValue,
  type Params,
} from "./params";
import { presentSession, readExpand } from "./session-view";
import { findSession, type Store } from "./store";

// Every key of the SDK's SessionListParams.
const KNOWN = new Set(
  words(`
    created customer customer_account customer_details ending_before expand limit payment_intent
    payment_link starting_after status subscription`),
);
const STATUSES = ["open", "complete", "expired"];

/** `GET /v1/checkout/sessions`: newest first, filtered and paginated as Stripe does. */
export function listSessions(
  store: Store,
  params: Params,
): Stripe.ApiList<Stripe.Checkout.Session> {
  rejectUnknown(params, KNOWN);
  const status = optionalString(params.status, "status");
  if (status && !STATUSES.includes(status)) {
    throw invalidParam("status", "Invalid status: must be one of open, complete, or expired");
  }
  const inCreatedRange = readCreatedFilter(params.created);
  const email = optionalString(
    optionalObject(params.customer_details, "customer_details")?.email,
    "customer_details[email]",
  );
  const equalTo = (
    field: "customer" | "customer_account" | "payment_intent" | "payment_link" | "subscription",
  ) => {
    const wanted = optionalString(params[field], field);
    return (session: Stripe.Checkout.Session) => wanted === undefined || session[field] === wanted;
  };
  const filters = [
    (session: Stripe.Checkout.Session) => status === undefined || session.status === status,
    (session: Stripe.Checkout.Session) => inCreatedRange(session.created),
    (session: Stripe.Checkout.Session) =>
      email === undefined || session.customer_details?.email === email,
    ...(
      ["customer", "customer_account", "payment_intent", "payment_link", "subscription"] as const
    ).map(equalTo),
  ];
  const expand = readExpand(params.expand, ["data.line_items"]).map((path) => path.slice(5));
  const ordered = [...store.sessions.values()]
    .map((record) => record.session)
    // Newest first; among equal timestamps, the later-created first, as Stripe orders them.
    .reverse()
    .sort((a, b) => b.created - a.created);
  const page = paginate(ordered, params, {
    url: "/v1/checkout/sessions",
    objectName: "checkout.session",
    matches: (session) => filters.every((keep) => keep(session)),
  });
  const data = page.data.map((session) => presentSession(findSession(store, session.id), expand));
  return { ...page, data };
}

/** `created=…` or `created[gt|gte|lt|lte]=…`. */
function readCreatedFilter(value: ParamValue): (created: number) => boolean {
  if (value === undefined || typeof value === "string") {
    const exact = optionalInteger(value, "created");
    return (created) => exact === undefined || created === exact;
  }
  const range = optionalObject(value, "created") ?? {};
  rejectUnknown(range, new Set(["gt", "gte", "lt", "lte"]), "created");
  const bound = (key: string) => optionalInteger(range[key], `created[${key}]`);
  const [gt, gte, lt, lte] = [bound("gt"), bound("gte"), bound("lt"), bound("lte")];
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}
