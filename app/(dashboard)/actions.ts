"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, localeCookie } from "@/i18n/locale";
import { withRequestLog } from "@/lib/platform/request-log";

export async function setLocale(form: FormData) {
  return withRequestLog(async () => {
    const locale = form.get("locale");
    if (!isLocale(locale)) return;
    (await cookies()).set(localeCookie, locale, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
    });
  });
}

/**
 * Signs out by dropping the session cookie (sessions are signed cookies, nothing is kept on the
 * server). A plain form, so the dashboard needs no client-side auth library for it.
 */
export async function signOutAction() {
  return withRequestLog(async () => {
    const store = await cookies();
    for (const cookie of store.getAll()) {
      // next-auth splits a large session over .0, .1, … cookies; all of them go.
      if (cookie.name.includes("next-auth.session-token")) store.delete(cookie.name);
    }
    redirect("/login");
  });
}
