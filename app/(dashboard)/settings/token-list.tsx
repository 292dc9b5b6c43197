import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { User } from "@/db/schema/users";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { database } from "@/lib/platform/database";
import { revokeTokenAction } from "./actions";

/** The seller's API tokens with when each was last used, and a way to revoke each. */
export async function TokenList({ user }: { user: User }) {
  const [t, tConfirm, format, tokens] = await Promise.all([
    getTranslations("settingsPage"),
    getTranslations("confirmAction"),
    getFormatter(),
    listApiTokens(await database(), user),
  ]);
  return tokens.length === 0 ? (
    <p className="mt-4 text-sm text-slate-500">{t("noTokens")}</p>
  ) : (
    <ul className="mt-4 divide-y divide-slate-100">
      {tokens.map((token) => (
        <li
          key={token.id}
          className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
        >
          <span className="font-medium text-slate-800">{token.name}</span>
          <span className="text-slate-500">
            {t("created")} {format.dateTime(token.createdAt, { dateStyle: "medium" })} ·{" "}
            {t("lastUsed")}{" "}
            {token.lastUsedAt
              ? format.dateTime(token.lastUsedAt, { dateStyle: "medium" })
              : t("never")}
          </span>
          <form action={revokeTokenAction}>
            <input type="hidden" name="id" value={token.id} />
            <ConfirmButton
              variant="dangerLink"
              labels={{
                trigger: t("revoke"),
                question: tConfirm("revokeToken"),
                confirm: tConfirm("confirm"),
                keep: tConfirm("keep"),
              }}
            />
          </form>
        </li>
      ))}
    </ul>
  );
}
