import { expect, test } from "@playwright/test";
import { startLandingSite } from "./landing-site";
import { expectMyScore, newAdvocate, PHONE_UA, reviewQueueFor, shareFromFeed, STATE, uniq } from "./support";

test("a curator publishes, an approver approves, an advocate shares, a visitor clicks, the leaderboard credits the advocate", async ({
  browser,
  baseURL,
}) => {
  const title = `Launch day ${uniq()}`;
  const site = await startLandingSite(baseURL!);
  const target = `${site.origin}/launch?ref=newsroom`;

  // Curator writes the post and submits it for review.
  const curator = await browser.newContext({ storageState: STATE.curator });
  const curatorPage = await curator.newPage();
  await curatorPage.goto("/library/new");
  await curatorPage.getByLabel("Title").fill(title);
  await curatorPage.getByLabel("Link to share").fill(target);
  await curatorPage.getByLabel("Suggested commentary").fill("Our biggest launch yet.");
  await curatorPage.getByLabel("Hashtags").fill("#Launch, cloud");
  await curatorPage.getByRole("button", { name: "Submit for review" }).click();
  await expect(curatorPage).toHaveURL(/\/library\/\d+\?saved=1$/);
  await expect(curatorPage.getByTestId("post-history")).toContainText("moved it from Draft to In review");
  await curatorPage.goto("/library");
  const row = curatorPage.getByTestId("library-row").filter({ hasText: title });
  await expect(row).toContainText("In review");
  await expect(row).toContainText("#cloud #launch");

  // The curator cannot approve it: the review page is not theirs.
  const reviewAsCurator = await curatorPage.goto("/review");
  expect(reviewAsCurator?.status()).toBe(403);

  // Approver approves it.
  const approver = await browser.newContext({ storageState: STATE.approver });
  const approverPage = await approver.newPage();
  await approverPage.goto(reviewQueueFor(title));
  const card = approverPage.getByTestId("review-post").filter({ hasText: title });
  await expect(card).toContainText("Our biggest launch yet.");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(approverPage.getByTestId("review-post").filter({ hasText: title })).toHaveCount(0);

  // A new advocate (allowed domain) signs in and finds the post in the feed, without curator navigation.
  const { context: advocate, page: advocatePage } = await newAdvocate(browser);
  const post = advocatePage.getByTestId("feed-post").filter({ hasText: title });
  await expect(post).toBeVisible();
  await expect(post.getByLabel("Your caption")).toHaveValue("Our biggest launch yet. #cloud #launch");
  await expect(advocatePage.getByRole("link", { name: "Library" })).toHaveCount(0);

  // Share on X with an edited caption: a new tab opens X's share page carrying the tracked link.
  const intent = await shareFromFeed(advocatePage, title, "X", "Proud of this one #launch");
  expect(intent.pathname).toBe("/intent/post");
  expect(intent.searchParams.get("text")).toBe("Proud of this one #launch");
  const shortLink = intent.searchParams.get("url")!;
  expect(shortLink).toMatch(/\/s\/[0-9A-Za-z]{8}$/);
  await advocatePage.reload();
  await expect(
    advocatePage.getByTestId("feed-post").filter({ hasText: title }).getByTestId("shared-badge"),
  ).toContainText("X");

  // Sharing again reuses the same link.
  const again = await shareFromFeed(advocatePage, title, "X");
  expect(again.searchParams.get("url")).toBe(shortLink);

  // The advocate's own click does not count; an anonymous visitor's does, and lands with the UTM tags.
  await advocatePage.goto(shortLink);
  const visitor = await browser.newContext({ userAgent: PHONE_UA });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(shortLink);
  const landed = new URL(visitorPage.url());
  expect(landed.origin + landed.pathname).toBe(`${site.origin}/launch`);
  expect(Object.fromEntries(landed.searchParams)).toEqual({
    ref: "newsroom",
    utm_source: "x",
    utm_medium: "employee_advocacy",
    utm_content: shortLink.split("/s/")[1],
  });
  await expect(visitorPage.getByRole("heading", { name: "Landing page" })).toBeVisible();

  // Leaderboard: one share (1 point) and one counted click (2 points).
  await expectMyScore(advocatePage, { countedClicks: 1, points: 3 });

  for (const context of [curator, approver, advocate, visitor]) await context.close();
  await site.close();
});
