import { InlineKeyboard, type Context } from "grammy";
import type { BuyerDetails } from "@/lib/checkout/buyer-details";
import { CHECKOUT_LIFETIME_SECONDS } from "@/lib/checkout/checkout-attempt";
import { lastBuyerDetails } from "@/lib/checkout/buyer-details";
import { checkoutOrder } from "@/lib/checkout/checkout-order";
import { rememberPayMessage } from "@/lib/orders/pay-message";
import { AppError, isAppError } from "@/lib/platform/app-error";
import { formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";
import {
  editFieldData,
  summaryStepData,
  usePreviousDetailsData,
} from "@/lib/telegram/callback-data";
import { findProductForSale } from "@/lib/checkout/find-product-for-sale";
import type { Currency } from "@/db/schema/catalog";
import { askDetail, askQuantity, detailFields, type DetailField } from "./ask-detail";
import { askChoice, removeButtons, type Button, type Dialog } from "./dialog-buttons";
import { localeOf, type BotDeps, type Translate } from "@/bot/context";
import { refusalText } from "@/bot/refusal-text";

// Quantities above this are wholesale: the seller would rather be asked directly.
const MAX_QUANTITY = 10;

type Editable = DetailField | "quantity";

function summaryText(
  t: Translate,
  locale: string,
  product: { title: string; priceMinor: number; currency: Currency },
  quantity: number,
  details: BuyerDetails,
) {
  return t("summary", {
    quantity,
    title: escapeHtml(product.title),
    total: formatMoney(product.priceMinor * quantity, product.currency, locale),
    name: escapeHtml(details.name),
    street: escapeHtml(details.street),
    postcode: escapeHtml(details.postcode),
    city: escapeHtml(details.city),
    country: details.country,
    email: escapeHtml(details.email),
  });
}

/**
 * The buyer's order dialog, entered from the product card's Buy button. grammY replays this
 * function from the top on every update, so everything that touches the outside world runs
 * inside dialog.external(), whose results are stored with the dialog's state.
 */
export function checkoutDialog(deps: BotDeps) {
  return async function checkout(dialog: Dialog, ctx: Context, productId: string) {
    const { locale, t } = localeOf(ctx);
    const buyerId = ctx.from?.id;
    if (!buyerId) return;

    const product = await dialog.external(async () => {
      try {
        const found = await findProductForSale(deps.db, productId);
        return {
          ok: true as const,
          title: found.title,
          priceMinor: found.priceMinor,
          currency: found.currency,
          stock: found.stock,
        };
      } catch (error) {
        // The dialog replays stored results: plain data, not the error itself.
        if (!isAppError(error)) throw error;
        const { code, reason, details } = error;
        return { ok: false as const, code, reason, title: details.title };
      }
    });
    if (!product.ok) {
      const refusal = new AppError(product.code, product.reason, { title: product.title });
      await ctx.reply(refusalText(ctx, refusal, "buyer"), { parse_mode: "HTML" });
      return;
    }
    // One key per dialog: every Confirm in it refers to the same order.
    const checkoutKey = `tg:${buyerId}:${await dialog.now()}`;
    const maxQuantity = Math.min(product.stock ?? MAX_QUANTITY, MAX_QUANTITY);
    let quantity = maxQuantity > 1 ? await askQuantity(dialog, ctx, maxQuantity, t) : 1;

    const details: Partial<BuyerDetails> = {};
    const previous = await dialog.external(() => lastBuyerDetails(deps.db, buyerId));
    if (previous) {
      const shown = [previous.name, previous.street, `${previous.postcode} ${previous.city}`];
      const choice = await askChoice(
        dialog,
        ctx,
        t("offer-previous", {
          details: escapeHtml([...shown, previous.country, previous.email].join("\n")),
        }),
        [
          [
            {
              label: t("btn-use-previous"),
              data: usePreviousDetailsData.pack({ choice: "yes" }),
              words: ["yes", "ja"],
            },
            {
              label: t("btn-enter-new"),
              data: usePreviousDetailsData.pack({ choice: "no" }),
              words: ["no", "nein", "new", "neu"],
            },
          ],
        ],
        t,
      );
      if (usePreviousDetailsData.match(choice)?.choice === "yes") Object.assign(details, previous);
    }
    for (const field of detailFields) {
      if (details[field] === undefined) {
        Object.assign(details, { [field]: await askDetail(dialog, ctx, field, t) });
      }
    }

    for (;;) {
      const complete = details as BuyerDetails;
      const choice = await askChoice(
        dialog,
        ctx,
        summaryText(t, locale, product, quantity, complete),
        summaryRows(t),
        t,
      );
      const step = summaryStepData.match(choice)?.step;
      if (step === "cancel") {
        await ctx.reply(t("dialog-cancelled"));
        return;
      }
      if (step === "edit") {
        const field = await chooseField(dialog, ctx, t, maxQuantity > 1);
        if (field === "quantity") quantity = await askQuantity(dialog, ctx, maxQuantity, t);
        else if (field) Object.assign(details, { [field]: await askDetail(dialog, ctx, field, t) });
        continue;
      }

      const result = await dialog.external(() =>
        checkoutOrder(
          deps.db,
          deps.stripe,
          {
            productId,
            quantity,
            buyerTelegramId: buyerId,
            buyerLanguage: locale,
            details: complete,
            checkoutKey,
          },
          { publicUrl: deps.publicUrl },
        ),
      );
      if (result.kind === "ready") {
        const total = formatMoney(result.totalMinor, result.currency as Currency, locale);
        const payMessage = await ctx.reply(
          t("checkout-ready", {
            number: String(result.number),
            total,
            minutes: CHECKOUT_LIFETIME_SECONDS / 60,
          }),
          {
            parse_mode: "HTML",
            reply_markup: new InlineKeyboard().url(t("btn-pay", { total }), result.url),
          },
        );
        // Its button goes once the link is used up; paid already (a very quick buyer), now.
        const waiting = await dialog.external(() =>
          rememberPayMessage(deps.db, result.orderId, payMessage.message_id),
        );
        if (!waiting) await removeButtons(ctx, payMessage);
        return;
      }
      if (result.kind === "not_pending") return;
      if (result.kind === "sold_out") {
        await ctx.reply(t("sold-out-now"));
        return;
      }
      if (result.kind === "out_of_stock") {
        await ctx.reply(t("out-of-stock", { available: result.available }));
        quantity = await askQuantity(dialog, ctx, result.available, t);
        continue;
      }
      await ctx.reply(t("checkout-unavailable"));
    }
  };
}

async function chooseField(dialog: Dialog, ctx: Context, t: Translate, canChangeQuantity: boolean) {
  const editable: Editable[] = [
    ...(canChangeQuantity ? ["quantity" as const] : []),
    ...detailFields,
  ];
  const fields: Button[] = editable.map((field) => ({
    label: t(`field-${field}`),
    data: editFieldData.pack({ field }),
    words: [field],
  }));
  const rows = Array.from({ length: Math.ceil(fields.length / 2) }, (_, i) =>
    fields.slice(i * 2, i * 2 + 2),
  );
  rows.push([
    { label: t("btn-back"), data: editFieldData.pack({ field: "back" }), words: ["back"] },
  ]);
  const choice = await askChoice(dialog, ctx, t("choose-field"), rows, t);
  const field = editFieldData.match(choice)?.field;
  return editable.find((candidate) => candidate === field);
}

/** Confirm on its own row, so it is not tapped for Change something. */
function summaryRows(t: Translate): Button[][] {
  const step = (name: "confirm" | "edit" | "cancel", label: string) => ({
    label: t(label),
    data: summaryStepData.pack({ step: name }),
    words: [name],
  });
  return [
    [step("confirm", "btn-confirm")],
    [step("edit", "btn-edit"), step("cancel", "btn-cancel")],
  ];
}
