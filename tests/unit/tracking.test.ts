import { afterEach, describe, expect, test, vi } from "vitest";
import {
  classifyClick,
  clientIp,
  countryFrom,
  DEDUPE_WINDOW_MS,
  deviceClass,
  isCrawler,
  referrerHost,
  requestReason,
  sessionTokenFrom,
  visitorHash,
  cleanHeader,
  MAX_HEADER_CHARS,
  addressHash,
  addressNetwork,
} from "@/lib/tracking";

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  chromeAndroidPhone:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  chromeAndroidTablet:
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  safariIpad:
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
};

const CRAWLERS = {
  LinkedInBot: "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
  Twitterbot: "Twitterbot/1.0",
  facebookexternalhit: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  Slackbot: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  WhatsApp: "WhatsApp/2.23.20.0 A",
  TelegramBot: "TelegramBot (like TwitterBot)",
  Googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("isCrawler", () => {
  test.each(Object.entries(CRAWLERS))("the %s link-preview fetcher is a bot", (_name, ua) => {
    expect(isCrawler(ua)).toBe(true);
  });

  test.each(Object.entries(UA))("a person's browser (%s) is not a bot", (_name, ua) => {
    expect(isCrawler(ua)).toBe(false);
  });

  test.each([undefined, "", "   "])("a missing or blank user agent (%j) is a bot", (ua) => {
    expect(isCrawler(ua)).toBe(true);
  });
});

describe("requestReason", () => {
  test("a HEAD request is 'head' even from a real browser", () => {
    expect(requestReason("HEAD", UA.chromeWindows)).toBe("head");
  });

  test("HEAD wins over bot when a crawler sends HEAD", () => {
    expect(requestReason("HEAD", CRAWLERS.LinkedInBot)).toBe("head");
  });

  test("a GET from a crawler is 'bot'", () => {
    expect(requestReason("GET", CRAWLERS.Slackbot)).toBe("bot");
  });

  test("a GET from a browser has no request-level reason", () => {
    expect(requestReason("GET", UA.safariIphone)).toBeNull();
  });
});

describe("classifyClick", () => {
  const at = new Date("2025-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(at.getTime() - ms);
  const minute = 60_000;

  test("a request-level reason comes first, before own click and repeats", () => {
    expect(classifyClick({ requestReason: "bot", ownClick: true, at, lastCountedAt: ago(minute) })).toBe("bot");
    expect(classifyClick({ requestReason: "head", ownClick: true, at, lastCountedAt: ago(minute) })).toBe("head");
  });

  test("the advocate's own click is 'own' even when it would also be a repeat", () => {
    expect(classifyClick({ requestReason: null, ownClick: true, at, lastCountedAt: ago(minute) })).toBe("own");
  });

  test("a visitor's first click counts", () => {
    expect(classifyClick({ requestReason: null, ownClick: false, at, lastCountedAt: null })).toBe("counted");
  });

  test("a repeat 23h59m after the last counted click is a duplicate", () => {
    expect(
      classifyClick({ requestReason: null, ownClick: false, at, lastCountedAt: ago(23 * 60 * minute + 59 * minute) }),
    ).toBe("duplicate");
  });

  test("a repeat one millisecond inside the 24h window is still a duplicate", () => {
    expect(classifyClick({ requestReason: null, ownClick: false, at, lastCountedAt: ago(DEDUPE_WINDOW_MS - 1) })).toBe(
      "duplicate",
    );
  });

  test("a repeat exactly 24h after the last counted click counts again", () => {
    expect(DEDUPE_WINDOW_MS).toBe(24 * 60 * 60 * 1000);
    expect(classifyClick({ requestReason: null, ownClick: false, at, lastCountedAt: ago(DEDUPE_WINDOW_MS) })).toBe(
      "counted",
    );
  });
});

describe("deviceClass", () => {
  test.each([
    ["chromeWindows", "desktop"],
    ["safariMac", "desktop"],
    ["firefoxLinux", "desktop"],
    ["safariIphone", "mobile"],
    ["chromeAndroidPhone", "mobile"],
    ["chromeAndroidTablet", "tablet"],
    ["safariIpad", "tablet"],
  ] as const)("%s is a %s", (name, expected) => {
    expect(deviceClass(UA[name])).toBe(expected);
  });

  test("crawlers and missing user agents are 'bot'", () => {
    expect(deviceClass(CRAWLERS.facebookexternalhit)).toBe("bot");
    expect(deviceClass(undefined)).toBe("bot");
    expect(deviceClass("")).toBe("bot");
  });

  test("a browser on no known platform is 'unknown'", () => {
    expect(deviceClass("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe(
      "unknown",
    );
  });
});

describe("visitorHash", () => {
  const ip = "203.0.113.7";
  const ua = UA.chromeWindows;

  test("is stable across one UTC day", () => {
    const first = visitorHash(ip, ua, new Date("2025-03-10T00:00:00.000Z"));
    expect(visitorHash(ip, ua, new Date("2025-03-10T12:34:56Z"))).toBe(first);
    expect(visitorHash(ip, ua, new Date("2025-03-10T23:59:59.999Z"))).toBe(first);
  });

  test("rotates at UTC midnight, so two days' hashes of one visitor differ", () => {
    expect(visitorHash(ip, ua, new Date("2025-03-11T00:00:00.000Z"))).not.toBe(
      visitorHash(ip, ua, new Date("2025-03-10T23:59:59.999Z")),
    );
  });

  test("a day offset of -1 gives the hash the visitor had yesterday", () => {
    const at = new Date("2025-03-11T08:00:00Z");
    const yesterday = visitorHash(ip, ua, new Date("2025-03-10T19:00:00Z"));
    expect(visitorHash(ip, ua, at, -1)).toBe(yesterday);
    expect(visitorHash(ip, ua, at, -1)).not.toBe(visitorHash(ip, ua, at));
  });

  test("depends on both IP and user agent", () => {
    const at = new Date("2025-03-10T12:00:00Z");
    const base = visitorHash(ip, ua, at);
    expect(visitorHash("203.0.113.8", ua, at)).not.toBe(base);
    expect(visitorHash(ip, UA.firefoxLinux, at)).not.toBe(base);
  });

  test("is a short opaque token that never contains the IP", () => {
    for (const address of [ip, "2001:db8::1", "10.0.0.1"]) {
      const hash = visitorHash(address, ua, new Date("2025-03-10T12:00:00Z"));
      expect(hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(hash).not.toContain(address);
    }
  });

  test("is salted by the server secret: another deployment cannot recompute it", () => {
    const at = new Date("2025-03-10T12:00:00Z");
    vi.stubEnv("CHORUS_VISITOR_SECRET", "secret-one");
    const one = visitorHash(ip, ua, at);
    vi.stubEnv("CHORUS_VISITOR_SECRET", "secret-two");
    expect(visitorHash(ip, ua, at)).not.toBe(one);
  });
});

describe("addressHash", () => {
  const at = new Date("2025-03-01T12:00:00Z");

  test("is the address alone: another user agent or forwarded header is the same visitor", () => {
    expect(addressHash("198.51.100.7", at)).toBe(addressHash("198.51.100.7", at));
    expect(addressHash("198.51.100.7", at)).not.toBe(addressHash("198.51.100.8", at));
    expect(addressHash("198.51.100.7", at)).not.toBe(visitorHash("198.51.100.7", "", at));
  });

  test("rotates daily like the visitor hash, with yesterday's reachable by an offset", () => {
    const tomorrow = new Date("2025-03-02T01:00:00Z");
    expect(addressHash("198.51.100.7", tomorrow)).not.toBe(addressHash("198.51.100.7", at));
    expect(addressHash("198.51.100.7", tomorrow, -1)).toBe(addressHash("198.51.100.7", at));
  });

  test("an IPv6 address stands for its /64, so one subscriber cannot be many visitors", () => {
    expect(addressNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressNetwork("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressNetwork("2001:0db8:0001:0002::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressNetwork("::1")).toBe("0:0:0:0::/64");
    expect(addressNetwork("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressHash("2001:db8:1:2::1", at)).toBe(addressHash("2001:db8:1:2:ffff::9", at));
    expect(addressHash("2001:db8:1:2::1", at)).not.toBe(addressHash("2001:db8:1:3::1", at));
  });

  test("an IPv4 address, also written as IPv4-mapped IPv6, is itself", () => {
    expect(addressNetwork("198.51.100.7")).toBe("198.51.100.7");
    expect(addressNetwork("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressNetwork("")).toBe("");
  });
});

describe("referrerHost", () => {
  test("keeps only the lower-cased host of the referrer", () => {
    expect(referrerHost("https://www.LinkedIn.com/feed/update/urn:li:activity:1?trk=x")).toBe("www.linkedin.com");
    expect(referrerHost("https://t.co/abc123")).toBe("t.co");
  });

  test("no referrer or an unparseable one gives null", () => {
    expect(referrerHost(undefined)).toBeNull();
    expect(referrerHost("")).toBeNull();
    expect(referrerHost("not a url")).toBeNull();
  });
});

describe("countryFrom", () => {
  test("reads a proxy's country header and upper-cases it", () => {
    expect(countryFrom({ "cf-ipcountry": "de" })).toBe("DE");
    expect(countryFrom({ "cloudfront-viewer-country": "FR" })).toBe("FR");
    expect(countryFrom({ "x-vercel-ip-country": ["NL", "BE"] })).toBe("NL");
  });

  test("unknown (XX), non-country codes and absent headers give null", () => {
    expect(countryFrom({ "cf-ipcountry": "XX" })).toBeNull();
    expect(countryFrom({ "cf-ipcountry": "T1" })).toBeNull();
    expect(countryFrom({ "cf-ipcountry": "Germany" })).toBeNull();
    expect(countryFrom({})).toBeNull();
  });

  test("falls through to the next header when the first is unusable", () => {
    expect(countryFrom({ "cf-ipcountry": "XX", "x-country-code": "se" })).toBe("SE");
  });
});

describe("clientIp", () => {
  // A client sent "203.0.113.9"; the one proxy in front appended the address it saw.
  const headers = { "x-forwarded-for": "203.0.113.9, 198.51.100.4" };

  test("ignores X-Forwarded-For unless TRUST_PROXY is a number of proxies: a visitor could otherwise pick their own identity", () => {
    vi.stubEnv("TRUST_PROXY", undefined);
    expect(clientIp(headers, "192.0.2.1")).toBe("192.0.2.1");
    for (const value of ["true", "yes", "-1", "1.5", ""]) {
      vi.stubEnv("TRUST_PROXY", value);
      expect(clientIp(headers, "192.0.2.1")).toBe("192.0.2.1");
    }
  });

  test("with TRUST_PROXY=1 uses the rightmost hop, the one the proxy wrote, never what the client sent", () => {
    vi.stubEnv("TRUST_PROXY", "1");
    expect(clientIp(headers, "192.0.2.1")).toBe("198.51.100.4");
    // Five forged values in front of the proxy's are still one visitor.
    const seen = new Set(
      ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"].map((forged) =>
        clientIp({ "x-forwarded-for": `${forged}, 198.51.100.4` }, "192.0.2.1"),
      ),
    );
    expect([...seen]).toEqual(["198.51.100.4"]);
  });

  test("TRUST_PROXY=2 counts two proxies: the second hop from the right", () => {
    vi.stubEnv("TRUST_PROXY", "2");
    expect(clientIp({ "x-forwarded-for": "10.9.9.9, 203.0.113.7, 198.51.100.4" }, "192.0.2.1")).toBe("203.0.113.7");
    // Only one proxy appended (fewer hops than proxies): everything there was written by a proxy.
    expect(clientIp({ "x-forwarded-for": "203.0.113.7" }, "192.0.2.1")).toBe("203.0.113.7");
  });

  test("repeated X-Forwarded-For headers are read as one list", () => {
    vi.stubEnv("TRUST_PROXY", "1");
    expect(clientIp({ "x-forwarded-for": ["203.0.113.9", "198.51.100.4"] }, "192.0.2.1")).toBe("198.51.100.4");
  });

  test("falls back to the socket address without X-Forwarded-For, or when the hop is not an address", () => {
    vi.stubEnv("TRUST_PROXY", "1");
    expect(clientIp({}, "192.0.2.1")).toBe("192.0.2.1");
    expect(clientIp({}, undefined)).toBe("");
    expect(clientIp({ "x-forwarded-for": "203.0.113.9, unknown" }, "192.0.2.1")).toBe("192.0.2.1");
    expect(clientIp({ "x-forwarded-for": "2001:db8::1" }, "192.0.2.1")).toBe("2001:db8::1");
  });
});

describe("sessionTokenFrom", () => {
  test("reads the Auth.js session cookie among others", () => {
    const token = "3f2b8c1e-9a4d-4e5f-8b7a-1c2d3e4f5a6b";
    expect(sessionTokenFrom(`theme=dark; authjs.session-token=${token}; other=1`)).toBe(token);
  });

  test("reads the __Secure- cookie used over HTTPS, URL-decoded", () => {
    expect(sessionTokenFrom("__Secure-authjs.session-token=3f2b8c1e%2D9a4d%2D4e5f%2D8b7a")).toBe(
      "3f2b8c1e-9a4d-4e5f-8b7a",
    );
  });

  test("no cookie, other cookies, or a lookalike name give null", () => {
    expect(sessionTokenFrom(undefined)).toBeNull();
    expect(sessionTokenFrom("authjs.csrf-token=abc")).toBeNull();
    expect(sessionTokenFrom("notauthjs.session-token=abc")).toBeNull();
  });

  test("a malformed percent-encoding gives null instead of throwing in the redirect", () => {
    expect(sessionTokenFrom("authjs.session-token=%E0%A4%A")).toBeNull();
    expect(sessionTokenFrom("authjs.session-token=%")).toBeNull();
  });

  test("a value not of a session token's shape is no session: it never reaches the click writer's SQL", () => {
    // A NUL byte made a click batch the database refused on every retry.
    expect(sessionTokenFrom("authjs.session-token=x%00y")).toBeNull();
    expect(sessionTokenFrom("authjs.session-token=3f2b8c1e-9a4d-4e5f%00-8b7a-1c2d3e4f5a6b")).toBeNull();
    expect(sessionTokenFrom(`authjs.session-token=${"a".repeat(5000)}`)).toBeNull();
    expect(sessionTokenFrom("authjs.session-token=short")).toBeNull();
    expect(sessionTokenFrom("authjs.session-token=3f2b8c1e 9a4d'4e5f;8b7a")).toBeNull();
  });
});

describe("cleanHeader", () => {
  test("removes control characters, NUL included, and keeps the rest", () => {
    expect(cleanHeader("Mozilla/5.0\u0000 (X11)\r\n")).toBe("Mozilla/5.0 (X11)");
    expect(cleanHeader("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Version/17.4 Safari/605.1.15 ü")).toBe(
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Version/17.4 Safari/605.1.15 ü",
    );
  });

  test("caps the length, and takes the first of repeated headers", () => {
    expect(cleanHeader("x".repeat(100_000))).toHaveLength(MAX_HEADER_CHARS);
    expect(cleanHeader(["first", "second"])).toBe("first");
    expect(cleanHeader(undefined)).toBe("");
  });
});
