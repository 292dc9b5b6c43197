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
        authorize: async (fields) => {
          // next-auth passes the whole form (csrfToken, callbackUrl…); only Telegram's fields
          // are signed.
          const widgetFields = Object.fromEntries(
            Object.entries(fields ?? {}).filter(([key]) => loginWidgetFields.includes(key)),
          );
          const check = checkLoginWidget(widgetFields, botToken);
          if (!check.ok) return null;
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
    secret: config.AUTH_SECRET ?? (await appSecret(db, "auth_secret")),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    providers,
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
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
        if (user) token.telegramId = Number(user.id);
        return token;
      },
      session({ session, token }) {
        // Only the id travels in the cookie; currentUser() reads the rest (a role may change).
        return { ...session, telegramId: Number(token.telegramId) };
      },
    },
  };
}
