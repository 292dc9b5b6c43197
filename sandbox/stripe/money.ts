// Currencies Stripe counts in whole units or thousandths rather than cents
// (https://docs.stripe.com/currencies#zero-decimal). Everything else has two decimals.
const ZERO_DECIMAL = new Set(
  "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" "),
);
const THREE_DECIMAL = new Set("bhd jod kwd omr tnd".split(" "));

// Stripe refuses a Checkout Session whose total is below these, in minor units
// (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). Only the currencies a
// shop like ours is likely to use; others are not checked.
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  chf: 50,
  cad: 50,
  aud: 50,
  jpy: 50,
  sek: 300,
  nok: 300,
  dkk: 250,
  pln: 200,
  czk: 1500,
};

export function fractionDigits(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  return THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** `1500, "eur"` → "€15.00". */
export function formatAmount(amount: number, currency: string, locale = "en"): string {
  const digits = fractionDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currency.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(amount / 10 ** digits);
  } catch {
    // A code Intl does not know still deserves a readable amount.
    return `${(amount / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`;
  }
}

export function minimumCharge(currency: string): number | undefined {
  return MINIMUM_CHARGE[currency];
}
