// The requests the webhook benchmark sends, each one new (a fresh update id or event id) so the
// app stores every one. The payloads are real webhook bodies the worker then handles cheaply:
// what it does with the rows competes for the same cores as the ingest being measured, and the
// inbox and outbox benchmarks measure that work on its own.
import Stripe from "stripe";

export type MakeRequest = () => { body: string; headers: Record<string, string> };

const stripe = new Stripe("sk_test_bench");

/**
 * A signed `checkout.session.completed` for a session paid by a delayed method (SEPA debit):
 * Stripe sends it with payment_status "unpaid", and the worker only records the event id (the
 * order is paid when `async_payment_succeeded` follows).
 */
export function stripeEventRequest(webhookSecret: string, prefix: string): MakeRequest {
  let next = 0;
  return () => {
    next += 1;
    const payload = JSON.stringify({
      id: `evt_${prefix}_${next}`,
      object: "event",
      api_version: "2025-09-30.clover",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: `cs_${prefix}_${next}`,
          object: "checkout.session",
          mode: "payment",
          status: "complete",
          payment_status: "unpaid",
          payment_intent: `pi_${prefix}_${next}`,
          amount_total: 1290,
          currency: "eur",
          metadata: {},
        },
      },
    });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    return {
      body: payload,
      headers: { "content-type": "application/json", "stripe-signature": signature },
    };
  };
}

/**
 * A `my_chat_member` update: a seller made the bot an administrator of a channel, one of 5000.
 * The bot acts on membership only in private chats (a buyer blocking it), so the worker loads
 * the chat's dialog state and is done, with no message sent.
 */
export function telegramUpdateRequest(webhookSecret: string, firstUpdateId: number): MakeRequest {
  let updateId = firstUpdateId;
  return () => {
    updateId += 1;
    const seller = { id: 300_000 + (updateId % 5000), is_bot: false, first_name: "Seller" };
    const body = JSON.stringify({
      update_id: updateId,
      my_chat_member: {
        chat: { id: -1_000_000_000_000 - (updateId % 5000), type: "channel", title: "Shop" },
        from: seller,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { user: BOT_USER, status: "left" },
        new_chat_member: {
          user: BOT_USER,
          status: "administrator",
          can_be_edited: false,
          can_post_messages: true,
          can_edit_messages: true,
          can_delete_messages: true,
          can_manage_chat: true,
          can_invite_users: true,
          can_change_info: false,
          can_restrict_members: false,
          can_promote_members: false,
          is_anonymous: false,
        },
      },
    });
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": webhookSecret,
      },
    };
  };
}

const BOT_USER = {
  id: 100_000,
  is_bot: true,
  first_name: "Bench Shop",
  username: "bench_shop_bot",
};
