import { Readable } from "node:stream";
import messages from "@/messages/en.json";
import { isAdmin } from "@/lib/auth/admin-only";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { logger } from "@/lib/platform/logger";
import { exportOrders, readOrderListQuery } from "@/lib/orders/list-orders";
import { ordersCsv } from "@/lib/orders/orders-csv";

const filterTexts = messages.ordersTable.filterErrors as Record<string, string>;

/** The current view of the orders table as CSV, every page of it, streamed. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const { query, problems } = readOrderListQuery(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  // Refused before the first byte: once the CSV streams, a failing query can only break the
  // download off, and a file without the asked-for filter would be the wrong one.
  if (Object.keys(problems).length > 0) {
    const errors = Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [
        field,
        filterTexts[problem?.key ?? ""] ?? problem?.key,
      ]),
    );
    return Response.json({ errors }, { status: 400 });
  }
  const db = await database();
  const csv = ordersCsv(
    exportOrders(db, user, query),
    (error) => logger.error({ err: error, userId: user.id }, "orders export failed"),
    // An admin's export spans every shop: each line says whose order it is.
    { withShop: isAdmin(user) },
  );
  const date = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="orders-${date}.csv"`,
    },
  });
}
