import { expect, test } from "@playwright/test";

// The built bundle, as the container runs it: no webhook reads what it is going to refuse.
const big = "x".repeat(2 * 1024 * 1024);

test("the webhooks refuse unsigned and oversized bodies before taking them in", async ({
  request,
}) => {
  const unsigned = await request.post("/api/stripe/webhook", { data: big });
  expect(unsigned.status()).toBe(400);
  const oversized = await request.post("/api/stripe/webhook", {
    data: big,
    headers: { "stripe-signature": "t=1,v1=0", "content-type": "application/json" },
  });
  expect(oversized.status()).toBe(413);
  const forged = await request.post("/api/telegram/webhook", {
    data: big,
    headers: { "x-telegram-bot-api-secret-token": "not-the-secret" },
  });
  expect(forged.status()).toBe(401);
});
