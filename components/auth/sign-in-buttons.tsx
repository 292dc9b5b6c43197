"use client";

import { signIn } from "next-auth/react";
import { useEffect } from "react";
import { inviteCookieText } from "@/lib/auth/invite-cookie";

const buttonClass =
  "w-full rounded-lg px-4 py-2.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

/** Keeps an invite token for the sign-in that follows (read by the server's signIn check). */
export function RememberInvite({ token }: { token: string }) {
  useEffect(() => {
    document.cookie = inviteCookieText(token, location.protocol);
  }, [token]);
  return null;
}

export function TelegramOidcButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className={`${buttonClass} bg-brand-600 text-white hover:bg-brand-700`}
      onClick={() => signIn("telegram", { callbackUrl: "/" })}
    >
      {label}
    </button>
  );
}

export function SandboxButtons({ asSeller, asAdmin }: { asSeller: string; asAdmin: string }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      {(
        [
          ["seller", asSeller],
          ["admin", asAdmin],
        ] as const
      ).map(([who, label]) => (
        <button
          key={who}
          type="button"
          className={`${buttonClass} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
          onClick={() => signIn("sandbox", { as: who, callbackUrl: "/" })}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * Telegram's own (legacy) Login Widget: its script renders the button and calls back with the
 * signed user data, which the server checks before letting anyone in.
 */
export function TelegramLoginWidget({ botUsername }: { botUsername: string }) {
  useEffect(() => {
    const callbackName = "onPromoBotTelegramAuth";
    (window as unknown as Record<string, unknown>)[callbackName] = (user: Record<string, string>) =>
      signIn("telegram-widget", { ...user, callbackUrl: "/" });
    const script = document.createElement("script");
    script.src = "https://telegram.org/js/telegram-widget.js?22";
    script.async = true;
    script.dataset.telegramLogin = botUsername;
    script.dataset.size = "large";
    script.dataset.onauth = `${callbackName}(user)`;
    script.dataset.requestAccess = "write";
    document.getElementById("telegram-login-widget")?.appendChild(script);
    return () => script.remove();
  }, [botUsername]);
  return <div id="telegram-login-widget" className="flex justify-center" />;
}
