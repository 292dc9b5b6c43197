import { telegramWebhookHandler } from "@/bot/runtime";

export async function POST(request: Request) {
  const handler = telegramWebhookHandler();
  if (!handler) return Response.json({ error: "Telegram is not configured" }, { status: 404 });
  return (await handler)(request);
}
