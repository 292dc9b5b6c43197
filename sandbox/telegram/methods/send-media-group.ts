import type { Message } from "grammy/types";
import { badRequest } from "../api-error";
import { writableChat } from "../chats";
import { captionFields, checkLength, readFormatted } from "../formatting";
import { chatIdParam, optionalBool, optionalJson } from "../params";
import { resolvePhoto } from "../photos";
import type { Params } from "../request-params";
import type { MethodCall } from "./method";
import { postMessage, replyFields } from "./send";

/**
 * sendMediaGroup for albums of photos (the only kind the app sends; videos, documents and
 * audios are refused as unsupported here). `media` is 2–10 InputMediaPhoto, each a file_id,
 * a URL or "attach://<name>" naming a file part of the same multipart request, as grammY
 * uploads. The messages share a media_group_id; none may carry reply_markup (Telegram's
 * albums have no buttons, so the parameter does not exist). Answers the messages in order.
 */
export function sendMediaGroup({ world, bot, params }: MethodCall): Message[] {
  const target = writableChat(world, bot, chatIdParam(params));
  const media = optionalJson(params, "media", "can't parse media JSON object");
  if (media === undefined) throw badRequest('parameter "media" is required');
  if (!Array.isArray(media)) throw badRequest("can't parse media JSON object");
  if (media.length < 2 || media.length > 10) {
    throw badRequest("media must include 2-10 items");
  }
  // All read and resolved before the first is posted: a bad item fails the album as a whole.
  const items = media
    .map((item: unknown) => readPhotoItem(params, item))
    .map((item) => ({ ...item, photo: resolvePhoto(bot, item.photo) }));
  const reply = replyFields(target, params);
  // Telegram's are long decimal strings, unique per album.
  const mediaGroupId = `${Date.now()}${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  return items.map(({ photo, caption, spoiler, above }) =>
    postMessage(world, bot, target, {
      ...reply,
      media_group_id: mediaGroupId,
      photo,
      ...captionFields(caption),
      ...(above ? { show_caption_above_media: true } : {}),
      ...(spoiler ? { has_media_spoiler: true } : {}),
    }),
  );
}

function readPhotoItem(params: Params, item: unknown) {
  if (typeof item !== "object" || item === null) throw badRequest("can't parse InputMedia");
  const fields = item as Params;
  if (fields.type !== "photo") throw badRequest("unsupported media type in the album");
  const media = fields.media;
  if (typeof media !== "string" || media === "") {
    throw badRequest("can't parse InputMedia: media not found");
  }
  const attached = /^attach:\/\/(.+)$/.exec(media);
  const photo = attached ? params[attached[1] ?? ""] : media;
  if (photo === undefined) throw badRequest("can't parse InputMedia: media not found");
  // Captions are read from the item, with its own parse_mode, as Telegram does.
  const caption = readFormatted(fields, "caption", "caption_entities");
  if (caption) checkLength(caption, 1024, "message caption is too long");
  return {
    photo,
    caption,
    spoiler: optionalBool(fields, "has_spoiler"),
    above: optionalBool(fields, "show_caption_above_media"),
  };
}
