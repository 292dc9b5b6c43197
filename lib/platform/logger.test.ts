import { Writable } from "node:stream";
import { BotError, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { buyerDetails } from "@/test/fixtures";
import { createLogger, describeDatabaseUrl } from "./logger";
import { withLogFields } from "./request-context";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger("info", stream) };
}

describe("logger", () => {
  it("writes JSON lines with level, time and message", () => {
    const { lines, logger } = capture();
    logger.info({ orderId: "o1" }, "order paid");
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({
      level: 30,
      msg: "order paid",
      orderId: "o1",
      app: "promo-bot",
    });
    expect(typeof entry.time).toBe("string");
  });

  it("censors secrets wherever they sit in a log object", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        settings: { DATABASE_URL: "postgres://shop:hunter2@db/shop" },
        bot: { token: "123:ABC-secret-token" },
        req: { headers: { authorization: "Bearer sk_live_abc", cookie: "session=xyz" } },
      },
      "config",
    );
    const line = lines.join("");
    for (const secret of ["hunter2", "ABC-secret-token", "sk_live_abc", "session=xyz"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("[redacted]");
  });

  const { name, street, postcode, email, city, country } = buyerDetails;
  const privateValues = [name, street, postcode, email, "Erika", "Mustermann"];

  it("censors a buyer's name, street, postcode and e-mail but keeps city and country", () => {
    const { lines, logger } = capture();
    const order = {
      id: "o1",
      contactName: name,
      email,
      addressStreet: street,
      addressPostcode: postcode,
      addressCity: city,
      addressCountry: country,
    };
    // As our orders, Stripe's sessions and Telegram's updates carry them, at various depths.
    logger.info({ order }, "order");
    logger.info({ result: { order } }, "nested order");
    logger.info(order, "flat order");
    logger.info(
      {
        session: {
          customer_email: email,
          customer_details: { email, name, address: { line1: street, postal_code: postcode } },
          collected_information: { shipping_details: { name, address: { line1: street } } },
        },
      },
      "session",
    );
    logger.info(
      {
        update: {
          message: { text: street, from: { first_name: "Erika", last_name: "Mustermann" } },
        },
      },
      "update",
    );
    logger.info({ ctx: { update: { message: { text: postcode } } } }, "context");
    const line = lines.join("");
    for (const value of privateValues) expect(line).not.toContain(value);
    expect(line).toContain(city);
    expect(line).toContain(`"addressCountry":"${country}"`);
  });

  it("censors private keys four levels deep, in arrays too, and leaves the caller's objects as they were", () => {
    const { lines, logger } = capture();
    const buyer = { name, email };
    const batch = { orders: [{ id: "o1", shipping: { address: { line1: street } } }], buyer };
    logger.info({ batch }, "batch");
    logger.info({ a: { b: { c: { postcode } } } }, "four levels");
    logger.info({ bot: { token: "123:ABC-secret-token", id: 7 } }, "child");
    const [first, second, third] = lines.map((l) => JSON.parse(l));
    expect(first.batch.orders[0]).toEqual({ id: "o1", shipping: "[redacted]" });
    expect(first.batch.buyer).toEqual({ name, email: "[redacted]" });
    expect(second.a.b.c.postcode).toBe("[redacted]");
    expect(third.bot).toEqual({ token: "[redacted]", id: 7 });
    // Censoring works on copies: what the caller logged is unchanged.
    expect(batch.orders[0]?.shipping.address.line1).toBe(street);
    expect(buyer.email).toBe(email);
  });

  it("censors the fields a child logger is bound to", () => {
    const { lines, logger } = capture();
    logger.child({ token: "123:ABC-secret-token", chat: 5 }).info("bound");
    expect(lines.join("")).not.toContain("ABC-secret-token");
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ token: "[redacted]", chat: 5 });
  });

  it("keeps what an error says but not the private data errors carry", () => {
    const { lines, logger } = capture();
    // Drizzle appends a failed query's parameters to its message (an order's insert: all of them).
    const query = new Error(
      `Failed query: insert into "orders" ("contact_name", "email") values ($1, $2)\nparams: ${name},${email},${street}`,
    );
    query.name = "DrizzleQueryError";
    query.cause = Object.assign(new Error("value too long for type character varying(10)"), {
      code: "22001",
      detail: `Failing row contains (${name}, ${street}).`,
    });
    // grammY keeps the call's parameters (a seller's notice: the address) and the whole update.
    const api = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: "Bad Request: can't parse entities" },
      "sendMessage",
      { chat_id: 1, text: `${name}\n${street}\n${postcode}\n${email}` },
    );
    const handler = new BotError(api, {
      update: { update_id: 1, message: { text: street } },
    } as never);
    const stripe = Object.assign(new Error(`Invalid email address: ${email}`), {
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "customer_email",
      raw: { message: `Invalid email address: ${email}` },
    });
    logger.error({ err: query }, "insert failed");
    logger.error({ err: handler }, "update failed");
    logger.error({ err: stripe }, "checkout failed");
    const line = lines.join("");
    for (const value of privateValues) expect(line).not.toContain(value);
    const [insert, update, checkout] = lines.map((l) => JSON.parse(l));
    expect(insert.err).toMatchObject({
      type: "DrizzleQueryError",
      message: expect.stringContaining('Failed query: insert into "orders"'),
      cause: { code: "22001", message: "value too long for type character varying(10)" },
    });
    expect(update.err.cause).toMatchObject({
      type: "GrammyError",
      error_code: 400,
      method: "sendMessage",
    });
    expect(checkout.err).toMatchObject({ statusCode: 400, param: "customer_email" });
    expect(checkout.err.message).toBe("Invalid email address: [email]");
  });

  it("puts the ids of the request being handled on every line", () => {
    const { lines, logger } = capture();
    withLogFields({ requestId: "req-1", updateId: 42 }, () => {
      logger.info("inside");
      withLogFields({ sellerId: "s1" }, () => logger.info("deeper"));
    });
    logger.info("outside");
    const [inside, deeper, outside] = lines.map((l) => JSON.parse(l));
    expect(inside).toMatchObject({ requestId: "req-1", updateId: 42 });
    expect(deeper).toMatchObject({ requestId: "req-1", updateId: 42, sellerId: "s1" });
    expect(outside.requestId).toBeUndefined();
  });

  it("describes a database without its credentials", () => {
    expect(describeDatabaseUrl("postgres://shop:hunter2@db.example.com:5432/shop")).toBe(
      "postgres://db.example.com:5432/shop",
    );
    expect(describeDatabaseUrl(undefined)).toBe("embedded PGlite");
  });
});
