import { getFormatter, getTranslations } from "next-intl/server";
import type { Order } from "@/db/schema/orders";
import type { OrderRow, OrdersTableLabels } from "./orders-columns";

/**
 * The orders table's texts for one view, in the request's language. Whatever the server knows
 * (the page, the total, each column's sort hint) is finished here; only the two counts that
 * change in the browser stay templates.
 */
export async function ordersTableLabels(view: {
  page: number;
  pageCount: number;
  total: number;
}): Promise<OrdersTableLabels> {
  const t = await getTranslations("ordersTable");
  const headers = {
    number: t("number"),
    shop: t("shop"),
    createdAt: t("date"),
    buyer: t("buyer"),
    items: t("items"),
    total: t("total"),
    status: t("status"),
  };
  const sortBy = (column: string) => t("sortBy", { column });
  return {
    headers,
    sortBy: {
      number: sortBy(headers.number),
      createdAt: sortBy(headers.createdAt),
      buyer: sortBy(headers.buyer),
      total: sortBy(headers.total),
      status: sortBy(headers.status),
    },
    select: t("select"),
    selectAll: t("selectAll"),
    selected: t.raw("selected") as string,
    bulkShipped: t("bulkShipped"),
    bulkDelivered: t("bulkDelivered"),
    bulkResult: t.raw("bulkResult") as string,
    none: t("none"),
    label: t("label"),
    page: t("page", { page: view.page, pages: view.pageCount }),
    shown: t("shown", { total: view.total }),
    perPage: t("perPage"),
    previous: t("previous"),
    next: t("next"),
  };
}

/** The orders as table rows, with date, total and status formatted for the request. */
export async function ordersTableRows(
  orders: Array<Order & { shopName: string }>,
): Promise<OrderRow[]> {
  const [t, format] = await Promise.all([getTranslations("ordersTable"), getFormatter()]);
  return orders.map((order) => ({
    id: order.id,
    number: order.shopNumber,
    date: format.dateTime(order.createdAt, { dateStyle: "medium" }),
    buyer: order.contactName,
    email: order.email,
    items: `${order.quantity} × ${order.productTitle}`,
    total: format.number(order.totalAmountMinor / 100, {
      style: "currency",
      currency: order.currency,
    }),
    status: t(`statuses.${order.status}`),
    statusCode: order.status,
    shop: order.shopName,
  }));
}
