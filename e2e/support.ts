import { randomBytes } from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const STATE = {
  curator: "e2e/.auth/curator.json",
  approver: "e2e/.auth/approver.json",
  admin: "e2e/.auth/admin.json",
  advocate: "e2e/.auth/advocate.json",
  leader: "e2e/.auth/leader.json",
} as const;

export const uniq = () => randomBytes(4).toString("hex");

/** The review queue searched for one post: other specs' posts waiting in parallel cannot push it off the page. */
export const reviewQueueFor = (title: string) => `/review?q=${encodeURIComponent(title)}`;

export const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

/**
 * Signs in as a person would: ask for a link, open the mail in the demo outbox, follow the link. Another
 * worker signing in the same person at the same moment can take the newest mail's link first, so a used
 * link means: ask again.
 */
export async function signInViaOutbox(page: Page, email: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto("/signin");
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
    // The person's newest sign-in mail (they also get digests and approval notices).
    const mail = page
      .getByTestId("outbox-message")
      .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
      .filter({ hasText: "Your Chorus sign-in link" })
      .first();
    const href = await mail.getByRole("link").first().getAttribute("href");
    expect(href).toContain("/api/auth/callback/email");
    await page.goto(href!);
    if (attempt < 3 && !/\/feed$/.test(page.url())) continue;
    await expect(page).toHaveURL(/\/feed$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText(email);
    return;
  }
}

/** A fresh advocate (the demo allows @chorus.local sign-ups), signed in in a context of their own. */
export async function newAdvocate(browser: Browser): Promise<{ context: BrowserContext; page: Page; email: string }> {
  const email = `adv-${uniq()}@chorus.local`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaOutbox(page, email);
  return { context, page, email };
}

/** The curator writes and submits a post; the approver approves it: it is live in the feed. */
export async function publishPost(
  browser: Browser,
  post: { title: string; url: string; commentary?: string; hashtags?: string },
): Promise<void> {
  const curator = await browser.newContext({ storageState: STATE.curator });
  const page = await curator.newPage();
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(post.title);
  await page.getByLabel("Link to share").fill(post.url);
  await page.getByLabel("Suggested commentary").fill(post.commentary ?? "");
  await page.getByLabel("Hashtags").fill(post.hashtags ?? "");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/library\/\d+\?saved=1$/);
  await expect(page.getByTestId("post-history")).toContainText("to In review");
  await curator.close();

  const approver = await browser.newContext({ storageState: STATE.approver });
  const review = await approver.newPage();
  await review.goto(reviewQueueFor(post.title));
  await review
    .getByTestId("review-post")
    .filter({ hasText: post.title })
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(review.getByTestId("review-post").filter({ hasText: post.title })).toHaveCount(0);
  await approver.close();
}

/** Clicks a share button and returns the share page URL its new tab was sent to (the networks are offline here). */
export async function shareIntent(context: BrowserContext, host: string, click: () => Promise<void>): Promise<URL> {
  const [request] = await Promise.all([
    context.waitForEvent("request", (r) => r.url().startsWith(`https://${host}/`)),
    click(),
  ]);
  for (const page of context.pages().slice(1)) await page.close();
  return new URL(request.url());
}

/** Shares a feed post on a network through the share dialog, optionally with an edited caption. */
export async function shareFromFeed(
  page: Page,
  title: string,
  network: "LinkedIn" | "X",
  caption?: string,
): Promise<URL> {
  await page.goto("/feed");
  const post = page.getByTestId("feed-post").filter({ hasText: title });
  await post.getByRole("tab", { name: network }).click();
  if (caption !== undefined) await post.getByLabel("Your caption").fill(caption);
  const host = network === "X" ? "x.com" : "www.linkedin.com";
  return shareIntent(page.context(), host, () => post.getByRole("button", { name: `Share on ${network}` }).click());
}

/** The advocate's own leaderboard row, polled until the click writer has caught up. */
export async function expectMyScore(page: Page, expected: { countedClicks: number; points: number }): Promise<void> {
  await expect(async () => {
    await page.goto("/leaderboard");
    const mine = page.getByTestId("my-row");
    await expect(mine.getByTestId("counted-clicks")).toHaveText(String(expected.countedClicks), { timeout: 1000 });
    await expect(mine.getByTestId("points")).toHaveText(String(expected.points), { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
}
