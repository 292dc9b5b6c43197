import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTimeZone } from "next-intl/server";

/**
 * Gives the client components inside it the translations of the named namespaces only. Pages
 * without client translations ship no i18n runtime, and none ships every message.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: string[];
  children: React.ReactNode;
}) {
  const [locale, messages, timeZone] = await Promise.all([
    getLocale(),
    getMessages(),
    getTimeZone(),
  ]);
  const picked = Object.fromEntries(
    namespaces.map((namespace) => [namespace, messages[namespace]]),
  );
  return (
    <NextIntlClientProvider locale={locale} messages={picked} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
