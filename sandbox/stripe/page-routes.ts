import type { SimulatorContext } from "./context";
import {
  LOCAL_TIME_SCRIPT_SOURCE,
  renderCheckoutPage,
  renderNotFoundPage,
  type CheckoutPageModel,
} from "./checkout-page";
import { pageLanguage } from "./checkout-page-texts";
import { expireSession } from "./expire-session";
import { attemptPayment, type PaymentAttempt } from "./pay-session";

type PageAction = "view" | "pay" | "expire";

// How each refusal is reported, so a browser test can tell them apart without parsing HTML.
const REFUSAL: Record<
  Exclude<PaymentAttempt["outcome"], "paid">,
  { status: number; field: "card" | "email" | "form" }
> = {
  declined: { status: 402, field: "card" },
  invalid_card: { status: 400, field: "card" },
  invalid_email: { status: 400, field: "email" },
  not_open: { status: 409, field: "form" },
};

/**
 * The hosted checkout page: `GET <prefix>/checkout/:id`, and its two forms posting to
 * `…/pay` and `…/expire`. Replies only after the resulting webhook was delivered, so whoever
 * follows the redirect finds the app already told.
 */
export async function handlePage(
  context: SimulatorContext,
  request: Request,
  sessionId: string,
  action: PageAction,
  pagePath: string,
): Promise<Response> {
  const record = context.store.sessions.get(sessionId);
  const acceptLanguage = request.headers.get("accept-language");
  if (!record) return html(renderNotFoundPage(sessionId, pageLanguage(null, acceptLanguage)), 404);
  const language = pageLanguage(record.session.locale, acceptLanguage);
  const render = (status: number, extra: Partial<CheckoutPageModel> = {}) =>
    html(renderCheckoutPage({ record, pagePath, language, ...extra }), status);
  const method = request.method.toUpperCase();

  if (action === "view") {
    return method === "GET" || method === "HEAD" ? render(200) : methodNotAllowed("GET");
  }
  if (method !== "POST") return methodNotAllowed("POST");

  if (action === "expire") {
    if (record.session.status !== "open") {
      return render(409, {
        error: {
          code: "not_open",
          field: "form",
          message: "This checkout session is no longer open.",
        },
      });
    }
    expireSession(context, record);
    await context.events.settled();
    // Post/redirect/get: reloading the page must not submit the form again.
    return new Response(null, { status: 303, headers: { location: pagePath } });
  }

  const form = new URLSearchParams(await request.text());
  const entered = { email: form.get("email") ?? "", card: form.get("card") ?? "" };
  const attempt = attemptPayment(context, sessionId, entered);
  if (attempt.outcome === "paid") {
    await context.events.settled();
    return new Response(null, { status: 303, headers: { location: attempt.redirectUrl } });
  }
  const refusal = REFUSAL[attempt.outcome];
  return render(refusal.status, {
    entered,
    error: { code: attempt.outcome, field: refusal.field, message: attempt.message },
  });
}

function html(body: string, status: number): Response {
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // A payment page: never cached, never framed by another site.
      "cache-control": "no-store",
      "x-frame-options": "DENY",
      "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; script-src ${LOCAL_TIME_SCRIPT_SOURCE}; form-action *; frame-ancestors 'none'`,
    },
  });
}

function methodNotAllowed(allowed: string): Response {
  return new Response(`Method not allowed; use ${allowed}.`, {
    status: 405,
    headers: { allow: allowed, "content-type": "text/plain; charset=utf-8" },
  });
}
