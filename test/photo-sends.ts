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

/**
 * How a bot's sendMediaGroup calls into these chats sent their photos: each album's size, and
 * of all their photos how many were uploaded (an `attach://` item, its file a multipart part)
 * and which went by file_id. `since` leaves out the bot's first sendMediaGroup calls.
 */
export function albumSends(bot: SimulatedBot, chatIds: number[], since = 0) {
  const chats = new Set(chatIds.map(String));
  const calls = bot
    .calls("sendMediaGroup")
    .slice(since)
    .filter((call) => chats.has(String(call.params.chat_id)));
  // A multipart body carries media as JSON text, a JSON body as the array itself.
  const albums = calls.map(({ params }) => {
    const media = typeof params.media === "string" ? JSON.parse(params.media) : params.media;
    return (media as { media: string }[]).map((item) => item.media);
  });
  const items = albums.flat();
  return {
    albums: albums.map((album) => album.length),
    uploads: items.filter((media) => media.startsWith("attach://")).length,
    /** The file_ids sent, album after album. */
    fileIds: items.filter((media) => !media.startsWith("attach://")),
    refused: calls.filter((call) => !call.ok).length,
  };
}
