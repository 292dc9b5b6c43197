import type { SimulatedBot } from "@/sandbox/telegram/simulator";

/**
 * How a bot's sendPhoto calls into these chats sent their photo, read off the simulator's call
 * log, where an upload (multipart) appears as `{ filename, size }` and a file_id as the string.
 * Refused calls count too: their bytes went over the wire all the same. `since` leaves out the
 * bot's first sendPhoto calls, e.g. `bot.calls("sendPhoto").length` taken before an action.
 */
export function photoSends(bot: SimulatedBot, chatIds: number[], since = 0) {
  const chats = new Set(chatIds.map(String));
  // A multipart body carries chat_id as text, a JSON body as a number.
  const calls = bot
    .calls("sendPhoto")
    .slice(since)
    .filter((call) => chats.has(String(call.params.chat_id)));
  const uploads = calls.flatMap(({ params: { photo } }) =>
    typeof photo === "object" && photo !== null && "size" in photo ? [Number(photo.size)] : [],
  );
  const fileIds = calls.flatMap(({ params: { photo } }) =>
    typeof photo === "string" ? [photo] : [],
  );
  return {
    uploads: uploads.length,
    uploadedBytes: uploads.reduce((sum, size) => sum + size, 0),
    /** The file_ids sent, in order. */
    fileIds,
    refused: calls.filter((call) => !call.ok).length,
  };
}
