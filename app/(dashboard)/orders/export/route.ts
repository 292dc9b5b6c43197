import { Readable } from "node:stream";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { logger } from "@/lib/platform/logger";
import { exportOrders, orderListQuery } from "@/lib/orders/list-orders";
import { ordersCsv } from "@/lib/orders/orders-csv";

/** The current view of the orders table as CSV, every page of it, streamed. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const query = orderListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await database();
  const csv = ordersCsv(exportOrders(db, user, query), (error) =>
    logger.error({ err: error, userId: user.id }, "orders export failed"),
  );
  const date = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-${date}.csv"`,
    },
  });
}
