import type Stripe from "stripe";
import { newId } from "./ids";

export interface WebhookEndpointOptions {
  /** Event types sent to the endpoint; `["*"]` (the default) is every type. */
  enabledEvents?: string[];
  /** A disabled endpoint is listed but sent nothing, as on Stripe. */
  status?: "enabled" | "disabled";
}

/** The endpoint Stripe delivers to (the simulator's `webhookUrl`), as the API lists it. */
export function simulatedWebhookEndpoint(
  url: string,
  createdSeconds: number,
  options: WebhookEndpointOptions = {},
): Stripe.WebhookEndpoint {
  return {
    id: newId("we_", 24),
    object: "webhook_endpoint",
    api_version: null,
    application: null,
    created: createdSeconds,
    description: null,
    enabled_events: options.enabledEvents ?? ["*"],
    livemode: false,
    metadata: {},
    status: options.status ?? "enabled",
    url,
  };
}

/** Whether Stripe would send an event of `type` to this endpoint. */
export function endpointReceives(endpoint: Stripe.WebhookEndpoint, type: string): boolean {
  return (
    endpoint.status === "enabled" &&
    (endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(type))
  );
}
