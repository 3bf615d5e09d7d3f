import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { newAdvocate, reviewQueueFor, shareFromFeed, STATE, uniq } from "./support";

/**
 * The company's site and its newsroom feed, on a port of this test's own: articles carry their own og:title, and
 * /news-<id>.xml is an RSS feed with one item that answers 304 to its own ETag.
 */
let site: Server;
let origin: string;

test.beforeAll(async () => {
  site = createServer((req, res) => {
    const path = (req.url ?? "/").replace(/[^\w/.-]/g, "");
    const feed = /^\/news-(\w+)\.xml$/.exec(path)?.[1];
    if (feed) {
      const etag = `"${feed}"`;
      if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
      res.writeHead(200, { "content-type": "application/rss+xml", etag });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Newsroom</title><link>${origin}/</link>
        <description>News</description><item><title>Feed item ${feed}</title><link>${origin}/story-${feed}</link>
        <guid isPermaLink="false">story-${feed}</guid><description>What happened in ${feed}</description></item>
        </channel></rss>`);
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Page</title>
      <meta property="og:title" content="Article ${path.slice(1)}"><meta name="description" content="Worth a read.">
      </head><body><h1>Article</h1></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

test("an advocate's suggestion becomes a post they share with the disclosure, credited to them", async ({
  browser,
}) => {
  const id = uniq();
  // The disclosure is one company-wide setting: restored to none at the end, as other specs share without one.
  const disclosure = "#employee";
  const admin = await browser.newContext({ storageState: STATE.admin });
  const settings = await admin.newPage();
  await settings.goto("/admin/settings");
  const compliance = settings.getByRole("form", { name: "Compliance" });
  await compliance.getByLabel("Required disclosure").fill(disclosure);
  await compliance.getByRole("button", { name: "Save compliance settings" }).click();
  await expect(compliance.getByRole("status")).toBeVisible();

  try {
    const { context, page, email } = await newAdvocate(browser);
    await page.goto("/suggest");
    await page.getByLabel("Link").fill(`${origin}/suggested-${id}`);
    await page.getByLabel("Note for the curators").fill("Our launch, worth sharing");
    await page.getByRole("button", { name: "Suggest" }).click();
    await expect(page.getByRole("status")).toContainText("the curators have your suggestion");

    const title = `Article suggested-${id}`;
    const curator = await browser.newContext({ storageState: STATE.curator });
    const inbox = await curator.newPage();
    await inbox.goto(`/library/inbox?q=suggested-${id}&source=advocates`);
    const item = inbox.getByTestId("inbox-item").filter({ hasText: `suggested-${id}` });
    await expect(item).toContainText(`Suggested by ${email}`);
    await item.getByRole("button", { name: "Accept as draft" }).click();
    await expect(item).toHaveCount(0);
    await inbox.goto(`/library/inbox?q=suggested-${id}&status=accepted`);
    await expect(inbox.getByTestId("inbox-item").filter({ hasText: `suggested-${id}` })).toBeVisible();
    // The draft, titled from the page's og:title, credited to the advocate.
    await inbox.goto(`/library?q=${encodeURIComponent(title)}`);
    await inbox.getByTestId("library-row").getByRole("link", { name: title }).click();
    await inbox.getByRole("button", { name: "Submit for review" }).click();
    await expect(inbox.getByTestId("post-history")).toContainText("to In review");
    await curator.close();

    const approver = await browser.newContext({ storageState: STATE.approver });
    const review = await approver.newPage();
    await review.goto(reviewQueueFor(title));
    await review.getByTestId("review-post").filter({ hasText: title }).getByRole("button", { name: "Approve" }).click();
    await expect(review.getByTestId("review-post").filter({ hasText: title })).toHaveCount(0);
    await approver.close();

    const intent = await shareFromFeed(page, title, "X");
    expect(intent.searchParams.get("text")).toContain(disclosure);
    const post = page.getByTestId("feed-post").filter({ hasText: title });
    await expect(post.getByTestId("suggested-by")).toContainText(`Suggested by ${email}`);
    await context.close();
  } finally {
    await compliance.getByLabel("Required disclosure").fill("");
    await compliance.getByRole("button", { name: "Save compliance settings" }).click();
    await expect(compliance.getByRole("status")).toBeVisible();
    await admin.close();
  }
});

test.describe("feeds", () => {
  test("a curator adds a feed; after a poll its new item is in the inbox, tagged with the feed", async ({
    browser,
  }) => {
    const id = uniq();
    const curator = await browser.newContext({ storageState: STATE.curator });
    const sources = await curator.newPage();
    await sources.goto("/library/sources");
    await sources.getByLabel("Name").fill(`Newsroom ${id}`);
    await sources.getByLabel("Feed address (RSS or Atom)").fill("not a link");
    await sources.getByRole("button", { name: "Add feed" }).click();
    await expect(sources.getByText("Enter a full http:// or https:// link")).toBeVisible();
    await sources.getByLabel("Feed address (RSS or Atom)").fill(`${origin}/news-${id}.xml`);
    await sources.getByRole("button", { name: "Add feed" }).click();
    const row = sources.getByTestId("source-row").filter({ hasText: `Newsroom ${id}` });
    await expect(row).toContainText(`${origin}/news-${id}.xml`);

    const ran = await sources.request.post("/api/test/run-jobs", {
      headers: { origin: new URL(sources.url()).origin },
      data: { now: new Date().toISOString() },
    });
    expect(ran.ok()).toBe(true);
    await expect(async () => {
      await sources.reload();
      await expect(row).toContainText("1 item", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(row).toContainText("last worked");

    await sources.goto(`/library/inbox?q=story-${id}`);
    const item = sources.getByTestId("inbox-item").filter({ hasText: `Feed item ${id}` });
    await expect(item).toContainText(`From the feed Newsroom ${id}`);
    await expect(item).toContainText(`What happened in ${id}`);
    await curator.close();
  });
});
