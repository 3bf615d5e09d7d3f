/**
 * Chorus's public origin for the links it hands out: APP_URL when set, else where the request came to
 * (a route handler's request, or a page's or server action's headers).
 */
export function appOrigin(from: Request | Headers): string {
  if (process.env.APP_URL) return process.env.APP_URL.replace(/\/$/, "");
  if (from instanceof Request) return new URL(from.url).origin;
  return `${from.get("x-forwarded-proto") ?? "http"}://${from.get("host")}`;
}
