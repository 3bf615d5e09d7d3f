import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { POST as embedPost } from "@/app/api/embed/links/route";
import { POST as eventsPost } from "@/app/api/events/route";
import { db } from "@/db/client";
import { clicks, reshares, rollupDaily, trackedLinks } from "@/db/schema";
import { ClickWriter } from "@/lib/click-writer";
import { handleShortLink, LinkCache } from "@/lib/redirect";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/tracking";
import { signWebhook } from "@/lib/webhooks";
import { makeSharedLink } from "@/tests/helpers";

const SITE = "https://www.company.test";
const BROWSER = (i: number) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${100 + i}.0.0.0 Safari/537.36`;

beforeEach(() => {
  // One proxy in front that appends the address it saw; the client may send anything to its left.
  vi.stubEnv("TRUST_PROXY", "1");
  vi.stubEnv("CHORUS_EMBED_ORIGINS", `${SITE},https://other.company.test`);
});
afterEach(() => vi.unstubAllEnvs());

/** Headers as server.ts hands them to a route: the client address it saw set over anything the client sent. */
function routeHeaders(headers: Record<string, string>, socketAddress = "10.0.0.1"): Headers {
  return new Headers({ ...headers, [CLIENT_IP_HEADER]: clientIp(headers, socketAddress) });
}

async function askForChild(code: string, headers: Record<string, string>): Promise<Response> {
  return embedPost(
    new Request("https://chorus.test/api/embed/links", {
      method: "POST",
      headers: routeHeaders({ "content-type": "application/json", ...headers }),
      body: JSON.stringify({ code, network: "linkedin" }),
    }),
  );
}

/** GET /s/<code> through the redirect as server.ts serves it, from behind the proxy at 10.0.0.1. */
async function visit(path: string, headers: Record<string, string>, writer: ClickWriter): Promise<number> {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: "10.0.0.1" });
  const req = new IncomingMessage(socket);
  req.method = "GET";
  req.url = path;
  req.headers = headers;
  const res = new ServerResponse(req);
  let status = 0;
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    return (writeHead as (...args: unknown[]) => ServerResponse)(code, ...rest);
  }) as typeof res.writeHead;
  await handleShortLink(req, res, new LinkCache(), writer);
  socket.destroy();
  return status;
}

async function embedResharesOf(parentId: number): Promise<number> {
  return db.$count(reshares, eq(reshares.linkId, parentId));
}

describe("POST /api/embed/links: reshares a script cannot mint", () => {
  test("25 requests with varied X-Forwarded-For, user agents and Origins, and the asker's own clicks, credit nothing", async () => {
    const parent = await makeSharedLink();
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await askForChild(parent.code, {
        // The attacker is 198.51.100.66; the forged hops to its left change every time.
        "x-forwarded-for": `203.0.113.${i}, 198.51.100.66`,
        "user-agent": BROWSER(i),
        origin: i % 2 ? SITE : "https://other.company.test",
      });
      statuses.push(response.status);
      if (response.ok) codes.push(new URL(((await response.json()) as { shortUrl: string }).shortUrl).pathname);
    }
    // One address, however dressed up: the per-visitor limit (20 a minute) holds, and nothing is credited on asking.
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(codes.length).toBe(20);
    expect(await embedResharesOf(parent.id)).toBe(0);

    const writer = new ClickWriter();
    for (const [i, path] of codes.entries())
      expect(
        await visit(path, { "x-forwarded-for": `192.0.2.${i}, 198.51.100.66`, "user-agent": BROWSER(50 + i) }, writer),
      ).toBe(302);
    await writer.drain();
    // Each click counted as reach (a new user agent is a new visitor), but none came from someone else.
    expect(writer.stats.counted).toBe(20);
    expect(await embedResharesOf(parent.id)).toBe(0);

    // A different visitor opening one of the links is a reshare, credited once.
    await visit(codes[0]!, { "x-forwarded-for": "198.51.100.77", "user-agent": BROWSER(1) }, writer);
    await visit(codes[0]!, { "x-forwarded-for": "198.51.100.78", "user-agent": BROWSER(2) }, writer);
    await writer.drain();
    expect(await embedResharesOf(parent.id)).toBe(1);
    const [rollup] = await db
      .select({ reshares: rollupDaily.reshares })
      .from(rollupDaily)
      .where(eq(rollupDaily.advocateId, parent.advocateId));
    expect(rollup?.reshares).toBe(1);
  });

  test("many real visitors still credit one parent link at most the daily cap", async () => {
    const parent = await makeSharedLink();
    const writer = new ClickWriter();
    for (let i = 0; i < 12; i++) {
      const asked = await askForChild(parent.code, {
        "x-forwarded-for": `198.51.100.${i}`,
        "user-agent": BROWSER(i),
        origin: SITE,
      });
      expect(asked.status).toBe(201);
      const path = new URL(((await asked.json()) as { shortUrl: string }).shortUrl).pathname;
      await visit(path, { "x-forwarded-for": `192.0.2.${i}`, "user-agent": BROWSER(i) }, writer);
    }
    await writer.drain();
    expect(await db.$count(clicks, eq(clicks.counted, true))).toBeGreaterThanOrEqual(12);
    // The default cap: 10 a parent link a day.
    expect(await embedResharesOf(parent.id)).toBe(10);
    expect(await db.$count(trackedLinks, eq(trackedLinks.parentLinkId, parent.id))).toBe(12);
  });

  test("an Origin not on the list is refused and makes no link", async () => {
    const parent = await makeSharedLink();
    const response = await askForChild(parent.code, { origin: "https://evil.test", "x-forwarded-for": "198.51.100.9" });
    expect(response.status).toBe(403);
    expect(await db.$count(trackedLinks, eq(trackedLinks.parentLinkId, parent.id))).toBe(0);
  });
});

describe("POST /api/events: the count of one event is capped", () => {
  const SECRET = "test-webhook-secret";
  beforeEach(() => vi.stubEnv("CHORUS_WEBHOOK_SECRET", SECRET));

  async function report(code: string, count: number): Promise<Response> {
    const body = JSON.stringify({ id: `evt-${code}-${count}`, type: "reshare", code, count });
    const timestamp = String(Math.floor(Date.now() / 1000));
    return eventsPost(
      new Request("https://chorus.test/api/events", {
        method: "POST",
        body,
        headers: { "x-chorus-timestamp": timestamp, "x-chorus-signature": signWebhook(SECRET, timestamp, body) },
      }),
    );
  }

  test("a signed event over the cap is a 400 with a field error on count and credits nothing; one at the cap counts", async () => {
    const parent = await makeSharedLink();
    const refused = await report(parent.code, 100_000);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: "invalid", fields: { count: ["At most 50 reshares per event"] } },
    });
    expect(await embedResharesOf(parent.id)).toBe(0);
    const accepted = await report(parent.code, 50);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ recorded: true });
  });
});
