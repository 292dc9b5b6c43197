// next-auth answers some malformed requests with 500 ("There is a problem with the server
// configuration"): a JSON body it cannot parse, a GET to a credentials provider's callback, a
// callbackUrl (parameter or cookie) that is no http(s) address. Those are the client's
// mistakes, so they are refused here first with what is wrong.

// Logins whose callback is a form POST (the Login Widget, the sandbox's test accounts).
const formOnlyProviders = new Set(["telegram-widget", "sandbox"]);

export interface Refusal {
  status: number;
  message: string;
  /** A cookie of ours the browser should drop (a malformed one would fail every request). */
  dropCookie?: string;
}

const callbackCookies = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

// next-auth's own test (lib/assert.js): a path, or an absolute http(s) URL.
function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of request.headers.get("cookie")?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return value.join("=");
      }
    }
  }
  return undefined;
}

export function refuseMalformedAuthRequest(
  request: Request,
  segments: string[],
): Refusal | undefined {
  if (request.method === "POST") {
    const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    // next-auth's own client and our login forms post forms; nothing else is expected.
    if (type !== "application/x-www-form-urlencoded") {
      return {
        status: 415,
        message: "Sign-in requests are sent as application/x-www-form-urlencoded forms.",
      };
    }
  }
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl && !isHttpUrl(callbackUrl, url.origin)) {
    return {
      status: 400,
      message: "callbackUrl must be a path or an http(s) address of this site.",
    };
  }
  for (const name of callbackCookies) {
    const value = cookieValue(request, name);
    if (value && !isHttpUrl(value, url.origin)) {
      return {
        status: 400,
        message: `The ${name} cookie is malformed; it has been removed.`,
        dropCookie: name,
      };
    }
  }
  const [action, provider] = segments;
  if (
    request.method === "GET" &&
    action === "callback" &&
    provider &&
    formOnlyProviders.has(provider)
  ) {
    return { status: 405, message: `The ${provider} login is completed with a POST.` };
  }
  return undefined;
}
