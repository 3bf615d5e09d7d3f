const dev = process.env.NODE_ENV !== "production";

/**
 * Next.js streams the page's data in inline <script> tags, so script-src needs 'unsafe-inline' unless every
 * page is rendered per request with a nonce (see the README's "Security headers"); everything else is
 * same-origin only. Dev mode adds eval and the HMR websocket. /embed.js is loaded cross-origin by other
 * sites as a script, which a CSP on our responses does not restrict.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  // Post images may live on the company's own sites.
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig = {
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // `npm test` typechecks the whole project (tests and scripts included) with tsc first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time: PGlite ships a WASM build of Postgres that must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
