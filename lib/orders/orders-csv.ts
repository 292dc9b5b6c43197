import { stringify } from "csv-stringify";
import type { Order } from "@/db/schema/orders";

const columns = [
  "number",
  "created_at",
  "status",
  "buyer",
  "email",
  "street",
  "postcode",
  "city",
  "country",
  "product",
  "quantity",
  "currency",
  "total",
  "tracking_number",
];

/**
 * The orders as a CSV stream, a line each as they come. Cells a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe: a
 * buyer's address is theirs to type, and `=HYPERLINK(…)` in a city must stay text on the
 * seller's computer (csv-stringify's escape_formulas; numbers are left as they are).
 */
export function ordersCsv(orders: AsyncIterable<Order>, onError: (error: unknown) => void) {
  const csv = stringify({ header: true, columns, escape_formulas: true });
  void (async () => {
    try {
      for await (const order of orders) {
        csv.write([
          order.number,
          order.createdAt.toISOString(),
          order.status,
          order.contactName,
          order.email,
          order.addressStreet,
          order.addressPostcode,
          order.addressCity,
          order.addressCountry,
          order.productTitle,
          order.quantity,
          order.currency,
          (order.totalAmountMinor / 100).toFixed(2),
          order.trackingNumber ?? "",
        ]);
      }
      csv.end();
    } catch (error) {
      // The response is already streaming: the download breaks off, and the log says why.
      onError(error);
      csv.destroy(error as Error);
    }
  })();
  return csv;
}
