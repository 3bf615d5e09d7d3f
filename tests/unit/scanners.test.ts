import { describe, expect, test } from "vitest";
import { classifyClick, inScannerRanges, isMailScanner, parseScannerRanges, requestReason } from "@/lib/tracking";

// User agents mail security gateways send when they open a link (from vendor notes, public scanner-detection
// code and click logs); the vendor is named in each, which is what the rule keys on.
const SCANNERS = [
  "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
  "Microsoft Office Existence Discovery",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b",
  "Microsoft-URLAnalyzer/1.0",
  "Mozilla/5.0 (compatible; SafeLinks)",
  "Mozilla/5.0 (compatible; Proofpoint URL Defense)",
  "proofpoint-tap-sandbox",
  "Mozilla/5.0 (compatible; Mimecast URL Protect)",
  "Barracuda Sentinel (EE)",
  "Mozilla/5.0 (compatible; Barracuda Link Protection; +linkprotect.cudasvc.com)",
  "Cisco Secure Email URL Scanner",
  "IronPort URL Filtering",
  "Symantec Email Security.cloud ClickTime",
  "Mozilla/5.0 (compatible; MessageLabs)",
  "Mozilla/5.0 (Windows NT 10.0) TMES/2.0",
  "Trend Micro Email Security",
  "Sophos Email Time-of-Click",
  "FireEye ETP URL Analysis",
  "Trellix Email Security",
  "Forcepoint Email Security",
  "Zscaler Cloud Sandbox",
  "FortiMail URL Click Protection",
  "Avanan Link Scan",
  "Hornetsecurity ATP",
];

const PEOPLE = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
];

describe("mail scanners by user agent", () => {
  test.each(SCANNERS)("%s is a scanner", (ua) => {
    expect(isMailScanner(ua)).toBe(true);
    expect(requestReason("GET", ua)).toBe("scanner");
  });
  test.each(PEOPLE)("%s is a person", (ua) => {
    expect(isMailScanner(ua)).toBe(false);
    expect(requestReason("GET", ua)).toBeNull();
  });
  test("a scanner never counts; a HEAD stays a HEAD; crawlers stay bots", () => {
    expect(classifyClick({ requestReason: "scanner", ownClick: false, at: new Date(), lastCountedAt: null })).toBe(
      "scanner",
    );
    expect(requestReason("HEAD", SCANNERS[0])).toBe("head");
    expect(
      requestReason("GET", "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"),
    ).toBe("bot");
  });
});

describe("mail scanners by address range", () => {
  const { ranges, invalid } = parseScannerRanges([
    "40.92.0.0/15",
    "104.47.0.0/17",
    "2a01:111:f400::/48",
    "203.0.113.7",
  ]);
  test("a valid list parses whole", () => {
    expect(invalid).toEqual([]);
    expect(ranges).toHaveLength(4);
  });
  test.each([
    ["40.93.255.1", true],
    ["40.94.0.1", false],
    ["104.47.30.126", true],
    ["::ffff:104.47.1.254", true],
    ["2a01:111:f400:7e00::10", true],
    ["2a01:111:f401::1", false],
    ["203.0.113.7", true],
    ["203.0.113.8", false],
    ["", false],
    ["not an address", false],
  ])("%s in the ranges: %s", (ip, inside) => {
    expect(inScannerRanges(ip, ranges)).toBe(inside);
    expect(requestReason("GET", PEOPLE[0], { ip, ranges })).toBe(inside ? "scanner" : null);
  });
  test("bad entries are each named", () => {
    const invalid = ["10.0.0.0/33", "10.1", "300.1.2.3", "fe80::/129", "1.2.3.4/8/9", "example.com", "10.0.0.0/-1"];
    const { ranges: good, invalid: bad } = parseScannerRanges(["10.0.0.0/8", ...invalid]);
    expect(good).toHaveLength(1);
    expect(bad).toEqual(invalid);
  });
});
