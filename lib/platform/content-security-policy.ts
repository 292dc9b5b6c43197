import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { settings } from "./env";

export interface PolicyOptions {
  /** Fresh for every request: Next puts it on its own scripts and inline styles. */
  nonce: string;
  /** PUBLIC_URL is https: browsers are told to use nothing else. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval, and styles come unnonced. */
  development: boolean;
  /** The login page with Telegram's Login Widget on it. */
  telegramLoginWidget: boolean;
}

// The widget's script (telegram.org) is added by our own nonced code, which 'strict-dynamic'
// trusts; its button is an iframe from oauth.telegram.org. It reports the signed-in user by
// running the `data-onauth` attribute, a JavaScript expression ("onAuth(user)"), which a
// script can only do through eval, so that page alone allows it.
const telegramWidget = { script: "https://telegram.org", frame: "https://oauth.telegram.org" };

/**
 * The Content-Security-Policy of a page: scripts only with this request's nonce (and what those
 * load), nothing framed but the Login Widget, no plugins, forms and base URLs to this origin,
 * and never inside another site's frame (Refund, Deploy and Invite cannot be clickjacked).
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  const widget = options.telegramLoginWidget;
  const evalAllowed = options.development || widget;
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      nonce,
      "'strict-dynamic'",
      ...(widget ? [telegramWidget.script] : []),
      ...(evalAllowed ? ["'unsafe-eval'"] : []),
    ],
    // Tailwind is one stylesheet from 'self'; Next nonces the inline styles it writes.
    ["style-src", "'self'", options.development ? "'unsafe-inline'" : nonce],
    // Product photos come from our own routes; a photo chosen for upload is previewed as blob:.
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["frame-src", widget ? telegramWidget.frame : "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // Sign-in and sign-out go through next-auth by fetch and redirect, not by posting a form
    // elsewhere; every form of ours posts to a server action here.
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (options.https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/**
 * Lets the request through with a fresh nonce in its policy (Next reads the nonce from the
 * request's header while rendering) and the same policy on the answer; HSTS only where the app
 * is reached over https, since a browser must not be told to insist on https for a plain-http
 * installation (e.g. the sandbox on localhost).
 */
export function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const config = settings();
  const https = new URL(config.PUBLIC_URL).protocol === "https:";
  const policy = contentSecurityPolicy({
    nonce: randomBytes(16).toString("base64"),
    https,
    development: config.NODE_ENV === "development",
    telegramLoginWidget: request.nextUrl.pathname === "/login" && !!config.TELEGRAM_BOT_TOKEN,
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) {
    response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  return response;
}
