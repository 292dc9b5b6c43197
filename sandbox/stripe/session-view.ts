import type Stripe from "stripe";
import { invalidParam } from "./api-error";
import { stringList, type ParamValue } from "./params";
import { snapshot, type SessionRecord } from "./store";

/** `expand[]` values the simulator can honour on a Checkout Session. */
export function readExpand(value: ParamValue, allowed: readonly string[]): string[] {
  const expand = stringList(value, "expand");
  for (const path of expand) {
    if (!allowed.includes(path)) {
      throw invalidParam("expand", `This property cannot be expanded (${path}).`);
    }
  }
  return expand;
}

export function lineItemsUrl(sessionId: string): string {
  return `/v1/checkout/sessions/${sessionId}/line_items`;
}

/** The session as the API returns it, with `line_items` when asked to expand them. */
export function presentSession(record: SessionRecord, expand: string[]): Stripe.Checkout.Session {
  const session = snapshot(record.session);
  if (expand.includes("line_items")) {
    session.line_items = {
      object: "list",
      data: snapshot(record.lineItems),
      has_more: false,
      url: lineItemsUrl(session.id),
    };
  }
  return session;
}
