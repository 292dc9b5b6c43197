import type Stripe from "stripe";
import { handledStripeEventTypes } from "./stripe-events";
import {
  CHECK_TIMEOUT_MS,
  checked,
  describeFailure,
  type Problem,
  type ServiceCheck,
} from "@/lib/platform/service-check";

export interface StripeFacts {
  accountId: string;
  accountName: string;
  chargesEnabled: boolean;
  endpointUrl: string;
  endpointStatus: string;
}

// A health check must answer quickly: no SDK retries, a short timeout.
const quick: Stripe.RequestOptions = { timeout: CHECK_TIMEOUT_MS, maxNetworkRetries: 0 };

/**
 * The Stripe account behind the key (can it take payments?) and its webhook endpoint: one
 * must send the events the app acts on to `expectedUrl`, and be enabled.
 */
export async function checkStripe(
  stripe: Stripe | undefined,
  expectedUrl: string,
): Promise<ServiceCheck<StripeFacts>> {
  if (!stripe) return checked({}, [{ code: "stripeNotConfigured" }]);
  const facts: Partial<StripeFacts> = {};
  const problems: Problem[] = [];
  try {
    const account = await stripe.accounts.retrieve(null, {}, quick);
    facts.accountId = account.id;
    facts.accountName =
      account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? "";
    facts.chargesEnabled = account.charges_enabled;
    if (!account.charges_enabled) problems.push({ code: "chargesDisabled" });
  } catch (error) {
    return checked(facts, [
      { code: "stripeUnreachable", values: { error: describeFailure(error) } },
    ]);
  }
  try {
    const { data } = await stripe.webhookEndpoints.list({ limit: 100 }, quick);
    const endpoint = data.find((candidate) => candidate.url === expectedUrl);
    if (!endpoint) {
      problems.push({ code: "endpointMissing", values: { expected: expectedUrl } });
      return checked(facts, problems);
    }
    facts.endpointUrl = endpoint.url;
    facts.endpointStatus = endpoint.status;
    if (endpoint.status !== "enabled") {
      problems.push({ code: "endpointDisabled", values: { expected: expectedUrl } });
    }
    const missing = endpoint.enabled_events.includes("*")
      ? []
      : handledStripeEventTypes.filter((type) => !endpoint.enabled_events.includes(type));
    if (missing.length > 0) {
      problems.push({ code: "eventsMissing", values: { events: missing.join(", ") } });
    }
  } catch (error) {
    problems.push({ code: "endpointsUnreadable", values: { error: describeFailure(error) } });
  }
  return checked(facts, problems);
}
