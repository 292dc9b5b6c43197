import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// The Content-Security-Policy (a nonce per request) and HSTS (only when PUBLIC_URL is https,
// known at run time, not at build) are set by proxy.ts.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const noFraming = { key: "Content-Security-Policy", value: "frame-ancestors 'none'" };

const nextConfig: NextConfig = {
  output: "standalone",
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // so it must stay a plain node_modules dependency instead of being bundled.
  // grammY checks `instanceof InputFile`: bundled, it can end up as two copies of its classes
  // (ESM and CJS builds), and photo uploads fail with "InputFile instances must be sent via
  // grammY". Loaded from node_modules there is one.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pino",
    "grammy",
    "@grammyjs/auto-retry",
    "@grammyjs/conversations",
    "@grammyjs/i18n",
    // pdfkit reads its built-in fonts' metrics (.afm) from its own folder at run time.
    "pdfkit",
    "nodemailer",
  ],
  // Migrations, Telegram texts and the sandbox's demo photos are read from disk; the
  // standalone bundle must carry them.
  outputFileTracingIncludes: {
    "/*": [
      "./db/migrations/**/*",
      "./locales/**/*",
      "./sandbox/demo-photos/**/*",
      "./node_modules/pdfkit/js/data/**/*",
    ],
  },
  poweredByHeader: false,
  // Every answer forbids framing (Refund, Deploy and Invite must not be clickjacked), MIME
  // sniffing (uploaded photos are served back) and cross-site referrers.
  headers: async () => [
    { source: "/:path*", headers: securityHeaders },
    // Route handlers outside proxy.ts (it would copy their bodies) get no nonce policy; they
    // still may not be framed. Only that: a PDF invoice must stay viewable in the browser.
    { source: "/api/:path*", headers: [noFraming] },
    { source: "/sandbox/(api|telegram|ecs)/:path*", headers: [noFraming] },
  ],
  // Product photos are uploaded through a server action; Telegram accepts up to 10 MB.
  // proxy.ts sees server actions through a copy of their body that Next cuts off at
  // proxyClientMaxBodySize, and the action then gets the cut body: it must be larger than the
  // actions' limit, so the proxy can count a body past 11 MB and answer 413 itself
  // (lib/platform/server-action-guard.ts).
  experimental: {
    serverActions: { bodySizeLimit: "11mb" },
    proxyClientMaxBodySize: "12mb",
  },
};

export default withNextIntl(nextConfig);
