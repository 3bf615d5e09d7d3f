/**
 * Cross-site request forgery: the session cookie goes with any request a browser makes to Chorus, whichever
 * site started it (a `text/plain` POST needs no CORS preflight). So every state-changing request must come
 * from a page of Chorus itself: its Origin (or, when a browser leaves that out, its Referer) must be APP_URL's
 * origin. server.ts applies this to every request before Next sees it (route handlers and server actions).
 */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Paths not authenticated by the session cookie, or guarded in their own way. */
const EXEMPT = [
  // Auth.js checks its own CSRF token (a double-submit cookie) on every POST it serves.
  "/api/auth",
  // A webhook from the company's servers, HMAC-signed over its body (lib/webhooks.ts); no cookie is read.
  "/api/events",
  // Called from the company's own pages by /embed.js, cross-origin by design; CORS-limited to the allowed
  // embed origins, and it reads no session.
  "/api/embed",
  // The token API: withToken (lib/api/v1.ts) reads only the Authorization header, never the cookie.
  "/api/v1",
];

type RequestHeaders = { origin?: string | string[]; referer?: string | string[] };

/** Why a request must be refused (a message for the 403), or null when it may go on. */
export function crossSiteRefusal(
  method: string | undefined,
  url: string | undefined,
  headers: RequestHeaders,
  appOrigin: string,
): string | null {
  if (!STATE_CHANGING.has((method ?? "GET").toUpperCase())) return null;
  const path = routerPath(url);
  if (path && EXEMPT.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return null;
  const sentFrom = requestOrigin(headers);
  if (sentFrom === appOrigin) return null;
  return sentFrom
    ? "This request came from another site; Chorus accepts changes only from its own pages."
    : "This request did not say which site sent it (no Origin or Referer header); Chorus refuses changes without one.";
}

/** The path as the router will see it, dot segments resolved ("/api/v1/../admin" is not under /api/v1). */
function routerPath(url: string | undefined): string | null {
  if (!url?.startsWith("/") || url.startsWith("//")) return null;
  try {
    return new URL(url, "http://chorus.invalid").pathname;
  } catch {
    return null;
  }
}

function requestOrigin({ origin, referer }: RequestHeaders): string | null {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const sent = first(origin);
  if (sent) return sent;
  const from = first(referer);
  if (!from) return null;
  try {
    return new URL(from).origin;
  } catch {
    return "invalid";
  }
}
