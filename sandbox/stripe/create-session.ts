import { buildSession } from "./checkout-session-object";
import type { SimulatorContext } from "./context";
import type { Params } from "./params";
import { readSessionParams } from "./session-params";
import type { SessionRecord } from "./store";

/** `POST /v1/checkout/sessions`: validates, then stores a new open session. */
export function createSession(
  context: SimulatorContext,
  params: Params,
  checkoutBaseUrl: string,
): SessionRecord {
  const now = context.nowSeconds();
  const input = readSessionParams(params, now);
  const { session, lineItems } = buildSession(input, now, checkoutBaseUrl);
  const record = { session, lineItems, input };
  context.store.sessions.set(session.id, record);
  return record;
}
