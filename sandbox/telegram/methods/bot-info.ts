import type { BotCommand, UserFromGetMe } from "grammy/types";
import { badRequest } from "../api-error";
import { optionalJson, optionalString } from "../params";
import type { Params } from "../request-params";
import type { MethodCall } from "./method";

export function getMe({ bot }: MethodCall): UserFromGetMe {
  return bot.me;
}

export function setMyCommands({ bot, params }: MethodCall): true {
  const commands = optionalJson(params, "commands", "can't parse commands JSON object");
  if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest("too many commands specified");
  for (const command of commands as unknown[]) checkCommand(command);
  bot.commands.set(commandsKey(params), commands as BotCommand[]);
  return true;
}

export function getMyCommands({ bot, params }: MethodCall): BotCommand[] {
  // Telegram answers for exactly this scope and language, without falling back to defaults.
  return bot.commands.get(commandsKey(params)) ?? [];
}

export function deleteMyCommands({ bot, params }: MethodCall): true {
  bot.commands.delete(commandsKey(params));
  return true;
}

function checkCommand(value: unknown): void {
  const { command, description } = (typeof value === "object" && value !== null ? value : {}) as {
    command?: unknown;
    description?: unknown;
  };
  if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) {
    throw badRequest("BOT_COMMAND_INVALID");
  }
  if (typeof description !== "string" || description.length < 1 || description.length > 256) {
    throw badRequest("command description is empty or too long");
  }
}

/** Commands are kept per scope and language_code, as Telegram keeps them. */
function commandsKey(params: Params): string {
  const scope = optionalJson(params, "scope", "can't parse BotCommandScope JSON object") ?? {
    type: "default",
  };
  const language = optionalString(params, "language_code") ?? "";
  if (language !== "" && !/^[a-z]{2}$/.test(language))
    throw badRequest("invalid language code specified");
  return JSON.stringify([scope, language]);
}
