// What the inbox benchmark processes: pending orders each with its own Checkout Session, the
// signed `checkout.session.completed` that pays each, and `/status` updates from distinct buyers.
import type pg from "pg";
import Stripe from "stripe";
import type { LoadRequest } from "./inbox-load";

const stripe = new Stripe("sk_test_bench");
export const SELLER_TELEGRAM_ID = 1;
export const PRICE_MINOR = 1290;

export interface PendingOrder {
  id: string;
  sessionId: string;
  buyerTelegramId: number;
}

/** The seller and the product every order is for. */
export async function seedShop(seed: pg.Client) {
  const seller = await seed.query(
    "insert into users (telegram_id, name) values ($1, 'Bench Seller') returning id",
    [SELLER_TELEGRAM_ID],
  );
  const product = await seed.query(
    `insert into products (seller_id, title, price_minor, deep_link_payload)
     values ($1, 'Bench Coffee', $2, 'bench') returning id`,
    [seller.rows[0].id, PRICE_MINOR],
  );
  return { sellerId: seller.rows[0].id as string, productId: product.rows[0].id as string };
}

/**
 * Orders waiting for payment, each with its current Checkout Session on the order and in
 * checkout_sessions, as checkout leaves them: a payment then is "the order's own session with
 * the matching amount and currency" (lib/payments/mark-paid.ts).
 */
export async function seedPendingOrders(
  seed: pg.Client,
  shop: { sellerId: string; productId: string },
  tag: string,
  count: number,
  firstBuyer: number,
): Promise<PendingOrder[]> {
  const { rows } = await seed.query(
    `insert into orders (seller_id, product_id, buyer_telegram_id, contact_name, email,
       address_street, address_postcode, address_city, address_country, product_title, quantity,
       currency, unit_amount_minor, total_amount_minor, checkout_key, stripe_checkout_session_id,
       shop_number)
     select $1, $2, $3::bigint + n, 'Bench Buyer', 'b@example.com', 'Street 1', '10115', 'Berlin',
       'DE', 'Bench Coffee', 1, 'EUR', $4, $4, $5 || n, 'cs_' || $5 || n,
       (select coalesce(max(shop_number), 0) from orders where seller_id = $1) + n
     from generate_series(1, $6::int) as n
     returning id, stripe_checkout_session_id as "sessionId", buyer_telegram_id as "buyerTelegramId"`,
    [shop.sellerId, shop.productId, firstBuyer, PRICE_MINOR, `bench_${tag}_`, count],
  );
  await seed.query(
    `insert into checkout_sessions (id, order_id, attempt)
     select stripe_checkout_session_id, id, 1 from orders where id = any($1::uuid[])`,
    [rows.map((row: PendingOrder) => row.id)],
  );
  return rows.map((row: PendingOrder) => ({
    ...row,
    buyerTelegramId: Number(row.buyerTelegramId),
  }));
}

/** Stripe's signed webhook for each order's session paid in full. */
export function paymentEvents(orders: PendingOrder[], webhookSecret: string): LoadRequest[] {
  return orders.map((order, i) => {
    const payload = JSON.stringify({
      id: `evt_${order.sessionId}`,
      object: "event",
      api_version: "2025-08-27.basil",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: order.sessionId,
          object: "checkout.session",
          mode: "payment",
          status: "complete",
          payment_status: "paid",
          payment_intent: `pi_${order.sessionId}_${i}`,
          amount_total: PRICE_MINOR,
          currency: "eur",
          client_reference_id: order.id,
          metadata: { order_id: order.id },
        },
      },
    });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    return {
      path: "/api/stripe/webhook",
      body: payload,
      headers: { "content-type": "application/json", "stripe-signature": signature },
    };
  });
}

/** A `/status` from each buyer, in a private chat of their own. */
export function statusUpdates(
  buyers: number[],
  firstUpdateId: number,
  webhookSecret: string,
): LoadRequest[] {
  return buyers.map((id, i) => {
    const user = { id, is_bot: false, first_name: "Bench" };
    const body = JSON.stringify({
      update_id: firstUpdateId + i,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id, type: "private", first_name: "Bench" },
        from: user,
        text: "/status",
        entities: [{ type: "bot_command", offset: 0, length: 7 }],
      },
    });
    return {
      path: "/api/telegram/webhook",
      body,
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": webhookSecret,
      },
    };
  });
}
