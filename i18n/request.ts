import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { currentUser } from "@/lib/auth/current-user";
import { timeZoneOf } from "@/lib/auth/time-zone";
import { localeCookie, pickLocale } from "./locale";

export default getRequestConfig(async () => {
  const locale = pickLocale(
    (await cookies()).get(localeCookie)?.value,
    (await headers()).get("accept-language"),
  );
  return {
    locale,
    // Every format.dateTime shows the signed-in seller's time; signed out (buyers, the login
    // page) it is UTC, the same on the server and in any browser.
    timeZone: timeZoneOf(await currentUser()),
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
