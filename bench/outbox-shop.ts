// The shop the outbox benchmark pays for: a few sellers, each with a product, and pending
// orders whose Checkout Sessions are recorded as the app opens them (the order's current
// session and its checkout_sessions row), so each signed event pays its order for real.
import type pg from "pg";
import Stripe from "stripe";

export interface PaidOrdersShop {
  sellerChats: number[];
  buyerChats: number[];
  /** Each order as its seller's messages name it: "<seller chat>#<shop number>". */
  sellerOrders: string[];
  /** One signed `checkout.session.completed` per order, ready to POST. */
  events: Array<{ body: string; signature: string }>;
}

const PRICE_MINOR = 1290;

export async function seedShop(
  seed: pg.Client,
  {
    sellers,
    orders,
    firstChat,
    webhookSecret,
  }: {
    sellers: number;
    orders: number;
    firstChat: number;
    webhookSecret: string;
  },
): Promise<PaidOrdersShop> {
  const sellerChats: number[] = [];
  const products: Array<{ sellerId: string; productId: string }> = [];
  for (let s = 0; s < sellers; s++) {
    const chat = 5_000_000 + firstChat + s;
    const { rows } = await seed.query(
      // Every other seller reads German: both languages' notices and digests are sent.
      `insert into users (telegram_id, name, role, language) values ($1, $2, 'seller', $3)
       returning id`,
      [chat, `Bench Seller ${s + 1}`, s % 2 ? "de" : "en"],
    );
    const product = await seed.query(
      `insert into products (seller_id, title, price_minor, deep_link_payload)
       values ($1, $2, $3, $4) returning id`,
      [rows[0].id, `Bench Coffee ${s + 1}`, PRICE_MINOR, `bench-${firstChat}-${s}`],
    );
    sellerChats.push(chat);
    products.push({ sellerId: rows[0].id, productId: product.rows[0].id });
  }
  const buyerChats = Array.from({ length: orders }, (_, n) => 100_000_000 + firstChat + n);
  const { rows } = await seed.query(
    `insert into orders (seller_id, product_id, buyer_telegram_id, buyer_language, contact_name,
       email, address_street, address_postcode, address_city, address_country, product_title,
       quantity, currency, unit_amount_minor, total_amount_minor, checkout_key,
       stripe_checkout_session_id, shop_number)
     select (p->>'sellerId')::uuid, (p->>'productId')::uuid, chat, case when n % 3 = 0 then 'de' else 'en' end,
       'Bench Buyer ' || n, 'buyer' || n || '@example.com', 'Street ' || n, '10115', 'Berlin',
       'DE', 'Bench Coffee', 1, 'EUR', $1, $1, 'bench-' || chat, 'cs_bench_' || chat,
       row_number() over (partition by p->>'sellerId' order by n)
     from unnest($2::bigint[]) with ordinality as b(chat, n),
       lateral (select $3::jsonb -> ((n - 1)::int % $4) as p) as seller
     returning id, seller_id, shop_number, buyer_telegram_id as chat,
       stripe_checkout_session_id as session`,
    [PRICE_MINOR, buyerChats, JSON.stringify(products), sellers],
  );
  await seed.query(
    `insert into checkout_sessions (id, order_id, attempt)
     select stripe_checkout_session_id, id, 1 from orders where id = any($1::uuid[])`,
    [rows.map((row: { id: string }) => row.id)],
  );
  const stripe = new Stripe("sk_test_bench");
  const events = rows.map((row: { id: string; chat: string; session: string }) => {
    const body = JSON.stringify({
      id: `evt_${row.session}`,
      object: "event",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: row.session,
          object: "checkout.session",
          status: "complete",
          payment_status: "paid",
          payment_intent: `pi_${row.chat}`,
          amount_total: PRICE_MINOR,
          currency: "eur",
          client_reference_id: row.id,
          metadata: { order_id: row.id },
        },
      },
    });
    const signature = stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: webhookSecret,
    });
    return { body, signature };
  });
  const chatOf = new Map(products.map((p, i) => [p.sellerId, sellerChats[i]]));
  const sellerOrders = rows.map(
    (row: { seller_id: string; shop_number: string }) =>
      `${chatOf.get(row.seller_id)}#${row.shop_number}`,
  );
  return { sellerChats, buyerChats, sellerOrders, events };
}
