import { createHash } from "node:crypto";
import type Stripe from "stripe";
import {
  pageTexts,
  type PageLanguage,
  type PageTexts,
  type RefusalCode,
} from "./checkout-page-texts";
import { formatAmount } from "./money";
import type { SessionRecord } from "./store";

export interface CheckoutPageModel {
  record: SessionRecord;
  /** Absolute path of this session's page, e.g. `/sandbox/stripe/checkout/cs_test_…`. */
  pagePath: string;
  /** The session's language (checkout-page-texts.ts). */
  language: PageLanguage;
  /** What went wrong on the last submit, shown next to the field it is about. */
  error?: { code: RefusalCode; message: string; field: "card" | "email" | "form" };
  /** What the buyer typed, kept across a failed submit. */
  entered?: { email: string; card: string };
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a2e; }
  body { margin: 0; background: #f4f5f8; }
  main { max-width: 30rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .75rem;
         box-shadow: 0 1px 4px rgb(0 0 0 / .12); }
  .sandbox { margin: 0 0 1rem; padding: .25rem .75rem; border-radius: .5rem; background: #fff4d6;
             color: #5c4300; font-size: .75rem; white-space: nowrap; overflow: hidden;
             text-overflow: ellipsis; }
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

// The expiry is a moment, shown in the buyer's own time zone, which only the browser knows:
// the server writes UTC, and this rewrites it where scripts run. Allowed by its hash alone.
// dateStyle cannot be combined with timeZoneName, hence the fields one by one.
const TIME_FORMAT: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};
const LOCAL_TIME_SCRIPT = `for (const t of document.querySelectorAll("time[data-local]")) t.textContent = new Intl.DateTimeFormat(document.documentElement.lang, ${JSON.stringify(TIME_FORMAT)}).format(new Date(t.dateTime));`;

/** For the page's Content-Security-Policy: the one script it may run. */
export const LOCAL_TIME_SCRIPT_SOURCE = `'sha256-${createHash("sha256").update(LOCAL_TIME_SCRIPT).digest("base64")}'`;

/** A self-contained page (no external assets, one small script) standing in for Stripe Checkout. */
export function renderCheckoutPage(model: CheckoutPageModel): string {
  const { session } = model.record;
  const texts = pageTexts(model.language);
  const total = formatAmount(session.amount_total ?? 0, session.currency ?? "", model.language);
  const body = [
    `<p class="sandbox" role="note">${escapeHtml(texts.banner)}</p>`,
    `<h1>${escapeHtml(texts.pay(total))}</h1>`,
    renderSummary(model, texts, total),
    // Not tied to a field, e.g. paying a session that was paid or expired meanwhile.
    model.error?.field === "form"
      ? `<p class="error" role="alert">${escapeHtml(errorText(model.error, texts))}</p>`
      : "",
    session.status === "open" ? renderForms(model, texts, total) : renderClosed(session, texts),
  ].join("\n");
  return page(model.language, `${texts.pay(total)} · ${texts.titleSuffix}`, body);
}

export function renderNotFoundPage(sessionId: string, language: PageLanguage): string {
  const texts = pageTexts(language);
  return page(
    language,
    `${texts.notFound} · ${texts.titleSuffix}`,
    `<h1>${escapeHtml(texts.notFound)}</h1>\n<p><code>${escapeHtml(sessionId)}</code></p>`,
  );
}

function errorText(error: NonNullable<CheckoutPageModel["error"]>, texts: PageTexts): string {
  return texts.refusals[error.code] ?? error.message;
}

function page(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script>${LOCAL_TIME_SCRIPT}</script>
</body>
</html>
`;
}

function renderSummary(model: CheckoutPageModel, texts: PageTexts, total: string): string {
  const { record } = model;
  const rows = record.lineItems.map((item, index) => {
    const description = record.input.lineItems[index]?.description;
    const name = escapeHtml(item.description ?? "");
    const detail = description ? `<span class="description">${escapeHtml(description)}</span>` : "";
    const amount = formatAmount(item.amount_total, item.currency, model.language);
    return `<tr><td>${name}${detail}</td><td>${item.quantity ?? 1}</td><td class="amount">${escapeHtml(amount)}</td></tr>`;
  });
  return `<table>
<caption>${escapeHtml(texts.orderSummary)}</caption>
<thead><tr><th scope="col">${escapeHtml(texts.item)}</th><th scope="col">${escapeHtml(texts.quantity)}</th><th scope="col" class="amount">${escapeHtml(texts.amount)}</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
<tfoot><tr><th scope="row" colspan="2">${escapeHtml(texts.total)}</th><td class="amount" data-testid="total">${escapeHtml(total)}</td></tr></tfoot>
</table>`;
}

function renderForms(model: CheckoutPageModel, texts: PageTexts, total: string): string {
  const { session } = model.record;
  const errorFor = (field: "card" | "email") =>
    model.error?.field === field ? errorText(model.error, texts) : undefined;
  const expires = new Date(session.expires_at * 1000);
  // Where no script runs: UTC, said so.
  const inUtc = new Intl.DateTimeFormat(model.language, { ...TIME_FORMAT, timeZone: "UTC" }).format(
    expires,
  );
  const cancel = session.cancel_url
    ? `<p class="links"><a href="${escapeHtml(session.cancel_url)}">${escapeHtml(texts.cancelAndReturn)}</a></p>`
    : "";
  return [
    `<form method="post" action="${escapeHtml(model.pagePath)}/pay">`,
    renderField({
      name: "email",
      label: texts.email,
      // Stripe shows an e-mail given at session creation but does not let the buyer change it.
      attributes: `type="email" autocomplete="email"${session.customer_email ? " readonly" : ""}`,
      value: session.customer_email ?? model.entered?.email ?? "",
      error: errorFor("email"),
    }),
    renderField({
      name: "card",
      label: texts.cardNumber,
      attributes: `inputmode="numeric" autocomplete="cc-number"`,
      value: model.entered?.card ?? "",
      hint: texts.testCards,
      error: errorFor("card"),
    }),
    `<button type="submit">${escapeHtml(texts.pay(total))}</button>`,
    `</form>`,
    `<form method="post" action="${escapeHtml(model.pagePath)}/expire">`,
    `<button type="submit" class="secondary">${escapeHtml(texts.letItExpire)}</button>`,
    `</form>`,
    `<p class="hint">${escapeHtml(texts.expiresAt)} <time data-local datetime="${expires.toISOString()}">${escapeHtml(inUtc)}</time>.</p>`,
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

function renderClosed(session: Stripe.Checkout.Session, texts: PageTexts): string {
  const returnLink = (url: string) =>
    `<p class="links"><a href="${escapeHtml(url)}">${escapeHtml(texts.returnToShop)}</a></p>`;
  if (session.status === "complete") {
    const success = (session.success_url ?? "").replaceAll("{CHECKOUT_SESSION_ID}", session.id);
    return `<p class="status" role="status">${escapeHtml(texts.complete)}</p>\n${returnLink(success)}`;
  }
  const back = session.cancel_url ? returnLink(session.cancel_url) : "";
  return `<p class="status" role="status">${escapeHtml(texts.expired)}</p>\n${back}`;
}
