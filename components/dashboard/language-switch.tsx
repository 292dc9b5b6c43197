import { getLocale, getTranslations } from "next-intl/server";
import { locales } from "@/i18n/locale";

// A plain form posting to a server action: switching language works before JavaScript loads.
export async function LanguageSwitch({ action }: { action: (form: FormData) => Promise<void> }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("language")]);
  return (
    <form action={action} className="flex items-center gap-1" aria-label={t("label")}>
      {locales.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          aria-pressed={option === locale}
          title={t(option)}
          className={`rounded-md px-2 py-1 text-xs font-semibold uppercase focus-visible:outline-2 focus-visible:outline-brand-500 ${
            option === locale ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-200"
          }`}
        >
          {option}
        </button>
      ))}
    </form>
  );
}
