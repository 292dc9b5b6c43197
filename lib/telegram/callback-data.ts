// Every button's callback data, packed and matched here: the message that makes a button and
// the handler that answers it use the same definition, so they cannot drift apart. Buttons
// already sitting in chats and channels carry these exact strings, so a wire format never
// changes (`ship:<uuid>`, `soldout`, …); a new shape needs a new prefix.
//
// Not the `callback-data` package: it cannot express our existing formats (its ids may not
// contain the ":" of `dlg:country:DE`) and matches every value with `(.+)?`, where ours
// accept only what we pack (a uuid, a page number, a country code).

/** Telegram refuses a button whose callback_data is longer than 64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

interface Field<T> {
  /** What the value looks like on the wire (a regular expression's source, no groups). */
  source: string;
  read(raw: string): T;
}

type Fields = Record<string, Field<unknown>>;
type Values<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A row id as Postgres stores it (any 8-4-4-4-12 hex uuid). */
export const uuid: Field<string> = { source: "[0-9a-f-]{36}", read: (raw) => raw };

/** One of a few fixed words. */
export function oneOf<const T extends string>(words: readonly T[]): Field<T> {
  return { source: words.map(escapeRegExp).join("|"), read: (raw) => raw as T };
}

/** A whole number of at most `digits` digits. */
export function integer(digits: number): Field<number> {
  return { source: `\\d{1,${digits}}`, read: Number };
}

/** Text matching `pattern` (a whole value, e.g. /[A-Z]{2}/). */
export function text(pattern: RegExp): Field<string> {
  return { source: pattern.source, read: (raw) => raw };
}

/** Callback data `prefix:value:value…`, its values in the order the fields are listed. */
export function callbackData<const F extends Fields = Record<never, never>>(
  prefix: string,
  fields: F = {} as F,
) {
  const names = Object.keys(fields) as (keyof F & string)[];
  const parts = [escapeRegExp(prefix), ...names.map((name) => `(${fields[name]!.source})`)];
  const pattern = new RegExp(`^${parts.join(":")}$`);
  return {
    /** For bot.callbackQuery(): matches exactly what pack() makes. */
    pattern,
    /** Any data with this prefix, well-formed or not (to end a dialog before it is parsed). */
    prefixPattern: new RegExp(`^${escapeRegExp(prefix)}(:|$)`),
    pack(values: Values<F>): string {
      const data = [prefix, ...names.map((name) => String(values[name]))].join(":");
      if (!pattern.test(data)) throw new Error(`callback data "${data}" does not fit ${pattern}`);
      if (Buffer.byteLength(data) > CALLBACK_DATA_MAX_BYTES) {
        throw new Error(`callback data "${data}" is longer than ${CALLBACK_DATA_MAX_BYTES} bytes`);
      }
      return data;
    },
    /** The values in `data`, or undefined when it is not this button's. */
    match(data: string | undefined): Values<F> | undefined {
      const found = data === undefined ? null : pattern.exec(data);
      if (!found) return undefined;
      return Object.fromEntries(
        names.map((name, i) => [name, fields[name]!.read(found[i + 1]!)]),
      ) as Values<F>;
    },
  };
}

// Product card (bot/features/product-card.ts → start.ts).
export const buyProductData = callbackData("buy", { productId: uuid });
export const cancelCardData = callbackData("card:cancel");

// The order dialog (bot/features/checkout-dialog.ts, ask-detail.ts).
export const usePreviousDetailsData = callbackData("dlg:prev", { choice: oneOf(["yes", "no"]) });
export const pickCountryData = callbackData("dlg:country", { code: text(/[A-Z]{2}/) });
export const pickQuantityData = callbackData("dlg:qty", { amount: text(/\d{1,2}|other/) });
export const summaryStepData = callbackData("dlg", { step: oneOf(["confirm", "edit", "cancel"]) });
export const editFieldData = callbackData("dlg:field", { field: text(/\w+/) });

// /status paging (bot/features/status.ts).
export const statusPageData = callbackData("status", { page: integer(4) });

// Under an expired or failed payment's notice (lib/orders) → bot/features/renew-checkout.ts.
export const renewCheckoutData = callbackData("renew", { orderId: uuid });

// Under a seller's order (lib/orders' new-order notice, /orders) → bot/features/seller-orders.ts.
export const shipOrderData = callbackData("ship", { orderId: uuid });
export const deliverOrderData = callbackData("deliver", { orderId: uuid });

// A sold-out channel post's button (lib/channels/refresh-posts.ts) → bot/features/sold-out.ts.
export const soldOutData = callbackData("soldout");
