import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  output: "standalone",
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // so it must stay a plain node_modules dependency instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  // Migrations and Telegram texts are read from disk; the standalone bundle must carry them.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*", "./locales/**/*"] },
  poweredByHeader: false,
  // Product photos are uploaded through a server action; Telegram accepts up to 10 MB.
  experimental: { serverActions: { bodySizeLimit: "11mb" } },
};

export default withNextIntl(nextConfig);
