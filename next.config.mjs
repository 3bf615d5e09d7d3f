import createNextIntlPlugin from "next-intl/plugin";

// The Content-Security-Policy is set per request by server.ts (lib/csp.ts): it carries a fresh script nonce.

/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig = {
  reactStrictMode: true,
  experimental: {
    authInterrupts: true,
    // A post's image (lib/image-limits.ts: 5 MB) plus its text fields; Next's default of 1 MB refused ordinary photos.
    serverActions: { bodySizeLimit: "5.5mb" },
  },
  poweredByHeader: false,
  // `npm test` typechecks the whole project (tests and scripts included) with tsc first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time: PGlite ships a WASM build of Postgres that must not be bundled, and
  // rate-limiter-flexible's Drizzle store loads drizzle-orm with an import() the bundler cannot follow.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "rate-limiter-flexible"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// next-intl finds the request configuration (language, messages) in i18n/request.ts.
const withNextIntl = createNextIntlPlugin();

export default withNextIntl(nextConfig);
