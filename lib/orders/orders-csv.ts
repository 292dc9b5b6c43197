import { stringify } from "csv-stringify";
import type { Order } from "@/db/schema/orders";

const columns = [
  // The shop's own order number, the one its buyers quote.
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

/** An order as the export gets it: with its shop's name, written out for admins only. */
export type ExportedOrder = Order & { shopName: string };

/**
 * The orders as a CSV stream, a line each as they come. Cells a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe: a
 * buyer's address is theirs to type, and `=HYPERLINK(…)` in a city must stay text on the
 * seller's computer (csv-stringify's escape_formulas; numbers are left as they are). An
 * admin's export covers every shop, so `withShop` adds the shop after the order number.
 */
export function ordersCsv(
  orders: AsyncIterable<ExportedOrder>,
  onError: (error: unknown) => void,
  { withShop = false } = {},
) {
  const csv = stringify({
    header: true,
    columns: withShop ? [columns[0]!, "shop", ...columns.slice(1)] : columns,
    escape_formulas: true,
  });
  void (async () => {
    try {
      for await (const order of orders) {
        csv.write([
          order.shopNumber,
          ...(withShop ? [order.shopName] : []),
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
