import { getFormatter, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { BusinessForm, type BusinessFormLabels } from "@/components/settings/business-form";
import { SecretForm } from "@/components/settings/secret-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { User } from "@/db/schema/users";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { selectableTimeZones, timeZoneOf } from "@/lib/auth/time-zone";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/admin-only";
import { database } from "@/lib/platform/database";
import { findBusiness } from "@/lib/invoices/business-details";
import { createInviteAction, createTokenAction, revokeTokenAction } from "./actions";
import { saveBusinessAction } from "./business-action";
import { chooseTimeZoneAction } from "./time-zone-action";
import { DeploySection } from "./deploy-section";
import { HealthList } from "./health-section";
import { VersionSection } from "./version-section";
import { SessionsSection } from "./sessions-section";

export const generateMetadata = () => sectionMetadata("settings");

export default async function SettingsPage() {
  const user = await requireUser();
  const [t, tSection, tApp] = await Promise.all([
    getTranslations("settingsPage"),
    getTranslations("settings"),
    getTranslations("app"),
  ]);
  return (
    <>
      <PageHeader title={tSection("title")} description={tSection("description")} />
      <div className="space-y-6">
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
          />
          <Suspense
            fallback={<ListSkeleton label={tApp("loading")} rows={2} bare className="mt-4" />}
          >
            <TokenList user={user} />
          </Suspense>
        </Card>
        <Card aria-labelledby="time-zone-title">
          <CardTitle id="time-zone-title">{t("timeZoneTitle")}</CardTitle>
          <div className="mt-3">
            <TimeZoneForm
              action={chooseTimeZoneAction}
              zones={selectableTimeZones(timeZoneOf(user))}
              initial={timeZoneOf(user)}
              labels={{
                timeZone: t("timeZone"),
                hint: t("timeZoneHint"),
                save: t("timeZoneSave"),
                saved: t("timeZoneSaved"),
                invalid: t("timeZoneInvalid"),
              }}
            />
          </div>
        </Card>
        <Card aria-labelledby="business-title">
          <CardTitle id="business-title">{t("businessTitle")}</CardTitle>
          <p className="mb-4 mt-1 text-sm text-slate-600">{t("businessHint")}</p>
          <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={3} bare />}>
            <BusinessSection user={user} />
          </Suspense>
        </Card>
        <SessionsSection user={user} />
        {isAdmin(user) ? (
          <Card aria-labelledby="invites-title">
            <CardTitle id="invites-title">{t("invitesTitle")}</CardTitle>
            <p className="mb-4 mt-1 text-sm text-slate-600">{t("invitesHint")}</p>
            <SecretForm
              action={createInviteAction}
              submitLabel={t("createInvite")}
              createdLabel={t("inviteCreated")}
            />
          </Card>
        ) : null}
        {isAdmin(user) ? (
          <>
            <VersionSection />
            <Card aria-labelledby="health-title">
              <CardTitle id="health-title">{t("health.title")}</CardTitle>
              <p className="mt-1 text-sm text-slate-600">{t("health.hint")}</p>
              <Suspense
                fallback={<ListSkeleton label={tApp("loading")} rows={3} bare className="mt-4" />}
              >
                <HealthList user={user} />
              </Suspense>
            </Card>
            <Card aria-labelledby="deploy-title">
              <CardTitle id="deploy-title">{t("deploy.title")}</CardTitle>
              <Suspense
                fallback={<ListSkeleton label={tApp("loading")} rows={2} bare className="mt-4" />}
              >
                <DeploySection user={user} />
              </Suspense>
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}

/** The seller's API tokens with when each was last used, and a way to revoke each. */
async function TokenList({ user }: { user: User }) {
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

/** The invoice details form, filled with what the seller saved before. */
async function BusinessSection({ user }: { user: User }) {
  const [t, business] = await Promise.all([
    getTranslations("settingsPage.business"),
    findBusiness(await database(), user.id),
  ]);
  const labels: BusinessFormLabels = {
    legalName: t("legalName"),
    address: t("address"),
    addressHint: t("addressHint"),
    vatId: t("vatId"),
    vatIdHint: t("vatIdHint"),
    vatMode: t("vatMode"),
    standard: t("standard"),
    smallBusiness: t("smallBusiness"),
    vatRate: t("vatRate"),
    save: t("save"),
    saved: t("saved"),
    errors: {
      required: t("errors.required"),
      tooLong: t("errors.tooLong"),
      invalidVatId: t("errors.invalidVatId"),
      invalidVatRate: t("errors.invalidVatRate"),
      invalidVatMode: t("errors.invalidVatMode"),
    },
  };
  const initial = {
    legalName: business?.legalName ?? user.name,
    address: business?.address ?? "",
    vatId: business?.vatId ?? "",
    vatMode: business?.vatMode ?? "standard",
    vatRate: business ? String(business.vatRateBasisPoints / 100) : "19",
  };
  return <BusinessForm action={saveBusinessAction} labels={labels} initial={initial} />;
}
