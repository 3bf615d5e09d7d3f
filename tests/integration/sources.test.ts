import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { contentSources, jobs, posts, suggestions } from "@/db/schema";
import { pollSource, SOURCE_POLL_JOB } from "@/lib/content/feed-poll";
import {
  createSource,
  listSources,
  removeSource,
  SOURCES_PAGE_SIZE,
  sourceInput,
  updateSource,
} from "@/lib/content/sources";
import { acceptSuggestion, listInbox } from "@/lib/content/suggestions";
import { DomainError } from "@/lib/errors";
import { runNotifications } from "@/lib/notification-jobs";
import { ensureHashtags } from "@/lib/hashtags";
import { makeUser } from "@/tests/helpers";

// The address guard stays on: only this test's own server (127.0.0.1) is let through, so a redirect to any other
// loopback or private address is refused by the same connect-time check production uses.
vi.mock("@/lib/outbound", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/outbound")>();
  const options = { allowPrivateIPAddress: false, allowIPAddressList: ["127.0.0.1"] };
  return {
    ...original,
    filteringAgents: () => {
      const agents = {
        "http:": new RequestFilteringHttpAgent(options),
        "https:": new RequestFilteringHttpsAgent(options),
      };
      return { ...agents, destroy: () => agents["http:"].destroy() };
    },
    pointsAtPrivateHost: async (url: URL) => url.hostname !== "127.0.0.1" && original.pointsAtPrivateHost(url),
  };
});

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Newsroom</title>
   <link>https://news.example/</link><description>Company news</description>${items}</channel></rss>`;
const rssItem = (guid: string, link: string, title: string) =>
  `<item><title>${title}</title><link>${link}</link><guid isPermaLink="false">${guid}</guid>
   <description>&lt;p&gt;About &lt;b&gt;${title}&lt;/b&gt;&lt;/p&gt;</description></item>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
  <title>Engineering blog</title><id>urn:uuid:blog</id><updated>2026-11-01T00:00:00Z</updated>
  <entry><title>Atom entry</title><link rel="alternate" href="/blog/atom-entry"/><id>urn:uuid:atom-1</id>
    <updated>2026-11-01T00:00:00Z</updated><summary>Summary of the entry</summary></entry></feed>`;

/** The feeds: what each path serves, and how many full (non-304) answers it gave. */
const feeds = new Map<string, string>();
const served = new Map<string, number>();
let site: Server;
let base: string;

function serve(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? "/", "http://feeds.test").pathname;
  if (path === "/slow.xml") return; // never answers
  if (path === "/to-private.xml") return res.writeHead(302, { location: "http://127.0.0.2:9/feed.xml" }).end();
  if (path === "/huge.xml") {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    return res.end(rss(rssItem("h", "https://news.example/h", "x".repeat(300_000))));
  }
  const body = feeds.get(path);
  if (body === undefined) return res.writeHead(404).end();
  const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
  if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
  served.set(path, (served.get(path) ?? 0) + 1);
  const type = path.endsWith(".html") ? "text/html" : "application/xml";
  res.writeHead(200, { "content-type": type, etag, "last-modified": "Sun, 01 Nov 2026 00:00:00 GMT" }).end(body);
}

beforeAll(async () => {
  process.env.CHORUS_DATA_DIR ??= `/tmp/chorus-test-${process.pid}`;
  await ensureHashtags(["news", "launch", "cloud"]);
  site = createServer(serve);
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

const unique = () => Math.random().toString(36).slice(2, 10);

async function addSource(path: string, extra: Record<string, unknown> = {}) {
  const curator = await makeUser(["curator"]);
  const input = sourceInput.parse({ name: `Feed ${unique()}`, url: `${base}${path}`, ...extra });
  return (await createSource(curator, input)).id;
}

/** These sources as the sources page lists them, looked for on every page. */
async function listedSources(ids: number[]) {
  const found = new Map<number, Awaited<ReturnType<typeof listSources>>["items"][number]>();
  for (let page = 1; ; page++) {
    const { items, total } = await listSources(page);
    for (const source of items) if (ids.includes(source.id)) found.set(source.id, source);
    if (page * SOURCES_PAGE_SIZE >= total) return ids.map((id) => found.get(id));
  }
}

const itemsOf = (sourceId: number) =>
  db
    .select({ url: suggestions.url, title: suggestions.title, summary: suggestions.summary, key: suggestions.itemKey })
    .from(suggestions)
    .where(eq(suggestions.sourceId, sourceId))
    .orderBy(suggestions.url);

const sourceRow = async (id: number) => (await db.select().from(contentSources).where(eq(contentSources.id, id)))[0]!;

describe("content sources", () => {
  test("RSS: new items land in the inbox tagged with the source; an unchanged feed answers 304 and adds nothing", async () => {
    const path = `/rss-${unique()}.xml`;
    feeds.set(path, rss(rssItem("a1", "https://news.example/a", "Results") + rssItem("b1", "/b", "Hiring")));
    const id = await addSource(path, { hashtags: "#News", audience: "all" });
    expect(await pollSource(id)).toEqual({ outcome: "read", added: 2, skipped: 0 });
    expect(await itemsOf(id)).toEqual([
      { url: `${base}/b`, title: "Hiring", summary: "About Hiring", key: "b1" },
      { url: "https://news.example/a", title: "Results", summary: "About Results", key: "a1" },
    ]);
    const polled = await sourceRow(id);
    expect(polled.etag).toMatch(/^"/);
    expect(polled.lastModified).toBe("Sun, 01 Nov 2026 00:00:00 GMT");
    expect(polled.lastError).toBeNull();
    expect(polled.nextPollAt.getTime() - polled.lastPolledAt!.getTime()).toBeGreaterThan(29 * 60 * 1000);

    expect(await pollSource(id)).toEqual({ outcome: "unchanged" });
    expect(served.get(path)).toBe(1);
    const inbox = await listInbox({ page: 1, status: "pending", source: id });
    expect(inbox.total).toBe(2);
    expect(inbox.items.every((item) => item.source === polled.name)).toBe(true);
    expect((await listInbox({ page: 1, status: "pending", source: "advocates", q: "news.example/a" })).total).toBe(0);

    // The sources page counts each source's own items (an earlier query counted by the suggestion's id instead).
    const empty = await addSource(`/rss-${unique()}.xml`);
    expect((await listedSources([id, empty])).map((source) => source?.items)).toEqual([2, 0]);
  });

  test("dedupe across polls: a changed feed adds only items with a new guid (or, without one, a new link)", async () => {
    const path = `/rss-${unique()}.xml`;
    feeds.set(path, rss(rssItem("a1", "https://news.example/a", "One")));
    const id = await addSource(path);
    await pollSource(id);
    feeds.set(
      path,
      rss(
        `${rssItem("a1", "https://news.example/a-moved", "One again")}${rssItem("c1", "https://news.example/c", "Two")}` +
          `<item><title>No guid</title><link>https://news.example/d</link></item>`,
      ),
    );
    expect(await pollSource(id)).toEqual({ outcome: "read", added: 2, skipped: 0 });
    expect(await pollSource(id)).toEqual({ outcome: "unchanged" });
    feeds.set(path, `${feeds.get(path)!} `);
    expect(await pollSource(id)).toEqual({ outcome: "read", added: 0, skipped: 0 });
    expect((await itemsOf(id)).map((item) => item.key)).toEqual(["a1", "c1", "https://news.example/d"]);
  });

  test("Atom: entries by id, relative links resolved against the feed; accepting one makes a draft with the source's defaults", async () => {
    const path = `/atom-${unique()}.xml`;
    feeds.set(path, ATOM);
    feeds.set("/blog/atom-entry", "<html><head><title>Not used: served as XML</title></head></html>");
    const id = await addSource(path, { hashtags: "launch, cloud" });
    expect(await pollSource(id)).toEqual({ outcome: "read", added: 1, skipped: 0 });
    const [item] = await itemsOf(id);
    expect(item).toEqual({
      url: `${base}/blog/atom-entry`,
      title: "Atom entry",
      summary: "Summary of the entry",
      key: "urn:uuid:atom-1",
    });
    const inbox = await listInbox({ page: 1, status: "pending", source: id });
    const curator = await makeUser(["curator"]);
    const { postId } = await acceptSuggestion(curator, inbox.items[0]!.id);
    const [draft] = await db.select().from(posts).where(eq(posts.id, postId));
    expect(draft).toMatchObject({ title: "Atom entry", url: `${base}/blog/atom-entry`, status: "draft" });
    expect(draft!.suggestedById).toBeNull();
  });

  test("items without a (usable) link are skipped and counted", async () => {
    const path = `/rss-${unique()}.xml`;
    feeds.set(
      path,
      rss(
        `<item><title>No link</title><guid isPermaLink="false">n1</guid></item>` +
          `<item><title>Mail link</title><link>mailto:press@example.com</link></item>` +
          rssItem("ok", "https://news.example/ok", "Fine"),
      ),
    );
    const id = await addSource(path);
    expect(await pollSource(id)).toEqual({ outcome: "read", added: 1, skipped: 2 });
  });

  test("a broken feed keeps its items and shows its last error and when it last worked", async () => {
    const path = `/rss-${unique()}.xml`;
    feeds.set(path, rss(rssItem("k1", "https://news.example/kept", "Kept")));
    const id = await addSource(path);
    await pollSource(id);
    const worked = (await sourceRow(id)).lastSuccessAt;
    expect(worked).not.toBeNull();

    feeds.set(path, "<html><body>Our feed moved</body></html> <!-- changed -->");
    const failed = await pollSource(id);
    expect(failed).toEqual({
      outcome: "failed",
      error: "The feed is not RSS or Atom (it could not be read as a feed)",
    });
    const row = await sourceRow(id);
    expect(row.lastError).toBe("The feed is not RSS or Atom (it could not be read as a feed)");
    expect(row.lastSuccessAt).toEqual(worked);
    expect((await itemsOf(id)).map((item) => item.key)).toEqual(["k1"]);
    const [listed] = await listedSources([id]);
    expect(listed).toMatchObject({ lastError: row.lastError, items: 1 });

    feeds.set(path, rss(rssItem("k2", "https://news.example/back", "Back")));
    expect(await pollSource(id)).toEqual({ outcome: "read", added: 1, skipped: 0 });
    expect((await sourceRow(id)).lastError).toBeNull();
  });

  test("not XML, too large, a redirect to a private address, a timeout, a 404: each is the source's last error", async () => {
    const plain = `/text-${unique()}.xml`;
    feeds.set(plain, "just some text, not a feed");
    const cases: [string, string, Partial<{ maxBytes: number; timeoutMs: number }>][] = [
      [plain, "The feed is not RSS or Atom (it could not be read as a feed)", {}],
      ["/huge.xml", "The feed is larger than 0.25 MB", { maxBytes: 256 * 1024 }],
      ["/to-private.xml", "The feed is on a private or local network address, which Chorus does not fetch", {}],
      ["/slow.xml", "The feed took longer than 0.3 seconds to answer", { timeoutMs: 300 }],
      ["/missing.xml", "The feed answered HTTP 404", {}],
    ];
    for (const [path, error, limits] of cases) {
      const id = await addSource(`${path}?${unique()}`);
      const result = await pollSource(id, new Date(), { maxBytes: 2 * 1024 * 1024, timeoutMs: 5000, ...limits });
      expect(result, path).toEqual({ outcome: "failed", error });
      const row = await sourceRow(id);
      expect(row).toMatchObject({ lastError: error, lastSuccessAt: null });
      expect(await itemsOf(id)).toEqual([]);
      await removeSource(id);
    }
  });

  test("the job queue polls due sources once per due time, then not again for 30 minutes", async () => {
    const path = `/rss-${unique()}.xml`;
    feeds.set(path, rss(rssItem("q1", "https://news.example/q", "Queued")));
    const id = await addSource(path);
    const now = new Date(Date.now() + 1000);
    await runNotifications(now);
    await runNotifications(now);
    const polls = await db
      .select({ key: jobs.key, status: jobs.status })
      .from(jobs)
      .where(eq(jobs.kind, SOURCE_POLL_JOB));
    expect(polls.filter((job) => job.key.startsWith(`source-poll:${id}:`))).toEqual([
      { key: expect.any(String), status: "done" },
    ]);
    expect(await itemsOf(id)).toHaveLength(1);
    await runNotifications(new Date(now.getTime() + 29 * 60 * 1000));
    expect(served.get(path)).toBe(1);
    await runNotifications(new Date(now.getTime() + 31 * 60 * 1000));
    const after = await db.select({ key: jobs.key }).from(jobs).where(eq(jobs.kind, SOURCE_POLL_JOB));
    expect(after.filter((job) => job.key.startsWith(`source-poll:${id}:`))).toHaveLength(2);
    expect(served.get(path)).toBe(1);
  });

  test("sources: field errors for bad input, private addresses, duplicates; edit and remove", async () => {
    const bad = sourceInput.safeParse({ name: "", url: "ftp://x", hashtags: "ok, not-ok", audience: "teams" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.flatten().fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["hashtags", "name", "url"]);
    const noTeams = sourceInput.safeParse({ name: "Teams", url: "https://news.example/feed", audience: "teams" });
    expect(noTeams.error?.flatten().fieldErrors).toEqual({
      teamIds: ["Choose at least one team, or share with everyone"],
    });
    const curator = await makeUser(["curator"]);
    const refused = await createSource(
      curator,
      sourceInput.parse({ name: "Local", url: "http://10.0.0.1/feed" }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).fields?.url).toEqual([
      "Feeds on private, local or intranet addresses cannot be polled",
    ]);

    const path = `/rss-${unique()}.xml`;
    feeds.set(path, rss(rssItem("e1", "https://news.example/e", "Edit")));
    const id = await addSource(path);
    const again = await createSource(curator, sourceInput.parse({ name: "Again", url: `${base}${path}` })).catch(
      (error: unknown) => error,
    );
    expect((again as DomainError).fields?.url).toEqual(["This feed is already a source"]);

    await pollSource(id);
    await updateSource(id, sourceInput.parse({ name: "Renamed", url: `${base}${path}?v=2`, hashtags: "news" }));
    const edited = await sourceRow(id);
    expect(edited).toMatchObject({ name: "Renamed", hashtags: ["news"], etag: null, lastModified: null });
    await removeSource(id);
    expect(await db.select().from(contentSources).where(eq(contentSources.id, id))).toEqual([]);
    expect(await itemsOf(id)).toEqual([]);
  });
});
