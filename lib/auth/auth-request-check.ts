// next-auth answers some malformed requests with 500 ("There is a problem with the server
// configuration"): a JSON body it cannot parse, a GET to a credentials provider's callback.
// Those are the client's mistakes, so they are refused here first with what is wrong.

// Logins whose callback is a form POST (the Login Widget, the sandbox's test accounts).
const formOnlyProviders = new Set(["telegram-widget", "sandbox"]);

export interface Refusal {
  status: number;
  message: string;
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
