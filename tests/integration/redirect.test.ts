import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from "node:http";
import { createServer, Socket } from "node:net";
import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import postgres from "postgres";
import { db, getConnection, setConnection } from "@/db/client";
import { campaigns, clicks, posts } from "@/db/schema";
import { ClickWriter } from "@/lib/click-writer";
import { transitionPost } from "@/lib/posts";
import { updateCampaign } from "@/lib/campaigns";
import { handleShortLink, LinkCache, listenForLinkChanges, LOOKUP_TIMEOUT_MS } from "@/lib/redirect";
import { makeLivePost, makeSharedLink, makeSession } from "@/tests/helpers";

const BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

/** Calls the redirect handler as server.ts does, with an in-memory request and response (no port is opened). */
async function visit(
  path: string,
  {
    method = "GET",
    headers = {} as Record<string, string>,
    cache = new LinkCache(),
    writer = new ClickWriter(),
    drain = true,
  } = {},
) {
  const socket = new Socket();
  const req = new IncomingMessage(socket);
  req.method = method;
  req.url = path;
  req.headers = { "user-agent": BROWSER, ...headers };
  const res = new ServerResponse(req);
  let answer: { status: number; headers: OutgoingHttpHeaders } | undefined;
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((status: number, headers: OutgoingHttpHeaders) => {
    answer = { status, headers };
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  await handleShortLink(req, res, cache, writer);
  if (drain) await writer.drain();
  socket.destroy();
  return answer!;
}

async function clicksOn(linkId: number) {
  return db
    .select({
      reason: clicks.reason,
      device: clicks.device,
      country: clicks.country,
      referrerHost: clicks.referrerHost,
    })
    .from(clicks)
    .where(eq(clicks.linkId, linkId));
}

describe("handleShortLink", () => {
  test("a known code answers 302 to the post's URL with UTM tags and records the click", async () => {
    const { postId } = await makeLivePost({ url: "https://example.com/report?lang=en" });
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: "Launch", slug: `launch-${postId}` })
      .returning({ id: campaigns.id });
    await db.update(posts).set({ campaignId: campaign!.id }).where(eq(posts.id, postId));
    const link = await makeSharedLink(undefined, "linkedin", postId);

    const answer = await visit(`/s/${link.code}?fbclid=xyz`, {
      headers: { referer: "https://www.linkedin.com/", "cf-ipcountry": "fr" },
    });
    expect(answer.status).toBe(302);
    const target = new URL(String(answer.headers.Location));
    expect(target.origin + target.pathname).toBe("https://example.com/report");
    expect(Object.fromEntries(target.searchParams)).toEqual({
      lang: "en",
      utm_source: "linkedin",
      utm_medium: "employee_advocacy",
      utm_campaign: `launch-${postId}`,
      utm_content: link.code,
    });
    expect(await clicksOn(link.id)).toEqual([
      { reason: "counted", device: "desktop", country: "FR", referrerHost: "www.linkedin.com" },
    ]);
  });

  test("an unknown or malformed code is a 404 page, never a redirect, and records nothing", async () => {
    for (const path of ["/s/Unknown1", "/s/../../etc", "/s/", "/s/has%20space"]) {
      const answer = await visit(path);
      expect(answer.status).toBe(404);
      expect(answer.headers.Location).toBeUndefined();
    }
  });

  test("an archived post's link is a 404", async () => {
    const { postId, curator } = await makeLivePost();
    const link = await makeSharedLink(undefined, "x", postId);
    await transitionPost(curator, postId, "archive");
    expect((await visit(`/s/${link.code}`)).status).toBe(404);
    expect(await clicksOn(link.id)).toEqual([]);
  });

  test("an archive, an edit or a campaign's new slug clears every listening server's cached targets at commit", async () => {
    // Two caches stand for two app servers; each listens for announcements on the database.
    const [here, elsewhere] = [new LinkCache(), new LinkCache()];
    const stops = [
      await listenForLinkChanges(getConnection(), here),
      await listenForLinkChanges(getConnection(), elsewhere),
    ];
    try {
      const { postId, curator } = await makeLivePost({ url: "https://example.com/before" });
      const link = await makeSharedLink(undefined, "linkedin", postId);
      for (const cache of [here, elsewhere])
        expect((await cache.resolve(link.code))?.target).toMatch(/^https:\/\/example\.com\/before\?/);

      // A campaign's new slug reaches both caches (the target carries utm_campaign).
      const [campaign] = await db
        .insert(campaigns)
        .values({ name: `C ${link.code}`, slug: `old-${link.code.toLowerCase()}` })
        .returning({ id: campaigns.id });
      await db.update(posts).set({ campaignId: campaign!.id }).where(eq(posts.id, postId));
      await updateCampaign(campaign!.id, {
        name: `C ${link.code}`,
        slug: `new-${link.code.toLowerCase()}`,
        startsOn: null,
        endsOn: null,
        clickGoal: null,
      });
      for (const cache of [here, elsewhere])
        await vi.waitFor(
          async () =>
            expect((await cache.resolve(link.code))?.target).toContain(`utm_campaign=new-${link.code.toLowerCase()}`),
          { timeout: 5000 },
        );

      await transitionPost(curator, postId, "archive");
      for (const cache of [here, elsewhere])
        await vi.waitFor(async () => expect(await cache.resolve(link.code)).toBeNull(), { timeout: 5000 });
    } finally {
      for (const stop of stops) await stop();
    }
  });

  test("a link-preview crawler and a HEAD request get the redirect but their clicks do not count", async () => {
    const link = await makeSharedLink();
    const cache = new LinkCache();
    expect(
      (
        await visit(`/s/${link.code}`, {
          cache,
          headers: {
            "user-agent": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
          },
        })
      ).status,
    ).toBe(302);
    expect((await visit(`/s/${link.code}`, { cache, method: "HEAD" })).status).toBe(302);
    expect((await clicksOn(link.id)).map((c) => c.reason).sort()).toEqual(["bot", "head"]);
  });

  test("the advocate's own signed-in click is recorded as 'own'", async () => {
    const link = await makeSharedLink();
    const token = await makeSession(link.advocateId);
    await visit(`/s/${link.code}`, { headers: { cookie: `theme=dark; authjs.session-token=${token}` } });
    expect((await clicksOn(link.id)).map((c) => c.reason)).toEqual(["own"]);
  });

  test("a malformed session cookie still gets the redirect and a counted click", async () => {
    const link = await makeSharedLink();
    const answer = await visit(`/s/${link.code}`, { headers: { cookie: "authjs.session-token=%E0%A4%A" } });
    expect(answer.status).toBe(302);
    expect((await clicksOn(link.id)).map((c) => c.reason)).toEqual(["counted"]);
  });

  test("a session cookie with a NUL byte, or a user agent and referrer with one, is cleaned before the writer", async () => {
    const link = await makeSharedLink();
    const writer = new ClickWriter();
    const answer = await visit(`/s/${link.code}`, {
      writer,
      headers: {
        cookie: "authjs.session-token=x%00y",
        "user-agent": `${BROWSER}\u0000${"x".repeat(20_000)}`,
        referer: "https://www.linkedin.com/\u0000feed",
      },
    });
    expect(answer.status).toBe(302);
    expect(await clicksOn(link.id)).toEqual([
      { reason: "counted", device: "desktop", country: null, referrerHost: "www.linkedin.com" },
    ]);
    expect(writer.stats).toMatchObject({ written: 1, dropped: 0 });
  });

  test("methods other than GET and HEAD are refused with 405", async () => {
    const link = await makeSharedLink();
    const answer = await visit(`/s/${link.code}`, { method: "POST" });
    expect(answer.status).toBe(405);
    expect(answer.headers.Allow).toBe("GET, HEAD");
    expect(await clicksOn(link.id)).toEqual([]);
  });

  test("while the database hangs, a cached link keeps its 302 (even once stale) and an unknown code is a 503 within 1 s", async () => {
    const known = await makeSharedLink();
    const cache = new LinkCache();
    expect((await visit(`/s/${known.code}`, { cache })).status).toBe(302);
    const before = (await clicksOn(known.id)).length;

    // A database that accepts connections and never answers: the worst outage, where nothing fails fast.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const real = getConnection();
    const hung = postgres(`postgres://postgres@127.0.0.1:${port}/none`, { max: 2, connect_timeout: 60 });
    setConnection({ kind: "postgres", url: "hung", client: hung });
    const writer = new ClickWriter();
    try {
      cache.markStale(); // as after the change listener reconnects: refreshed on next use, never dropped
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        expect((await cache.resolve(known.code))?.linkId).toBe(known.id);
        expect(Date.now() - started).toBeLessThan(100);
      }
      // The known link's refresh hangs: once it has hung long enough, the cache knows the database is failing.
      expect(cache.failing()).toBe(false);
      await expect.poll(() => cache.failing(), { timeout: 10_000, interval: 100 }).toBe(true);
      const started = Date.now();
      // Not drained: the writer has nothing to write, and the database it would write to hangs.
      const answer = await visit("/s/NeverSeen9", { cache, writer, drain: false });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(LOOKUP_TIMEOUT_MS - 5);
      expect(answer).toMatchObject({ status: 503, headers: { "Retry-After": expect.any(String) } });
      expect(writer.pending).toBe(0);
    } finally {
      setConnection(real);
      for (const socket of sockets) socket.destroy();
      silent.close();
      await hung.end({ timeout: 0 });
    }
    // Back on the database: the stale entry refreshes and the click path is the usual one.
    expect((await visit(`/s/${known.code}`, { cache })).status).toBe(302);
    expect((await clicksOn(known.id)).length).toBe(before + 1);
  });
});
