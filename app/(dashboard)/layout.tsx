import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SandboxBanner } from "@/components/sandbox-banner";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { BrowserTimeZone } from "@/components/dashboard/browser-time-zone";
import { LanguageSwitch } from "@/components/dashboard/language-switch";
import { MobileMenu } from "@/components/dashboard/mobile-menu";
import { NavLinks } from "@/components/dashboard/nav-links";
import { sections } from "@/components/dashboard/sections";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/admin-only";
import { reportBrowserTimeZone, setLocale, signOutAction } from "./actions";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  const navLabels = Object.fromEntries(
    sections
      .filter(({ adminOnly }) => !adminOnly || isAdmin(user))
      .map(({ key }) => [key, t(`nav.${key}`)]),
  );
  return (
    <>
      {/* First in the tab order, before the sandbox notice's link: what a skip link is for. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <SandboxBanner />
      <div className="min-h-screen md:flex">
        {user.timeZone ? null : <BrowserTimeZone report={reportBrowserTimeZone} />}

        {/* Phone: a top bar with the app's name and a menu button that opens the rest. */}
        <header className="sticky top-0 z-40 border-b border-slate-200 bg-white md:hidden">
          <div className="flex items-center justify-between px-4 py-2">
            <Link href="/" className="text-lg font-semibold text-brand-700">
              {t("app.name")}
            </Link>
            <MobileMenu label={t("nav.menu")}>
              <nav aria-label={t("nav.label")} className="pt-2">
                <NavLinks labels={navLabels} />
              </nav>
              <div className="mt-2 flex items-center justify-between border-t border-slate-200 pt-3">
                <LanguageSwitch action={setLocale} />
                <SignOutButton label={t("login.signOut")} action={signOutAction} />
              </div>
            </MobileMenu>
          </div>
        </header>

        {/* Desktop and tablet: a fixed sidebar. */}
        <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen">
          <div className="px-5 py-5">
            <Link href="/" className="text-lg font-semibold text-brand-700">
              {t("app.name")}
            </Link>
            <p className="mt-1 text-xs text-slate-500">{t("app.tagline")}</p>
          </div>
          <nav aria-label={t("nav.label")} className="flex-1 px-3">
            <NavLinks labels={navLabels} />
          </nav>
          <div className="space-y-3 border-t border-slate-200 px-5 py-4">
            <p className="truncate text-sm font-medium text-slate-800" title={user.name}>
              {user.name}
            </p>
            <div className="flex items-center justify-between">
              <LanguageSwitch action={setLocale} />
              <SignOutButton label={t("login.signOut")} action={signOutAction} />
            </div>
          </div>
        </aside>

        <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">
          <div className="mx-auto max-w-5xl">{children}</div>
        </main>
      </div>
    </>
  );
}
