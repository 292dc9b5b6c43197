import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { SecretForm } from "@/components/settings/secret-form";
import { Card, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ListSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth/current-user";
import { settings } from "@/lib/platform/env";
import { createTokenAction } from "../actions";
import { TokenList } from "../token-list";

export const generateMetadata = () => sectionMetadata("settings");

/** The products API: where it answers, and the tokens that open it. */
export default async function DeveloperSettingsPage() {
  const user = await requireUser();
  const [t, tApp] = await Promise.all([getTranslations("settingsPage"), getTranslations("app")]);
  const copyLabels = { copy: t("copy.copy"), copied: t("copy.copied"), manual: t("copy.manual") };
  const apiUrl = new URL("/api/products", settings().PUBLIC_URL).toString();
  return (
    <>
      <Card aria-labelledby="tokens-title">
        <CardTitle id="tokens-title">{t("tokensTitle")}</CardTitle>
        {/* Raw: the hint quotes "<token>" and "{id}", which ICU would read as a tag and a value. */}
        <p className="mb-4 mt-1 text-sm text-slate-600">{t.raw("tokensHint") as string}</p>
        <SecretForm
          action={createTokenAction}
          nameField={{
            label: t("tokenName"),
            errors: { required: t("errors.required"), tooLong: t("errors.tooLong") },
          }}
          submitLabel={t("createToken")}
          createdLabel={t("tokenCreated")}
          copyLabels={copyLabels}
        />
        <Suspense
          fallback={<ListSkeleton label={tApp("loading")} rows={2} bare className="mt-4" />}
        >
          <TokenList user={user} />
        </Suspense>
      </Card>
      <Card aria-labelledby="api-address-title">
        <CardTitle id="api-address-title">{t("apiAddress.title")}</CardTitle>
        <p className="mt-1 text-sm text-slate-600">{t("apiAddress.hint")}</p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <code id="api-address" className="break-all font-mono text-sm text-slate-800">
            {apiUrl}
          </code>
          <CopyButton text={apiUrl} selectId="api-address" labels={copyLabels} />
        </div>
      </Card>
    </>
  );
}
