import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, describeDatabaseUrl } from "./logger";

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
      service: "promo-bot",
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

  it("describes a database without its credentials", () => {
    expect(describeDatabaseUrl("postgres://shop:hunter2@db.example.com:5432/shop")).toBe(
      "postgres://db.example.com:5432/shop",
    );
    expect(describeDatabaseUrl(undefined)).toBe("embedded PGlite");
  });
});
