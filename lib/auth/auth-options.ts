import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { cookies } from "next/headers";
import { appSecret } from "@/lib/platform/app-secrets";
import { inviteCookie } from "./invite-cookie";
import { safeCallbackUrl } from "./callback-url";
import { database } from "@/lib/platform/database";
import { isSandbox, settings, tellNextAuthItsUrl } from "@/lib/platform/env";
import { signInSandboxUser } from "./sandbox-users";
import { signInSeller, type SellerProfile } from "./sign-in-seller";
import { checkLoginWidget, loginWidgetFields } from "./telegram-login";
import { acceptLoginPayloadOnce, clientAddress, countLoginAttempt } from "./login-attempts";
import { endSession, sessionLifetime, startSession } from "./sessions";
import { findUserByTelegramId } from "./users";
import { withConfiguredRole } from "./configured-admins";

interface TelegramClaims {
  sub: string;
  id?: number | string;
  name?: string;
  preferred_username?: string;
  picture?: string;
}

// The numeric Telegram user id: Telegram's OIDC puts it in `id`, and `sub` for any standard
// client; both are accepted.
function telegramIdOf(claims: TelegramClaims): number {
  return Number(claims.id ?? claims.sub);
}

/**
 * next-auth's configuration, built from the settings: Telegram's OpenID Connect login when its
 * client secret is set, the legacy Login Widget whenever a bot token is, and the sandbox's test
 * logins only while neither Telegram nor Stripe is configured.
 */
export async function authOptions(): Promise<NextAuthOptions> {
  const config = settings();
  const db = await database();
  tellNextAuthItsUrl(config);
  const providers: NextAuthOptions["providers"] = [];
  const botToken = config.TELEGRAM_BOT_TOKEN;

  if (botToken && config.TELEGRAM_LOGIN_CLIENT_SECRET) {
    const issuer = config.TELEGRAM_OIDC_ISSUER.replace(/\/$/, "");
    const telegram: OAuthConfig<TelegramClaims> = {
      id: "telegram",
      name: "Telegram",
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      issuer,
      // Telegram's OIDC client is the bot: its id is the token's first part.
      clientId: botToken.split(":")[0],
      clientSecret: config.TELEGRAM_LOGIN_CLIENT_SECRET,
      authorization: { params: { scope: "openid profile" } },
      checks: ["pkce", "state", "nonce"],
      idToken: true,
      profile: (claims) => ({
        id: String(telegramIdOf(claims)),
        name: claims.name ?? claims.preferred_username ?? String(telegramIdOf(claims)),
        image: claims.picture,
        username: claims.preferred_username,
      }),
    };
    providers.push(telegram);
  }
  if (botToken) {
    providers.push(
      CredentialsProvider({
        id: "telegram-widget",
        name: "Telegram Login Widget",
        credentials: {},
        authorize: async (fields, request) => {
          // next-auth passes the whole form (csrfToken, callbackUrl…); only Telegram's fields
          // are signed.
          const widgetFields = Object.fromEntries(
            Object.entries(fields ?? {}).filter(([key]) => loginWidgetFields.includes(key)),
          );
          // Counted before the signature is checked: guessing is what the limit is for.
          const claimedId = Number(widgetFields.id);
          await countLoginAttempt(db, {
            address: clientAddress(request?.headers),
            telegramId: Number.isSafeInteger(claimedId) && claimedId > 0 ? claimedId : undefined,
          });
          const check = checkLoginWidget(widgetFields, botToken);
          if (!check.ok) return null;
          if (!(await acceptLoginPayloadOnce(db, check.user.hash))) return null;
          const { id, first_name, last_name, username, photo_url } = check.user;
          return {
            id: String(id),
            name: [first_name, last_name].filter(Boolean).join(" "),
            image: photo_url,
            username,
          };
        },
      }),
    );
  }
  if (isSandbox(config)) {
    providers.push(
      CredentialsProvider({
        id: "sandbox",
        name: "Sandbox test account",
        credentials: { as: { label: "as", type: "text" } },
        authorize: async (fields) => {
          const who = fields?.as === "admin" ? "admin" : "seller";
          const user = await signInSandboxUser(db, who);
          return { id: String(user.telegramId), name: user.name };
        },
      }),
    );
  }

  return {
    secret: config.AUTH_SECRET ?? config.NEXTAUTH_SECRET ?? (await appSecret(db, "auth_secret")),
    // The cookie may live as long as the longest session; the session's row decides whether it
    // still counts (sign-out, revocation, idle and absolute limits: see ./sessions).
    session: { strategy: "jwt", maxAge: sessionLifetime.seller.absoluteSeconds },
    providers,
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      // next-auth's default threw on a malformed callbackUrl (a 500); ours sends it home.
      redirect: ({ url, baseUrl }) => safeCallbackUrl(url, baseUrl),
      async signIn({ user, account }) {
        if (account?.provider === "sandbox") return true;
        const profile: SellerProfile = {
          telegramId: Number(user.id),
          name: user.name ?? user.id,
          username: (user as { username?: string }).username,
          photoUrl: user.image ?? undefined,
        };
        const result = await signInSeller(db, profile, {
          adminTelegramIds: config.ADMIN_TELEGRAM_IDS,
          inviteToken: (await cookies()).get(inviteCookie)?.value,
        });
        return result.ok ? true : `/login?error=${result.reason}`;
      },
      async jwt({ token, user }) {
        if (user) {
          // Sign-in: a session row is made, and the cookie carries only its id.
          const stored = await findUserByTelegramId(db, Number(user.id));
          if (!stored) throw new Error("signed-in user not stored");
          const signedIn = withConfiguredRole(config.ADMIN_TELEGRAM_IDS, stored);
          token.sessionId = await startSession(db, signedIn, { sandbox: isSandbox(config) });
        }
        return token;
      },
      session({ session, token }) {
        // currentUser() checks the session's row and reads the user fresh on every request.
        return { ...session, sessionId: token.sessionId };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sessionId === "string") await endSession(db, token.sessionId);
      },
    },
  };
}
