import { StripeApiError } from "./api-error";

/**
 * Checks the secret key the way Stripe does: `Authorization: Bearer sk_…`, or Basic auth with the
 * key as user name (what `curl -u sk_test_…:` sends). Returns the 401 to answer, or null.
 */
export function authenticate(request: Request, secretKey: string): StripeApiError | null {
  const header = request.headers.get("authorization") ?? "";
  const key = keyFromHeader(header);
  if (!key) {
    return unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key !== secretKey) return unauthorized(`Invalid API Key provided: ${redact(key)}`);
  return null;
}

function keyFromHeader(header: string): string | undefined {
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === "bearer") return value;
  if (scheme?.toLowerCase() === "basic") {
    try {
      return atob(value).split(":")[0] || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `sk_test_51Hx…wxyz` → `sk_test_****…wxyz`: enough to tell keys apart, not to use one. */
function redact(key: string): string {
  const prefix = /^[a-z]{2,4}_(?:test_|live_)?/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  const visible = rest.length > 8 ? rest.slice(-4) : "";
  return `${prefix}${"*".repeat(rest.length - visible.length)}${visible}`;
}

function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, { type: "invalid_request_error", message });
}
