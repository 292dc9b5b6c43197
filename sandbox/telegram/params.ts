import { badRequest } from "./api-error";
import type { Params } from "./request-params";

// Each reader accepts a parameter as a JSON value or as the string a form or query string
// carries, the way the Bot API does, and fails with a 400 like Telegram's when it cannot.

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw badRequest(`field "${name}" must be of type String`);
}

export function requiredString(params: Params, name: string, whenMissing: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value.trim() === "") throw badRequest(whenMissing);
  return value;
}

export function optionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) {
    throw badRequest(`field "${name}" must be of type Integer`);
  }
  return number;
}

export function requiredInt(params: Params, name: string, whenMissing: string): number {
  const value = optionalInt(params, name);
  if (value === undefined) throw badRequest(whenMissing);
  return value;
}

export function optionalBool(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1" || value === 1) return true;
  if (value === "false" || value === "0" || value === 0) return false;
  throw badRequest(`field "${name}" must be of type Boolean`);
}

/** A parameter that is an object or array: sent as such in JSON, as a JSON string otherwise. */
export function optionalJson(params: Params, name: string, unparsable: string): unknown {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(unparsable);
  }
}

/** chat_id: an integer id or an "@channelusername". */
export function chatIdParam(params: Params): number | string {
  const value = params.chat_id;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
  if (typeof value === "string" && value.startsWith("@")) return value;
  if (value === undefined || value === null || value === "") throw badRequest("chat_id is empty");
  throw badRequest("chat not found");
}
