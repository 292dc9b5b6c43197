import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { Card, CardTitle } from "@/components/ui/card";
import { ListSkeleton } from "@/components/ui/skeleton";
import { requireAdmin } from "@/lib/auth/current-user";
import { DeploySection } from "../deploy-section";
import { HealthList } from "../health-section";
import { VersionSection } from "../version-section";

export const generateMetadata = () => sectionMetadata("settings");

/** The running app, for admins: its version, how it reaches its services, and deploys. */
export default async function SystemSettingsPage() {
  // A seller finds nothing here (404), as on Monitoring; lib/ checks again for each service.
  const user = await requireAdmin();
  const [t, tApp] = await Promise.all([getTranslations("settingsPage"), getTranslations("app")]);
  return (
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
  );
}
