import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { MovedAnchorRedirect } from "@/components/settings/moved-anchor-redirect";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { Card, CardTitle } from "@/components/ui/card";
import { ListSkeleton } from "@/components/ui/skeleton";
import { selectableTimeZones, timeZoneOf } from "@/lib/auth/time-zone";
import { requireUser } from "@/lib/auth/current-user";
import { BusinessSection } from "./business-section";
import { chooseTimeZoneAction } from "./time-zone-action";

export const generateMetadata = () => sectionMetadata("settings");

/** Settings' first section: what every invoice prints, and the time every date is shown in. */
export default async function BusinessSettingsPage() {
  const user = await requireUser();
  const [t, tApp] = await Promise.all([getTranslations("settingsPage"), getTranslations("app")]);
  return (
    <>
      <MovedAnchorRedirect />
      <Card aria-labelledby="business-title">
        <CardTitle id="business-title">{t("businessTitle")}</CardTitle>
        <p className="mb-4 mt-1 text-sm text-slate-600">{t("businessHint")}</p>
        <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={3} bare />}>
          <BusinessSection user={user} />
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
    </>
  );
}
