import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, CardTitle } from "@/components/ui/card";
import type { User } from "@/db/schema/users";
import { isAdmin } from "@/lib/auth/admin-only";
import { openSessionsOf } from "@/lib/auth/sessions";
import { database } from "@/lib/platform/database";
import { signOutEverywhereAction, signOutEveryoneAction } from "./actions";

/** Where the user is signed in, a way to end all of it, and for admins everyone's. */
export async function SessionsSection({ user }: { user: User }) {
  const [t, tConfirm, format, open] = await Promise.all([
    getTranslations("settingsPage.sessions"),
    getTranslations("confirmAction"),
    getFormatter(),
    openSessionsOf(await database(), user.id),
  ]);
  return (
    <Card aria-labelledby="sessions-title">
      <CardTitle id="sessions-title">{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t(isAdmin(user) ? "hintAdmin" : "hintSeller")}</p>
      <ul className="mt-4 divide-y divide-slate-100 text-sm" data-testid="open-sessions">
        {open.map((session) => (
          <li key={session.id} className="py-2 text-slate-700">
            {t("signedIn", {
              at: format.dateTime(session.createdAt, { dateStyle: "medium", timeStyle: "short" }),
            })}{" "}
            ·{" "}
            {t("lastSeen", {
              at: format.dateTime(session.lastSeenAt, { dateStyle: "medium", timeStyle: "short" }),
            })}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap gap-3">
        <form action={signOutEverywhereAction}>
          <Button type="submit" variant="secondary">
            {t("signOutEverywhere")}
          </Button>
        </form>
        {isAdmin(user) ? (
          <form action={signOutEveryoneAction}>
            <ConfirmButton
              labels={{
                trigger: t("signOutEveryone"),
                question: tConfirm("signOutEveryone"),
                confirm: tConfirm("confirm"),
                keep: tConfirm("keep"),
              }}
            />
          </form>
        ) : null}
      </div>
    </Card>
  );
}
