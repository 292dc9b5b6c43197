import type Stripe from "stripe";
import { formatAmount } from "./money";
import type { SessionRecord } from "./store";

export interface CheckoutPageModel {
  record: SessionRecord;
  /** Absolute path of this session's page, e.g. `/sandbox/stripe/checkout/cs_test_…`. */
  pagePath: string;
  /** What went wrong on the last submit, shown next to the field it is about. */
  error?: { message: string; field: "card" | "email" | "form" };
  /** What the buyer typed, kept across a failed submit. */
  entered?: { email: string; card: string };
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a2e; }
  body { margin: 0; background: #f4f5f8; }
  main { max-width: 30rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .75rem;
         box-shadow: 0 1px 4px rgb(0 0 0 / .12); }
  .sandbox { margin: 0 0 1rem; padding: .5rem .75rem; border-radius: .5rem; background: #fff4d6;
             color: #5c4300; font-size: .875rem; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 1.5rem; }
  caption { text-align: left; font-weight: 600; margin-bottom: .25rem; }
  th, td { padding: .375rem 0; text-align: left; border-bottom: 1px solid #e3e5ea; }
  td.amount, th.amount { text-align: right; }
  tfoot th, tfoot td { font-weight: 700; border-bottom: 0; }
  .description { display: block; color: #545969; font-size: .875rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { box-sizing: border-box; width: 100%; padding: .625rem; margin-top: .25rem; font: inherit;
          border: 1px solid #8a8fa0; border-radius: .375rem; }
  input[readonly] { background: #f4f5f8; }
  input[aria-invalid="true"] { border-color: #b3261e; }
  .hint { margin: .25rem 0 0; color: #545969; font-size: .875rem; }
  .error { margin: .5rem 0 0; color: #b3261e; font-weight: 600; }
  button { margin-top: 1.25rem; width: 100%; padding: .75rem; font: inherit; font-weight: 600;
           border-radius: .375rem; border: 0; background: #4f46e5; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #4f46e5; border: 1px solid #4f46e5; margin-top: .75rem; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .status { padding: .75rem; border-radius: .5rem; background: #eef0f4; font-weight: 600; }
  .links { margin-top: 1rem; }
`;

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A self-contained page (no scripts, no external assets) standing in for Stripe Checkout. */
export function renderCheckoutPage(model: CheckoutPageModel): string {
  const { session } = model.record;
  const total = formatAmount(session.amount_total ?? 0, session.currency ?? "");
  const body = [
    `<p class="sandbox" role="note">Sandbox checkout: no real payment is made.</p>`,
    `<h1>Pay ${escapeHtml(total)}</h1>`,
    renderSummary(model.record, total),
    // Not tied to a field, e.g. paying a session that was paid or expired meanwhile.
    model.error?.field === "form"
      ? `<p class="error" role="alert">${escapeHtml(model.error.message)}</p>`
      : "",
    session.status === "open" ? renderForms(model, total) : renderClosed(session),
  ].join("\n");
  return page(`Pay ${total}`, body);
}

export function renderNotFoundPage(sessionId: string): string {
  return page(
    "Checkout session not found",
    `<h1>Checkout session not found</h1>\n<p>No checkout session has the id <code>${escapeHtml(sessionId)}</code>.</p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sandbox checkout</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function renderSummary(record: SessionRecord, total: string): string {
  const rows = record.lineItems.map((item, index) => {
    const description = record.input.lineItems[index]?.description;
    const name = escapeHtml(item.description ?? "");
    const detail = description ? `<span class="description">${escapeHtml(description)}</span>` : "";
    const amount = formatAmount(item.amount_total, item.currency);
    return `<tr><td>${name}${detail}</td><td>${item.quantity ?? 1}</td><td class="amount">${escapeHtml(amount)}</td></tr>`;
  });
  return `<table>
<caption>Order summary</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col" class="amount">Amount</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
<tfoot><tr><th scope="row" colspan="2">Total</th><td class="amount" data-testid="total">${escapeHtml(total)}</td></tr></tfoot>
</table>`;
}

function renderForms(model: CheckoutPageModel, total: string): string {
  const { session } = model.record;
  const errorFor = (field: "card" | "email") =>
    model.error?.field === field ? model.error.message : undefined;
  const expires = new Date(session.expires_at * 1000).toISOString();
  const cancel = session.cancel_url
    ? `<p class="links"><a href="${escapeHtml(session.cancel_url)}">Cancel and return to the shop</a></p>`
    : "";
  return [
    `<form method="post" action="${escapeHtml(model.pagePath)}/pay">`,
    renderField({
      name: "email",
      label: "Email",
      // Stripe shows an e-mail given at session creation but does not let the buyer change it.
      attributes: `type="email" autocomplete="email"${session.customer_email ? " readonly" : ""}`,
      value: session.customer_email ?? model.entered?.email ?? "",
      error: errorFor("email"),
    }),
    renderField({
      name: "card",
      label: "Card number",
      attributes: `inputmode="numeric" autocomplete="cc-number"`,
      value: model.entered?.card ?? "",
      hint: "Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.",
      error: errorFor("card"),
    }),
    `<button type="submit">Pay ${escapeHtml(total)}</button>`,
    `</form>`,
    `<form method="post" action="${escapeHtml(model.pagePath)}/expire">`,
    `<button type="submit" class="secondary">Let it expire</button>`,
    `</form>`,
    `<p class="hint">This checkout expires at <time datetime="${expires}">${expires.slice(0, 16).replace("T", " ")} UTC</time>.</p>`,
    cancel,
  ].join("\n");
}

/** A labelled input whose hint and error are tied to it for screen readers. */
function renderField(field: {
  name: string;
  label: string;
  attributes: string;
  value: string;
  hint?: string;
  error?: string;
}): string {
  const hintId = `${field.name}-hint`;
  const errorId = `${field.name}-error`;
  const describedBy = [field.hint ? hintId : "", field.error ? errorId : ""].filter(Boolean);
  const aria =
    (describedBy.length ? ` aria-describedby="${describedBy.join(" ")}"` : "") +
    (field.error ? ` aria-invalid="true"` : "");
  return [
    `<label for="${field.name}">${escapeHtml(field.label)}</label>`,
    `<input id="${field.name}" name="${field.name}" ${field.attributes} required value="${escapeHtml(field.value)}"${aria}>`,
    field.hint ? `<p class="hint" id="${hintId}">${escapeHtml(field.hint)}</p>` : "",
    field.error
      ? `<p class="error" id="${errorId}" role="alert">${escapeHtml(field.error)}</p>`
      : "",
  ].join("\n");
}

function renderClosed(session: Stripe.Checkout.Session): string {
  if (session.status === "complete") {
    const success = (session.success_url ?? "").replaceAll("{CHECKOUT_SESSION_ID}", session.id);
    return `<p class="status" role="status">This payment is complete. Thank you!</p>
<p class="links"><a href="${escapeHtml(success)}">Return to the shop</a></p>`;
  }
  const back = session.cancel_url
    ? `<p class="links"><a href="${escapeHtml(session.cancel_url)}">Return to the shop</a></p>`
    : "";
  return `<p class="status" role="status">This checkout session has expired. Nothing was charged.</p>\n${back}`;
}
