/**
 * Where next-auth may send the browser after signing in or out (its `redirect` callback): an
 * address on this app, else the app's root. next-auth's own check threw on a value that is no
 * URL at all (`callbackUrl=%` answered 500) and passed `//host` on as a path; here anything
 * that resolves to another origin (`//evil.example`, `/\evil.example`, `javascript:`) or to a
 * path that cannot be decoded ends at the root.
 */
export function safeCallbackUrl(url: string, baseUrl: string): string {
  try {
    const target = new URL(url, baseUrl);
    if (target.origin !== new URL(baseUrl).origin) return baseUrl;
    decodeURIComponent(target.pathname);
    return target.href;
  } catch {
    return baseUrl;
  }
}
