import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface OidcIssuerOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The profile Telegram would return for the login the test types in. */
  claims: (telegramId: string) => Record<string, unknown>;
}

/**
 * A real OpenID Connect issuer (the `oidc-provider` package) in the role of Telegram's
 * https://oauth.telegram.org: Authorization Code with PKCE, signed ID tokens, discovery. Its
 * development login form takes any login (the Telegram user id) and password.
 */
export async function startOidcIssuer(options: OidcIssuerOptions) {
  const { createServer } = await import("node:http");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["id", "name", "preferred_username", "picture"] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, ...options.claims(sub) }),
    }),
    // The ID token carries the profile, as Telegram's does, so no userinfo call is needed.
    conformIdTokenClaims: false,
    cookies: { keys: ["oidc-test-cookie-key"] },
  });
  // Local http only: the provider would otherwise insist on https redirect URIs.
  provider.proxy = true;
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
