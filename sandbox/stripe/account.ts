import type Stripe from "stripe";
import { newId } from "./ids";

/**
 * The simulator's own account, as `GET /v1/account` (`stripe.accounts.retrieve(null)`) returns
 * it: a German test shop, fully onboarded. `overrides` set any field, e.g. `charges_enabled:
 * false` for an account that has not finished onboarding.
 */
export function simulatedAccount(
  createdSeconds: number,
  overrides: Partial<Stripe.Account> = {},
): Stripe.Account {
  return {
    id: newId("acct_", 16),
    object: "account",
    type: "standard",
    business_type: "company",
    business_profile: {
      name: "Promo Sandbox Shop",
      url: null,
      support_email: null,
      mcc: "5499",
    } as Stripe.Account.BusinessProfile,
    capabilities: { card_payments: "active", transfers: "active" },
    charges_enabled: true,
    payouts_enabled: true,
    details_submitted: true,
    country: "DE",
    default_currency: "eur",
    email: "shop@example.com",
    created: createdSeconds,
    metadata: {},
    settings: {
      dashboard: { display_name: "Promo Sandbox Shop", timezone: "Europe/Berlin" },
    } as Stripe.Account.Settings,
    ...overrides,
  };
}
