import { getTranslations } from "next-intl/server";
import { BOT_PLACEHOLDER } from "@/components/channels/bot-placeholder";
import { ConnectChannelForm } from "@/components/channels/connect-channel-form";
import { botIdentity, telegramApi } from "@/lib/services";
import { answerWithin } from "@/lib/platform/answer-within";
import { connectChannel } from "./actions";

// getMe is answered from memory after its first success; a slow or unreachable Telegram must
// not hold up the page, so after this long step 1 names the bot without its @username.
const BOT_NAME_WAIT_MS = 1_500;

const bold = (chunks: React.ReactNode) => <strong className="font-semibold">{chunks}</strong>;

/** What a seller does in Telegram first, numbered and naming the bot, then the form. */
export async function ConnectSteps() {
  const t = await getTranslations("channelsPage");
  if (!telegramApi()) return <p className="text-sm text-slate-600">{t("noTelegram")}</p>;
  const bot = await answerWithin(botIdentity(), BOT_NAME_WAIT_MS);
  // Unknown now, a problem naming the bot gets its name from the action's answer instead.
  const botName = bot ? bot.username : BOT_PLACEHOLDER;
  return (
    <>
      <ol
        aria-label={t("stepsLabel")}
        className="mb-4 list-decimal space-y-1.5 pl-5 text-sm text-slate-700"
      >
        <li>
          {t.rich("steps.addBot", {
            bot: bot ? `@${bot.username}` : t("steps.unknownBot"),
            b: bold,
          })}
        </li>
        <li>{t.rich("steps.grant", { b: bold })}</li>
        <li>{t("steps.enter")}</li>
      </ol>
      {bot ? null : <p className="mb-4 text-xs text-slate-500">{t("steps.unknownBotHint")}</p>}
      <ConnectChannelForm
        labels={{
          ref: t("ref"),
          refHint: t("refHint"),
          connect: t("connect"),
          connected: t("connected"),
          problems: {
            invalid_ref: t("problems.invalid_ref"),
            not_found: t("problems.not_found", { bot: botName }),
            not_a_channel: t("problems.not_a_channel"),
            bot_not_member: t("problems.bot_not_member", { bot: botName }),
            cannot_post: t("problems.cannot_post", { bot: botName }),
            cannot_edit: t("problems.cannot_edit", { bot: botName }),
            seller_not_admin: t("problems.seller_not_admin"),
            telegram_unavailable: t("problems.telegram_unavailable"),
            taken: t("problems.taken"),
          },
        }}
        action={connectChannel}
      />
    </>
  );
}
