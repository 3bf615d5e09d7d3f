/**
 * The bench's request mix for GET /s/<code>, generated from a seed so the clicks that should count are known
 * in advance: a click counts once per (link, visitor) for people, never for bots (docs/product.md#counting). A
 * visitor is an IP (sent as X-Forwarded-For, honoured under TRUST_PROXY=1) plus a user agent.
 *
 *   70% a new visitor on a link        → counts
 *   15% a recent visitor again, same link → a repeat within 24 h: stored, not counted
 *    5% a recent visitor on another link → counts, unless they had already clicked that one
 *   10% a bot or link-preview crawler  → stored as a bot, not counted
 */
export type Visit = { path: string; ip: string; userAgent: string };
export type MixTally = { requests: number; people: number; bots: number; repeats: number; predictedCounted: number };

export const BROWSERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
  "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
];
export const BOTS = [
  "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
  "Twitterbot/1.0",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
];
const RECENT = 2_000;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class VisitMix {
  private readonly next01: () => number;
  private readonly recent: { ip: string; browser: number }[] = [];
  private readonly recentClicks: { code: number; ip: string; browser: number }[] = [];
  private readonly countedPairs = new Set<string>();
  private visitors = 0;
  readonly tally: MixTally = { requests: 0, people: 0, bots: 0, repeats: 0, predictedCounted: 0 };

  /** `space` numbers this mix's visitors (IPv6 2001:db8:<space>::/48), so no two mixes share one. */
  constructor(
    private readonly codes: string[],
    seed: number,
    private readonly space: number,
  ) {
    this.next01 = random(seed);
  }

  next(): Visit {
    this.tally.requests++;
    const roll = this.next01();
    if (roll < 0.1) {
      this.tally.bots++;
      return this.visit(this.pickLink(), this.newIp(), BOTS[Math.floor(this.next01() * BOTS.length)]!);
    }
    this.tally.people++;
    if (roll < 0.25 && this.recentClicks.length) {
      const again = this.recentClicks[Math.floor(this.next01() * this.recentClicks.length)]!;
      return this.person(again.code, again.ip, again.browser);
    }
    if (roll < 0.3 && this.recent.length) {
      const visitor = this.recent[Math.floor(this.next01() * this.recent.length)]!;
      return this.person(this.pickLink(), visitor.ip, visitor.browser);
    }
    const visitor = { ip: this.newIp(), browser: Math.floor(this.next01() * BROWSERS.length) };
    this.remember(this.recent, visitor);
    return this.person(this.pickLink(), visitor.ip, visitor.browser);
  }

  private person(code: number, ip: string, browser: number): Visit {
    const pair = `${code}|${ip}|${browser}`;
    if (this.countedPairs.has(pair)) this.tally.repeats++;
    else {
      this.countedPairs.add(pair);
      this.tally.predictedCounted++;
      this.remember(this.recentClicks, { code, ip, browser });
    }
    return this.visit(code, ip, BROWSERS[browser]!);
  }

  private visit(code: number, ip: string, userAgent: string): Visit {
    return { path: `/s/${this.codes[code]}`, ip, userAgent };
  }

  /** A few links get most clicks, as in real sharing (u³ skew over the list). */
  private pickLink(): number {
    return Math.floor(this.next01() ** 3 * this.codes.length);
  }

  /** Keeps the last few thousand at random, so repeats come both seconds and minutes later. */
  private remember<T>(list: T[], item: T): void {
    if (list.length >= RECENT) list[Math.floor(this.next01() * RECENT)] = item;
    else list.push(item);
  }

  private newIp(): string {
    const n = this.visitors++;
    return `2001:db8:${this.space.toString(16)}::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
}
