// The hosted checkout page's words in the languages the shop's buyers use. Stripe Checkout
// shows itself in the session's `locale` ("auto" or none: the browser's language); the
// simulator does the same for English and German, the two languages the bot speaks.

export type PageLanguage = "en" | "de";

/** Why a submit was refused, as the page names it (pay-session.ts' outcomes, and expire). */
export type RefusalCode = "declined" | "invalid_card" | "invalid_email" | "not_open";

const en = {
  banner: "Sandbox — nothing is real",
  titleSuffix: "Sandbox checkout",
  pay: (total: string) => `Pay ${total}`,
  orderSummary: "Order summary",
  item: "Item",
  quantity: "Qty",
  amount: "Amount",
  total: "Total",
  email: "Email",
  cardNumber: "Card number",
  testCards: "Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.",
  letItExpire: "Let it expire",
  expiresAt: "This checkout expires at",
  cancelAndReturn: "Cancel and return to the shop",
  complete: "This payment is complete. Thank you!",
  returnToShop: "Return to the shop",
  expired: "This checkout session has expired. Nothing was charged.",
  notFound: "Checkout session not found",
  notOpen: "This checkout session is no longer open.",
  // English keeps the simulator's own (Stripe's) wording of each refusal.
  refusals: {} as Partial<Record<RefusalCode, string>>,
};

const de: typeof en = {
  banner: "Sandbox – nichts ist echt",
  titleSuffix: "Sandbox-Checkout",
  pay: (total) => `${total} bezahlen`,
  orderSummary: "Bestellübersicht",
  item: "Artikel",
  quantity: "Menge",
  amount: "Betrag",
  total: "Gesamt",
  email: "E-Mail",
  cardNumber: "Kartennummer",
  testCards: "Testkarten: 4242 4242 4242 4242 zahlt, 4000 0000 0000 0002 wird abgelehnt.",
  letItExpire: "Ablaufen lassen",
  expiresAt: "Dieser Checkout läuft ab am",
  cancelAndReturn: "Abbrechen und zurück zum Shop",
  complete: "Diese Zahlung ist abgeschlossen. Vielen Dank!",
  returnToShop: "Zurück zum Shop",
  expired: "Diese Checkout-Sitzung ist abgelaufen. Es wurde nichts abgebucht.",
  notFound: "Checkout-Sitzung nicht gefunden",
  notOpen: "Diese Checkout-Sitzung ist nicht mehr offen.",
  refusals: {
    declined: "Deine Karte wurde abgelehnt.",
    invalid_card: "Diese Kartennummer ist ungültig.",
    invalid_email: "Diese E-Mail-Adresse ist ungültig.",
    not_open: "Diese Checkout-Sitzung ist nicht mehr offen.",
  },
};

export type PageTexts = typeof en;

/**
 * The page's language: the session's `locale` when it names one ("de", "de-AT"), else the
 * browser's Accept-Language (as for "auto"); English for everything else.
 */
export function pageLanguage(locale: string | null | undefined, acceptLanguage: string | null) {
  const wanted = locale && locale !== "auto" ? locale : (acceptLanguage ?? "");
  return (wanted.trim().toLowerCase().startsWith("de") ? "de" : "en") as PageLanguage;
}

export function pageTexts(language: PageLanguage): PageTexts {
  return language === "de" ? de : en;
}
