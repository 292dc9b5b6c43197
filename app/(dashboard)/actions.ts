"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, localeCookie } from "@/i18n/locale";
import { withRequestLog } from "@/lib/platform/request-log";
import { endCurrentSession } from "@/lib/auth/current-user";
import { signedInAction } from "@/lib/auth/signed-in-action";
import { rememberBrowserTimeZone, timeZoneSchema } from "@/lib/auth/time-zone";
import { database } from "@/lib/platform/database";

export async function setLocale(form: FormData) {
  return withRequestLog(async () => {
    // Arguments come from the network: anything but the language form changes nothing.
    const locale = form instanceof FormData ? form.get("locale") : undefined;
    if (!isLocale(locale)) return;
    (await cookies()).set(localeCookie, locale, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
    });
  });
}

/**
 * Signs out: the session ends on the server (a copy of the cookie is worthless from now on) and
 * the cookie is dropped. A plain form, so the dashboard needs no client-side auth library for it.
 */
export async function signOutAction() {
  return withRequestLog(async () => {
    await endCurrentSession();
    const store = await cookies();
    for (const cookie of store.getAll()) {
      // next-auth splits a large session over .0, .1, … cookies; all of them go.
      if (cookie.name.includes("next-auth.session-token")) store.delete(cookie.name);
    }
    redirect("/login");
  });
}

/**
 * The browser's own time zone, reported on a dashboard visit while the seller has none stored.
 * Answers whether the pages must be drawn again in it.
 */
export const reportBrowserTimeZone = signedInAction(async (user, zone: unknown) => {
  const parsed = timeZoneSchema.safeParse(zone);
  if (!parsed.success) return { changed: false, error: "timeZone: is not a time zone" };
  return { changed: await rememberBrowserTimeZone(await database(), user.id, parsed.data) };
});
