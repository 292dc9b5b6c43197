import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import {
  RememberInvite,
  SandboxButtons,
  TelegramLoginWidget,
  TelegramOidcButton,
} from "@/components/auth/sign-in-buttons";
import { currentUser } from "@/lib/auth/current-user";
import { loginMethods } from "@/lib/auth/login-methods";
import { botIdentity } from "@/lib/services";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

const knownErrors = ["invite_required", "invite_invalid", "CredentialsSignin", "too_many_attempts"];

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; invite?: string }>;
}) {
  const { error, invite } = await searchParams;
  if (await currentUser()) redirect("/");
  const [t, methods] = await Promise.all([getTranslations("login"), loginMethods()]);
  const widgetBot = methods.widget ? (await botIdentity())?.username : undefined;
  const errorKey = error ? (knownErrors.includes(error) ? error : "default") : undefined;
  const nothing = !methods.oidc && !widgetBot && !methods.sandbox;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("subtitle")}</p>
      {invite ? (
        <>
          <RememberInvite token={invite} />
          <p className="mt-4 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-700">
            {t("invite")}
          </p>
        </>
      ) : null}
      {errorKey ? (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700">
          {t(`errors.${errorKey}`)}
        </p>
      ) : null}
      <div className="mt-6 space-y-4">
        {methods.oidc ? <TelegramOidcButton label={t("telegram")} /> : null}
        {widgetBot ? (
          <div className="space-y-2 text-center">
            <p className="text-xs text-slate-500">{t("widgetHint")}</p>
            <TelegramLoginWidget botUsername={widgetBot} />
          </div>
        ) : null}
        {methods.sandbox ? (
          <section className="rounded-xl border border-amber-200 bg-amber-50 p-4">
            <h2 className="text-sm font-semibold text-amber-900">{t("sandboxTitle")}</h2>
            <p className="mb-3 mt-1 text-sm text-amber-800">{t("sandboxHint")}</p>
            <SandboxButtons asSeller={t("asSeller")} asAdmin={t("asAdmin")} />
          </section>
        ) : null}
        {nothing ? <p className="text-sm text-slate-600">{t("noMethods")}</p> : null}
      </div>
    </main>
  );
}
