// The requests the webhook benchmark sends: signed Stripe events and Telegram updates, each
// one new, so the app does the real work for every one.
import Stripe from "stripe";
import type { TelegramSimulator } from "@/sandbox/telegram/simulator";
import type { MakeRequest } from "./load";

const stripe = new Stripe("sk_test_bench");

export function stripeEventRequest(orderIds: string[], webhookSecret: string): MakeRequest {
  let next = 0;
  return () => {
    const orderId = orderIds[next++ % orderIds.length];
    const payload = JSON.stringify({
      id: `evt_bench_${next}_${Math.random().toString(36).slice(2)}`,
      object: "event",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: `cs_bench_${next}`,
          object: "checkout.session",
          payment_status: "paid",
          payment_intent: `pi_bench_${next}`,
          client_reference_id: orderId,
          metadata: { order_id: orderId },
        },
      },
    });
    const signature = stripe.webhooks.generateTestHeaderString({
      payload,
      secret: webhookSecret,
    });
    return {
      body: payload,
      headers: { "content-type": "application/json", "stripe-signature": signature },
    };
  };
}

export function telegramUpdateRequest(
  telegram: Pick<TelegramSimulator, "markStarted">,
  webhookSecret: string,
): MakeRequest {
  let updateId = 1_000_000;
  return () => {
    updateId += 1;
    const user = { id: 200_000 + (updateId % 5000), is_bot: false, first_name: "Bench" };
    telegram.markStarted(user.id);
    const body = JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: "private", first_name: "Bench" },
        from: user,
        text: "/status",
        entities: [{ type: "bot_command", offset: 0, length: 7 }],
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
