import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import {
  isFileIdRefused,
  isMessageGone,
  recipientGone,
  refusalOutcomeOf,
  TelegramRecipientGone,
  telegramRefusal,
} from "./telegram-error";

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

const refused = (method: string, error_code: number, description: string) =>
  new GrammyError(
    `Call to '${method}' failed!`,
    { ok: false, error_code, description },
    method,
    {},
  );

describe("refusalOutcome", () => {
  it("names the refusals that retrying can never fix, by method and Telegram's words", () => {
    const outcomes = [
      refused(
        "answerCallbackQuery",
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
      ),
      refused(
        "editMessageText",
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      ),
      refused("editMessageReplyMarkup", 400, "Bad Request: message to edit not found"),
      refused("editMessageCaption", 400, "Bad Request: message can't be edited"),
      refused("sendMessage", 403, "Forbidden: bot was blocked by the user"),
      refused("sendMessage", 403, "Forbidden: user is deactivated"),
    ].map((error) => refusalOutcomeOf(error));
    expect(outcomes).toEqual([
      "query_expired",
      "not_modified",
      "message_deleted",
      "message_uneditable",
      "recipient_gone",
      "recipient_gone",
    ]);
    expect(
      isMessageGone(refused("editMessageText", 400, "Bad Request: message to edit not found")),
    ).toBe(true);
  });

  it("leaves everything else to the caller", () => {
    for (const error of [
      refused("sendMessage", 400, "Bad Request: message is not modified"),
      refused("answerCallbackQuery", 400, "Bad Request: message to edit not found"),
      refused("editMessageText", 400, "Bad Request: can't parse entities"),
      refused("sendMessage", 429, "Too Many Requests: retry after 5"),
      new Error("socket hang up"),
    ]) {
      expect(refusalOutcomeOf(error)).toBeUndefined();
    }
  });
});

describe("TelegramRecipientGone", () => {
  it("reads as a refusal, and is found where a library wrapped it", () => {
    const gone = new TelegramRecipientGone(
      "sendMessage",
      { error_code: 403, description: "Forbidden: bot was blocked by the user" },
      4242,
    );
    expect(telegramRefusal(gone)).toMatchObject({ method: "sendMessage", error_code: 403 });
    const wrapped = new Error("Unknown error thrown in conversation", { cause: gone });
    expect(recipientGone(wrapped)).toBe(gone);
    expect(recipientGone(refused("sendMessage", 403, "Forbidden: bot was blocked"))).toBe(
      undefined,
    );
  });
});

describe("isFileIdRefused", () => {
  it("recognises Telegram's ways of refusing a file_id, and nothing else", () => {
    for (const description of [
      "Bad Request: wrong file identifier/HTTP URL specified",
      "Bad Request: wrong remote file identifier specified: Wrong padding in the string",
      "Bad Request: wrong remote file id specified: can't unserialize it",
      "Bad Request: file reference expired",
      "Bad Request: FILE_REFERENCE_EXPIRED",
    ]) {
      expect(isFileIdRefused(refused("sendPhoto", 400, description))).toBe(true);
    }
    for (const error of [
      refused("sendPhoto", 400, "Bad Request: chat not found"),
      refused("sendPhoto", 403, "Forbidden: bot was blocked by the user"),
      refused("sendPhoto", 429, "Too Many Requests: retry after 5"),
      new Error("wrong file identifier"),
    ]) {
      expect(isFileIdRefused(error)).toBe(false);
    }
  });
});
