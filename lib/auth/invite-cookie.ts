// Carries an invite token from the login page to the sign-in check; read on both sides.
export const inviteCookie = "promo_invite";

/**
 * The cookie as the login page sets it (document.cookie, so it cannot be HttpOnly): an hour,
 * this site only, and over https only when the page is on https, so the token never travels
 * in clear once the shop is live.
 */
export function inviteCookieText(token: string, pageProtocol: string): string {
  const secure = pageProtocol === "https:" ? "; secure" : "";
  return `${inviteCookie}=${encodeURIComponent(token)}; path=/; max-age=3600; samesite=lax${secure}`;
}
