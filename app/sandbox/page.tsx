import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { SandboxLabels } from "@/components/sandbox/labels";
import { TelegramSandbox } from "@/components/sandbox/telegram-sandbox";
import { sandboxState } from "@/sandbox/app/actions";
import { findPerson, sandboxPeople } from "@/sandbox/app/people";
import { sandboxRuntime } from "@/sandbox/app/runtime";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("title") };
}

/** The simulated Telegram: a buyer's (or the shop's) chat with the bot, and the test channel. */
export default async function SandboxPage({
  searchParams,
}: {
  searchParams: Promise<{ as?: string }>;
}) {
  const runtime = sandboxRuntime();
  if (!runtime) notFound();
  const [t, tLanguage, { as }] = await Promise.all([
    getTranslations("sandbox"),
    getTranslations("language"),
    searchParams,
  ]);
  const person = findPerson(Number(as)) ?? sandboxPeople[0]!;
  const labels: SandboxLabels = {
    youAre: t("youAre"),
    language: t("language"),
    languages: { en: tLanguage("en"), de: tLanguage("de") },
    roles: { buyer: t("roles.buyer"), seller: t("roles.seller"), admin: t("roles.admin") },
    // Left for the client: the bot's name comes with the state it polls.
    chatWith: t("chatWith", { name: "{name}" }),
    channel: t("channel"),
    message: t("message"),
    send: t("send"),
    start: t("start"),
    emptyChat: t("emptyChat"),
    emptyChannel: t("emptyChannel"),
    photo: t("photo"),
    edited: t("edited"),
    ok: t("ok"),
    opensInBrowser: t("opensInBrowser"),
  };
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        <a
          href="/login"
          className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          {t("dashboard")}
        </a>
      </div>
      <TelegramSandbox labels={labels} initialState={sandboxState(await runtime, person.id)} />
    </main>
  );
}
