/**
 * Chorus's public origin, APP_URL (e.g. https://chorus.example.com), for every link it hands out: sign-in and
 * invitation mails, digests, tracked links, the API's documents. Never the request's Host or X-Forwarded-Host:
 * whoever sends the request would choose where a mailed sign-in link (and its token) goes.
 * Required in production (server.ts refuses to start without it); elsewhere http://localhost:$PORT.
 */
export function appOrigin(): string {
  const configured = process.env.APP_URL;
  if (configured) return new URL(configured).origin;
  if (process.env.NODE_ENV === "production") throw new Error(MISSING_APP_URL);
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

export const MISSING_APP_URL =
  "APP_URL is not set: in production it must be Chorus's public origin, e.g. APP_URL=https://chorus.example.com";

/** Why APP_URL cannot serve, or null when it can: an http(s) origin, nothing after it but an optional "/". */
export function appUrlProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.APP_URL;
  if (!value) return env.NODE_ENV === "production" ? MISSING_APP_URL : null;
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash || url.username)
      throw new Error();
    return null;
  } catch {
    return `APP_URL must be an origin such as https://chorus.example.com (no path), not "${value.slice(0, 200)}"`;
  }
}

/**
 * Where a sign-in may send the person afterwards: a path on Chorus itself, else /feed. Anything else (another
 * host, `//host`, `/\host`, `javascript:`, junk) would make an open redirect, or makes Auth.js answer 500.
 */
export function safeCallbackPath(value: unknown, origin = appOrigin()): string {
  if (typeof value !== "string" || !value || /[\u0000-\u001f\\]/.test(value)) return "/feed";
  let url: URL;
  try {
    // A path is read against our origin; anything else must be a whole URL (a bare "evil.example" is not a path).
    url = value.startsWith("/") ? new URL(value, origin) : new URL(value);
  } catch {
    return "/feed";
  }
  if (url.origin !== origin || url.pathname.startsWith("//")) return "/feed";
  return `${url.pathname}${url.search}${url.hash}`;
}
