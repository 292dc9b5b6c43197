import { getTranslations } from "next-intl/server";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { SecretForm } from "@/components/settings/secret-form";
import { Card, CardTitle } from "@/components/ui/card";
import { isAdmin } from "@/lib/auth/admin-only";
import { requireUser } from "@/lib/auth/current-user";
import { createInviteAction } from "../actions";
import { SessionsSection } from "../sessions-section";

export const generateMetadata = () => sectionMetadata("settings");

/** Who is signed in where; admins also invite sellers here. */
export default async function TeamSettingsPage() {
  const user = await requireUser();
  const t = await getTranslations("settingsPage");
  return (
    <>
      <SessionsSection user={user} />
      {isAdmin(user) ? (
        <Card aria-labelledby="invites-title">
          <CardTitle id="invites-title">{t("invitesTitle")}</CardTitle>
          <p className="mb-4 mt-1 text-sm text-slate-600">{t("invitesHint")}</p>
          <SecretForm
            action={createInviteAction}
            submitLabel={t("createInvite")}
            createdLabel={t("inviteCreated")}
            copyLabels={{
              copy: t("copy.copy"),
              copied: t("copy.copied"),
              manual: t("copy.manual"),
            }}
          />
        </Card>
      ) : null}
    </>
  );
}
