import { getTranslations } from "next-intl/server";
import { SettingsNav } from "@/components/settings/settings-nav";
import { settingsSections } from "@/components/settings/settings-sections";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/admin-only";
import { requireUser } from "@/lib/auth/current-user";

/** Every settings section under one heading and its tabs; a seller gets no System tab. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [t, tSection] = await Promise.all([
    getTranslations("settingsPage.nav"),
    getTranslations("settings"),
  ]);
  const labels = Object.fromEntries(
    settingsSections
      .filter(({ adminOnly }) => !adminOnly || isAdmin(user))
      .map(({ key }) => [key, t(key)]),
  );
  return (
    <>
      <PageHeader title={tSection("title")} description={tSection("description")} />
      <SettingsNav label={t("label")} labels={labels} />
      <div className="space-y-6">{children}</div>
    </>
  );
}
