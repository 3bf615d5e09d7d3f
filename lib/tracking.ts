import { createHash, createHmac, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { isbot } from "isbot";
import type { ClickReason, DeviceClass } from "@/db/schema";

/** Why a click does not count, when that is known from the request alone. */
export type RequestReason = "head" | "bot" | "scanner" | null;

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

/**
 * Mail security scanners open every link in a mail before (and when) a person clicks it. The ones that say who
 * they are in their user agent, from vendors' documentation, public scanner-detection code and click logs
 * (see the README's list); the ones that pose as a browser (Safe Links often does) are caught by the admin's
 * address ranges instead.
 */
const MAIL_SCANNERS = new RegExp(
  [
    // Microsoft Safe Links / Defender for Office 365 and Outlook's link checks
    "SafeLinks",
    "Microsoft-URLAnalyzer",
    "Microsoft Office Existence Discovery",
    "MSOffice \\d",
    "ms-office",
    "BingPreview",
    // Proofpoint URL Defense / TAP
    "Proofpoint",
    "urldefense",
    // Mimecast URL Protect
    "Mimecast",
    // Barracuda Link Protection
    "Barracuda",
    "cudasvc",
    // Cisco Secure Email (IronPort)
    "IronPort",
    "Cisco ?Secure ?Email",
    // Symantec / Broadcom Email Security.cloud (MessageLabs, ClickTime)
    "Symantec",
    "MessageLabs",
    "ClickTime",
    // Trend Micro Email Security
    "Trend ?Micro",
    "\\bTMES\\b",
    "\\bTMUFE\\b",
    // Sophos Email, FireEye / Trellix, Forcepoint (Websense), Zscaler, Fortinet FortiMail
    "Sophos",
    "FireEye",
    "Trellix",
    "Forcepoint",
    "Websense",
    "Zscaler",
    "FortiMail",
    "FortiGuard",
    // Other gateways seen in click logs
    "Avanan",
    "Check ?Point",
    "Hornet ?Security",
    "SpamTitan",
    "Libraesva",
    "NoSpamProxy",
    "Vade ?Secure",
    "Cloudmark",
    "AppRiver",
    "IronScales",
    "Abnormal ?Security",
  ].join("|"),
  "i",
);

export function isMailScanner(userAgent: string | undefined): boolean {
  return !!userAgent && MAIL_SCANNERS.test(userAgent);
}

export type ScannerRanges = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

/**
 * The admin's scanner address ranges, one CIDR (or a single address) per entry. Every bad entry is named, so
 * the settings form can say which one to fix.
 */
export function parseScannerRanges(entries: readonly string[]): { ranges: ScannerRanges; invalid: string[] } {
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  const invalid: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = "", bits, extra] = entry.split("/");
    // Four dotted decimals only: inet_aton's shorthands ("10.1" = 10.0.0.1) are surely typing mistakes here.
    const wellFormed = address.includes(":")
      ? ipaddr.IPv6.isValid(address)
      : ipaddr.IPv4.isValidFourPartDecimal(address);
    try {
      if (!wellFormed || extra !== undefined || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error();
      const parsed = ipaddr.parse(address);
      const max = parsed.kind() === "ipv4" ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (prefix > max) throw new Error();
      ranges.push([parsed, prefix]);
    } catch {
      invalid.push(entry);
    }
  }
  return { ranges, invalid };
}

/** Whether the raw client address (kept only in memory, never stored) is inside one of the ranges. */
export function inScannerRanges(ip: string, ranges: ScannerRanges): boolean {
  if (!ranges.length || !ipaddr.isValid(ip)) return false;
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; process() turns it back into IPv4.
  const address = ipaddr.process(ip);
  return ranges.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

/**
 * HEAD requests, mail scanners (by user agent, or by the client's address in the admin's ranges, checked here
 * before the address is hashed) and crawlers get the redirect but never a counted click.
 */
export function requestReason(
  method: string | undefined,
  userAgent: string | undefined,
  scanner: { ip?: string; ranges?: ScannerRanges } = {},
): RequestReason {
  if (method === "HEAD") return "head";
  if (isMailScanner(userAgent)) return "scanner";
  if (scanner.ip && scanner.ranges && inScannerRanges(scanner.ip, scanner.ranges)) return "scanner";
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

/**
 * The network an address stands for, in rules a script must not dodge by changing what it sends: an IPv4
 * address as it is, an IPv6 address as its /64 (what one subscriber is usually given, so not one per request).
 */
export function addressNetwork(ip: string): string {
  const address = ip.split("%")[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * A salted, daily-rotating hash of the visitor's network address alone (addressNetwork), without the user agent
 * a client picks at will. The embed rules key on it: the per-visitor rate limit, and whose clicks credit a reshare.
 */
export function addressHash(ip: string, at: Date, dayOffset = 0): string {
  const day = new Date(at.getTime() + dayOffset * 86_400_000).toISOString().slice(0, 10);
  return createHash("sha256")
    .update(dailySalt(day))
    .update("address\n")
    .update(addressNetwork(ip))
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

/**
 * How many proxies in front of Chorus append to X-Forwarded-For: TRUST_PROXY=1 for one, 2 for two, and so on.
 * Unset (or anything but a whole number) trusts none.
 */
export function trustedProxyHops(): number {
  const value = process.env.TRUST_PROXY?.trim() ?? "";
  return /^\d{1,2}$/.test(value) ? Number(value) : 0;
}

/**
 * The client's address as the outermost trusted proxy saw it. Proxies append to X-Forwarded-For, so only the
 * rightmost `hops` entries were written by them; anything to their left came from the client and is ignored.
 * Without a trusted proxy, or when the chosen hop is not an address, the socket's own address.
 */
export function clientIp(
  headers: Record<string, string | string[] | undefined>,
  socketAddress: string | undefined,
): string {
  const hops = trustedProxyHops();
  if (hops > 0) {
    const raw = headers["x-forwarded-for"];
    const forwarded = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request skipped a proxy, and the leftmost is the furthest one known.
    const hop = forwarded[Math.max(0, forwarded.length - hops)];
    if (hop && isIP(hop)) return hop;
  }
  return socketAddress ?? "";
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=([^;]+)/;
/** Auth.js makes session tokens with randomUUID(); anything not of a token's shape is no session at all. */
const SESSION_TOKEN = /^[0-9A-Za-z_-]{16,128}$/;

/** The session token from a Cookie header, or null: a visitor's cookie reaches the click writer's SQL only if it is of a token's shape. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const match = SESSION_COOKIE.exec(cookieHeader);
  if (!match?.[1]) return null;
  // A malformed escape must not throw: the redirect calls this with whatever cookie a visitor sends.
  try {
    const token = decodeURIComponent(match[1]);
    return SESSION_TOKEN.test(token) ? token : null;
  } catch {
    return null;
  }
}

/** Longer user agents and referrers are cut here before anything reads them (real ones are a few hundred characters). */
export const MAX_HEADER_CHARS = 1024;

/** A client-sent header as the tracking code reads it: control characters (NUL included) removed, length capped. */
export function cleanHeader(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return text.slice(0, MAX_HEADER_CHARS).replace(/\p{Cc}/gu, "");
}
