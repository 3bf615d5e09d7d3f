import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { EMBED_SITE_PORT, startLandingSite } from "./landing-site";
import { expectMyScore, newAdvocate, PHONE_UA, publishPost, shareFromFeed, shareIntent, uniq } from "./support";

// The same test-only secret scripts/e2e-server.ts gives the server.
const WEBHOOK_SECRET = "e2e-webhook-secret";
const sign = (timestamp: string, body: string) =>
  `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest("hex")}`;

test.describe.configure({ mode: "serial" });

test("repeat and bot visits do not count; a colleague's reshare credits the first advocate, an onward share from the company site counts its clicks", async ({
  browser,
  baseURL,
}) => {
  const site = await startLandingSite(baseURL!, EMBED_SITE_PORT);
  try {
    const title = `Sharing rules ${uniq()}`;
    await publishPost(browser, { title, url: `${site.origin}/article`, commentary: "Worth reading", hashtags: "news" });

    const first = await newAdvocate(browser);
    const intent = await shareFromFeed(first.page, title, "X");
    const shortLink = intent.searchParams.get("url")!;
    const code = shortLink.split("/s/")[1]!;

    // A visitor clicks twice within 24 hours: the second visit lands too, but does not count again.
    const visitor = await browser.newContext({ userAgent: PHONE_UA });
    const visitorPage = await visitor.newPage();
    for (let visit = 0; visit < 2; visit++) {
      await visitorPage.goto(shortLink);
      await expect(visitorPage).toHaveURL(new RegExp(`^${site.origin}/article\\?.*utm_content=${code}`));
    }
    // A link-preview crawler gets the redirect but no counted click.
    const bot = await browser.newContext({
      userAgent: "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    });
    const botPage = await bot.newPage();
    await botPage.goto(shortLink);
    await expect(botPage).toHaveURL(new RegExp(`^${site.origin}/article`));
    await expectMyScore(first.page, { countedClicks: 1, points: 1 + 2 });

    // A colleague reshares it from the activity feed: a new link of their own, and a reshare for the first advocate.
    const colleague = await newAdvocate(browser);
    // From the feed, the post's "shared 1×" leads to its shares alone, so other specs' shares in parallel
    // cannot push this one off the activity page; pick the first advocate's share by their name.
    await colleague.page.goto("/feed");
    await colleague.page
      .getByTestId("feed-post")
      .filter({ hasText: title })
      .getByRole("link", { name: /^shared \d+×$/ })
      .click();
    await expect(colleague.page.getByTestId("activity-filter")).toContainText(title);
    const item = colleague.page
      .getByTestId("activity-item")
      .filter({ hasText: title })
      .filter({ hasText: first.email.split("@")[0]! });
    await expect(item).toContainText("shared on X");
    const reshared = await shareIntent(colleague.context, "www.linkedin.com", () =>
      item.getByRole("button", { name: "Reshare on LinkedIn" }).click(),
    );
    const colleagueLink = reshared.searchParams.get("text")!.match(/\/s\/([0-9A-Za-z]{8})/)?.[1];
    expect(colleagueLink).toBeTruthy();
    expect(colleagueLink).not.toBe(code);
    await expectMyScore(first.page, { countedClicks: 1, points: 1 + 2 + 5 });
    await expectMyScore(colleague.page, { countedClicks: 0, points: 1 });

    // On the company's site (another origin), the visitor shares onward with /embed.js: a child link of the
    // first advocate's code opens in X's share page. Asking for it credits nobody yet.
    await visitorPage.goto(shortLink);
    const onward = await shareIntent(visitor, "x.com", () =>
      visitorPage.getByRole("link", { name: "Share this page on X" }).click(),
    );
    const childLink = onward.searchParams.get("url")!;
    expect(childLink).toMatch(/\/s\/[0-9A-Za-z]{8}$/);
    expect(childLink).not.toBe(shortLink);
    expect(onward.searchParams.get("text")).toBe("Worth a read");
    await expectMyScore(first.page, { countedClicks: 1, points: 1 + 2 + 5 });

    // Clicks on the child link are the chain's reach: they count for the first advocate. This reader is on the
    // same address as the visitor who asked for the link (every browser here is on this machine), so the click
    // does not credit the reshare: only someone else's click does (tests/integration/embed.test.ts).
    const reader = await browser.newContext({
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0",
    });
    const readerPage = await reader.newPage();
    await readerPage.goto(childLink);
    await expect(readerPage).toHaveURL(new RegExp(`^${site.origin}/article`));
    await expectMyScore(first.page, { countedClicks: 2, points: 1 + 2 * 2 + 5 });

    // A reported reshare through the signed webhook counts once, however often it is delivered.
    const body = JSON.stringify({ id: `evt-${uniq()}`, type: "reshare", code, count: 2 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    for (const expected of [
      { recorded: true, duplicate: false },
      { recorded: false, duplicate: true },
    ]) {
      const response = await first.page.request.post("/api/events", {
        data: body,
        headers: {
          "content-type": "application/json",
          "x-chorus-timestamp": timestamp,
          "x-chorus-signature": sign(timestamp, body),
        },
      });
      expect(response.status()).toBe(200);
      expect(await response.json()).toMatchObject(expected);
    }
    await expectMyScore(first.page, { countedClicks: 2, points: 1 + 2 * 2 + 5 + 2 * 5 });

    for (const context of [first.context, visitor, bot, colleague.context, reader]) await context.close();
  } finally {
    await site.close();
  }
});

test("the webhook refuses bad signatures, stale timestamps and malformed JSON with JSON errors", async ({
  request,
}) => {
  const now = String(Math.floor(Date.now() / 1000));
  const body = JSON.stringify({ id: `evt-${uniq()}`, type: "reshare", code: "AAAAAAAA" });
  // A Buffer goes on the wire byte for byte (Playwright would re-encode a string that is not valid JSON).
  const post = (data: string, headers: Record<string, string>) =>
    request.post("/api/events", {
      data: Buffer.from(data),
      headers: { "content-type": "application/json", ...headers },
    });

  const badSignature = await post(body, {
    "x-chorus-timestamp": now,
    "x-chorus-signature": `sha256=${"0".repeat(64)}`,
  });
  expect(badSignature.status()).toBe(401);
  expect((await badSignature.json()).error.code).toBe("unauthorized");

  const stale = String(Math.floor(Date.now() / 1000) - 10 * 60);
  const staleResponse = await post(body, { "x-chorus-timestamp": stale, "x-chorus-signature": sign(stale, body) });
  expect(staleResponse.status()).toBe(400);
  expect((await staleResponse.json()).error.message).toContain("5 minutes");

  const malformed = "{not json";
  const malformedResponse = await post(malformed, {
    "x-chorus-timestamp": now,
    "x-chorus-signature": sign(now, malformed),
  });
  expect(malformedResponse.status()).toBe(400);
  expect((await malformedResponse.json()).error.code).toBe("invalid");

  const unknown = await post(body, { "x-chorus-timestamp": now, "x-chorus-signature": sign(now, body) });
  expect(unknown.status()).toBe(404);
});

test("odd requests to /s/ never get a 500", async ({ request }) => {
  const cases = [
    "/s/",
    "/s/%",
    "/s/a",
    `/s/${"x".repeat(5000)}`,
    `/s/ABCDEFGH?${"q=1&".repeat(1500)}`,
    "/s/../../etc/passwd",
    "/s/%00%ff",
  ];
  for (const path of cases) {
    const response = await request.get(path, {
      maxRedirects: 0,
      headers: { "user-agent": "", referer: "::::not a url" },
    });
    expect(response.status(), path).toBeLessThan(500);
  }
  const head = await request.head("/s/ABCDEFGH", { maxRedirects: 0 });
  expect(head.status()).toBe(404);
});
