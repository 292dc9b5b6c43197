import type { Context } from "grammy";
import { isAppError } from "@/lib/platform/app-error";
import { escapeHtml } from "@/lib/telegram/html";
import { localeOf } from "./context";

/** Who is refused: a buyer hears about their purchase, a seller about their shop's order. */
export type Audience = "buyer" | "seller";

/**
 * A domain refusal as the bot says it, in the user's language (HTML-safe). Anything else, or a
 * refusal the bot has no words for, is thrown on to the bot's error handling.
 */
export function refusalText(ctx: Context, error: unknown, audience: Audience): string {
  if (!isAppError(error)) throw error;
  const { t } = localeOf(ctx);
  const title = escapeHtml(error.details.title ?? "");
  switch (`${error.code}.${error.reason}`) {
    case "not_found.product":
      return t("product-not-found");
    case "unavailable.archived":
      return t("product-archived", { title });
    case "unavailable.sold_out":
      // With a title it answers a product card or deep link; without, a renewed payment link
      // whose stock went while the order had expired.
      return error.details.title === undefined
        ? t("sold-out-now")
        : t("product-sold-out", { title });
    case "not_found.order":
      return t(audience === "seller" ? "not-your-order" : "status-empty");
    case "conflict.transition":
      // A seller learns the order's status; a buyer's order just has nothing to renew.
      return audience === "seller" ? t(`status-${error.details.from}`) : t("status-empty");
  }
  throw error;
}
