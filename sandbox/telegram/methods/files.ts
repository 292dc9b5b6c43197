import type { File } from "grammy/types";
import { badRequest } from "../api-error";
import { optionalString } from "../params";
import type { BotState } from "../state";
import type { MethodCall } from "./method";

export function getFile({ bot, params }: MethodCall): File {
  const id = optionalString(params, "file_id") ?? "";
  const file = bot.files.get(id);
  if (!file) throw badRequest("invalid file_id");
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    ...(file.file_size !== undefined ? { file_size: file.file_size } : {}),
    file_path: file.file_path,
  };
}

/**
 * Serves `/file/bot<token>/<file_path>` as Telegram does. Photos sent by URL have no bytes
 * (the simulator does not fetch them), so they answer 404 like a file that is gone.
 */
export function downloadFile(bot: BotState, filePath: string): Response {
  const file = [...bot.files.values()].find((candidate) => candidate.file_path === filePath);
  if (!file?.data) {
    return Response.json({ ok: false, error_code: 404, description: "Not Found" }, { status: 404 });
  }
  return new Response(file.data.slice().buffer, {
    headers: { "content-type": file.contentType ?? "application/octet-stream" },
  });
}
