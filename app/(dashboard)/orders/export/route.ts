import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { logger } from "@/lib/platform/logger";
import { exportOrders, orderListQuery } from "@/lib/orders/list-orders";

const header = [
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

/** The current view of the orders table as CSV, every page of it, streamed. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const query = orderListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await database();
  const csv = stringify({ header: true, columns: header });
  void (async () => {
    try {
      for await (const order of exportOrders(db, user, query)) {
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
      logger.error({ err: error, userId: user.id }, "orders export failed");
      csv.destroy(error as Error);
    }
  })();
  const date = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-${date}.csv"`,
    },
  });
}
