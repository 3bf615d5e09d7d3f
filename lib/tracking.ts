import { createHash, createHmac, randomBytes } from "node:crypto";
import { isbot } from "isbot";

/** Why a click does not count, when that is known from the request alone. */
export type RequestReason = "head" | "bot" | null;
export type ClickReason = "counted" | "bot" | "duplicate" | "own" | "head";
export type DeviceClass = "desktop" | "mobile" | "tablet" | "bot" | "unknown";

/** Repeat clicks of one visitor on one link within this window do not count. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

// Link-preview fetchers, checked on top of isbot's list so a change there cannot let them count.
const PREVIEW_CRAWLERS =
  /LinkedInBot|Twitterbot|facebookexternalhit|Facebot|Slackbot|Slack-ImgProxy|WhatsApp|TelegramBot|Discordbot|SkypeUriPreview/i;

export function isCrawler(userAgent: string | undefined): boolean {
  // No user agent at all is a script, not a person's browser.
  if (!userAgent?.trim()) return true;
  return PREVIEW_CRAWLERS.test(userAgent) || isbot(userAgent);
}

/** HEAD requests and crawlers get the redirect but never a counted click. */
export function requestReason(method: string | undefined, userAgent: string | undefined): RequestReason {
  if (method === "HEAD") return "head";
  if (isCrawler(userAgent)) return "bot";
  return null;
}

/**
 * The final verdict on a click, in order: request-level reasons, the advocate's own signed-in click,
 * then a repeat within 24 h of this visitor's last counted click on the link.
 */
export function classifyClick(input: {
  requestReason: RequestReason;
  ownClick: boolean;
  at: Date;
  lastCountedAt: Date | null;
}): ClickReason {
  if (input.requestReason) return input.requestReason;
  if (input.ownClick) return "own";
  if (input.lastCountedAt && input.at.getTime() - input.lastCountedAt.getTime() < DEDUPE_WINDOW_MS) return "duplicate";
  return "counted";
}

export function deviceClass(userAgent: string | undefined): DeviceClass {
  if (isCrawler(userAgent)) return "bot";
  const ua = userAgent!;
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua)) return "tablet";
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(ua)) return "mobile";
  if (/Windows NT|Macintosh|X11|Linux|CrOS/i.test(ua)) return "desktop";
  return "unknown";
}

let fallbackSecret: string | undefined;
function visitorSecret(): string {
  const secret = process.env.CHORUS_VISITOR_SECRET ?? process.env.AUTH_SECRET;
  if (secret) return secret;
  // biome-ignore lint/suspicious/noAssignInExpressions: made once per process when no secret is configured
  return (fallbackSecret ??= randomBytes(32).toString("hex"));
}

/** The day's salt: derived from the server secret and the UTC date, so yesterday's hashes cannot be linked to today's. */
const salts = new Map<string, Buffer>();
function dailySalt(day: string): Buffer {
  // Derived once per day and kept: the redirect hashes every click twice (today's and yesterday's salt).
  const secret = visitorSecret();
  const key = `${day}\n${secret}`;
  let salt = salts.get(key);
  if (!salt) {
    salt = createHmac("sha256", secret).update(`visitor:${day}`).digest();
    if (salts.size >= 4) salts.clear();
    salts.set(key, salt);
  }
  return salt;
}

/** A visitor is a salted, daily-rotating hash of IP + user agent; the IP itself is never kept. */
export function visitorHash(ip: string, userAgent: string, at: Date, dayOffset = 0): string {
  const day = new Date(at.getTime() + dayOffset * 86_400_000).toISOString().slice(0, 10);
  return createHash("sha256")
    .update(dailySalt(day))
    .update(ip)
    .update("\n")
    .update(userAgent)
    .digest("base64url")
    .slice(0, 22);
}

export function referrerHost(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    const host = new URL(referer).hostname.toLowerCase();
    return host ? host.slice(0, 255) : null;
  } catch {
    return null;
  }
}

const COUNTRY_HEADERS = ["cf-ipcountry", "cloudfront-viewer-country", "x-vercel-ip-country", "x-country-code"];

/** Country from the proxy in front of Chorus, when it sends one. */
export function countryFrom(headers: Record<string, string | string[] | undefined>): string | null {
  for (const name of COUNTRY_HEADERS) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase();
    if (value && /^[A-Z]{2}$/.test(value) && value !== "XX") return value;
  }
  return null;
}

/** Set by server.ts on every request it hands to Next (overwriting any client-sent value). */
export const CLIENT_IP_HEADER = "x-chorus-client-ip";

/** The client's address: the first X-Forwarded-For hop only when TRUST_PROXY=1 says a proxy sets it. */
export function clientIp(
  headers: Record<string, string | string[] | undefined>,
  socketAddress: string | undefined,
): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return socketAddress ?? "";
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=([^;]+)/;

export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const match = SESSION_COOKIE.exec(cookieHeader);
  if (!match?.[1]) return null;
  // A malformed escape must not throw: the redirect calls this with whatever cookie a visitor sends.
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
