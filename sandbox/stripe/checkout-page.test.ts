import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  api,
  nowSeconds,
  orderSession,
  receivedTypes,
  SECRET_KEY,
  serveWith,
  setUpStripeTestbed,
  simulator,
  stripe,
} from "./test-support";

setUpStripeTestbed();

describe("the hosted checkout page", () => {
  it("shows the order and pays through the form, redirecting to success_url", async () => {
    const created = await stripe.checkout.sessions.create(orderSession());
    const page = await fetch(created.url ?? "");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("€30.00");
    expect(html).toContain("Sticker pack");
    expect(html).toMatch(/<button type="submit">Pay €30\.00<\/button>/);
    expect(html).toContain('value="buyer@example.com"');
    expect(html).toContain('href="https://shop.example/orders/42"');

    const submit = (card: string) =>
      fetch(`${created.url}/pay`, {
        method: "POST",
        body: new URLSearchParams({ email: "buyer@example.com", card }),
        redirect: "manual",
      });
    const declined = await submit("4000 0000 0000 0002");
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Your card was declined.");
    expect(simulator.events()).toEqual([]);

    const paid = await submit("4242 4242 4242 4242");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `https://shop.example/orders/42/paid?session=${created.id}`,
    );
    // The redirect comes after the webhook, so the app already knows when the buyer lands.
    expect(receivedTypes()).toEqual(["checkout.session.completed"]);

    const again = await submit("4242 4242 4242 4242");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This session is already paid.");
  });

  it("lets the buyer let it expire, and works under a mount prefix", async () => {
    serveWith((request) =>
      new URL(request.url).pathname.startsWith("/sandbox/stripe/")
        ? simulator.handle(request)
        : Promise.resolve(new Response(null, { status: 404 })),
    );
    // The SDK cannot add a path prefix, so the API is reached through fetch here.
    const response = await fetch(`${api.url}/sandbox/stripe/v1/checkout/sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}` },
      body: new URLSearchParams({
        mode: "payment",
        success_url: "https://shop.example/ok",
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "eur",
        "line_items[0][price_data][unit_amount]": "990",
        "line_items[0][price_data][product_data][name]": "Mug",
      }),
    });
    const session = (await response.json()) as Stripe.Checkout.Session;
    expect(session.url).toBe(`${api.url}/sandbox/stripe/checkout/${session.id}`);
    const html = await (await fetch(session.url ?? "")).text();
    expect(html).toContain(`action="/sandbox/stripe/checkout/${session.id}/expire"`);

    const expired = await fetch(`${session.url}/expire`, { method: "POST", redirect: "manual" });
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe(`/sandbox/stripe/checkout/${session.id}`);
    expect(await (await fetch(session.url ?? "")).text()).toContain("has expired");
    expect(receivedTypes()).toEqual(["checkout.session.expired"]);
  });

  it("speaks the session's locale, and the browser's language when it is auto", async () => {
    const german = await stripe.checkout.sessions.create(orderSession({ locale: "de" }));
    const html = await (await fetch(german.url ?? "")).text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("<h1>30,00\u00a0€ bezahlen</h1>");
    expect(html).toContain("Bestellübersicht");
    expect(html).toContain("Kartennummer");
    expect(html).toContain("Sandbox – nichts ist echt");
    const declined = await fetch(`${german.url}/pay`, {
      method: "POST",
      body: new URLSearchParams({ email: "buyer@example.com", card: "4000 0000 0000 0002" }),
    });
    expect(await declined.text()).toContain("Deine Karte wurde abgelehnt.");

    const auto = await stripe.checkout.sessions.create(orderSession({ locale: "auto" }));
    const browser = (language: string) =>
      fetch(auto.url ?? "", { headers: { "accept-language": language } }).then((r) => r.text());
    expect(await browser("de-AT,de;q=0.9")).toContain("Bestellübersicht");
    expect(await browser("en-GB,en;q=0.9")).toContain("Order summary");
  });

  it("shows the expiry as a moment the browser puts in its own time zone", async () => {
    const expiresAt = nowSeconds() + 60 * 60;
    const created = await stripe.checkout.sessions.create(orderSession({ expires_at: expiresAt }));
    const response = await fetch(created.url ?? "");
    const html = await response.text();
    const iso = new Date(expiresAt * 1000).toISOString();
    expect(html).toContain(`<time data-local datetime="${iso}">`);
    // The script that rewrites it is the one the page's policy lets run.
    const script = /<script>([^<]*)<\/script>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(script).digest("base64");
    expect(response.headers.get("content-security-policy")).toContain(
      `script-src 'sha256-${hash}'`,
    );
    // And it runs: a browser's document, as far as the script reads it.
    const time = { dateTime: iso, textContent: "" };
    const document = { documentElement: { lang: "de" }, querySelectorAll: () => [time] };
    new Function("document", script)(document);
    const local = new Intl.DateTimeFormat("de", { hour: "2-digit", minute: "2-digit" });
    expect(time.textContent).toContain(local.format(new Date(expiresAt * 1000)));
  });
});
