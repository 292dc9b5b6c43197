import { serveFetchHandler } from "@/sandbox/serve";

export interface RateLimits {
  /** Messages the bot may send per second, in all chats together. */
  perSecond: number;
  /** Least time between two messages to one chat. */
  perChatMs: number;
}

/**
 * A Bot API stand-in that enforces Telegram's send limits as its FAQ describes them: more than
 * `perSecond` messages in any second, or two to one chat closer than `perChatMs`, are refused
 * with 429 "Too Many Requests: retry after N" and `parameters.retry_after`. It accepts
 * sendMessage only, which is all these tests send.
 */
export async function startRateLimitedTelegram(limits: RateLimits) {
  const accepted: { chatId: number; at: number }[] = [];
  const lastByChat = new Map<number, number>();
  let refused = 0;
  const refusals: { chatId: number; gapMs: number; lastSecond: number }[] = [];
  let nextId = 1;
  const server = await serveFetchHandler(async (request) => {
    const method = new URL(request.url).pathname.split("/").at(-1);
    if (method !== "sendMessage") {
      return Response.json(
        { ok: false, error_code: 404, description: "Not Found: method not found" },
        { status: 404 },
      );
    }
    const body = (await request.json()) as { chat_id: number; text: string };
    const now = Date.now();
    const lastSecond = accepted.filter((entry) => entry.at > now - 1000).length;
    const chatGap = now - (lastByChat.get(body.chat_id) ?? 0);
    if (lastSecond >= limits.perSecond || chatGap < limits.perChatMs) {
      refused += 1;
      refusals.push({ chatId: body.chat_id, gapMs: chatGap, lastSecond });
      return Response.json(
        {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        },
        { status: 429 },
      );
    }
    accepted.push({ chatId: body.chat_id, at: now });
    lastByChat.set(body.chat_id, now);
    return Response.json({
      ok: true,
      result: {
        message_id: nextId++,
        date: Math.floor(now / 1000),
        chat: { id: body.chat_id, type: "private" },
        text: body.text,
      },
    });
  });
  return {
    apiRoot: server.url,
    accepted,
    refused: () => refused,
    /** Why each refused message was refused: the gap to the chat's last one, the second's count. */
    refusals,
    close: () => server.close(),
  };
}
