import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { telegramRefusal } from "./telegram-error";

const answer = { ok: false as const, error_code: 403, description: "Forbidden: bot was blocked" };

describe("telegramRefusal", () => {
  it("reads grammY's error for a refused call", () => {
    const error = new GrammyError("Call to 'sendMessage' failed!", answer, "sendMessage", {});
    expect(telegramRefusal(error)).toMatchObject({
      method: "sendMessage",
      error_code: 403,
      description: "Forbidden: bot was blocked",
    });
  });

  it("recognises the error of another copy of grammY by its fields", () => {
    // What a second bundled copy throws: the same fields, but not this copy's class.
    const foreign = Object.assign(new Error("Call to 'editMessageText' failed!"), {
      name: "GrammyError",
      method: "editMessageText",
      error_code: 400,
      description: "Bad Request: message is not modified",
    });
    expect(foreign).not.toBeInstanceOf(GrammyError);
    expect(telegramRefusal(foreign)?.error_code).toBe(400);
  });

  it("is undefined for a network failure or anything else", () => {
    const network = new HttpError("Network request for 'sendMessage' failed!", new Error("reset"));
    expect(telegramRefusal(network)).toBeUndefined();
    expect(telegramRefusal(new Error("GrammyError"))).toBeUndefined();
    expect(telegramRefusal(Object.assign(new Error("x"), { name: "GrammyError" }))).toBeUndefined();
    expect(telegramRefusal("403")).toBeUndefined();
  });
});
