import { expect, test, type Page } from "@playwright/test";
import { reviewQueueFor, signInViaOutbox, STATE, uniq } from "./support";

// A real 1×1 PNG, and a text file that only claims to be one.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const FAKE_PNG = Buffer.from("<script>alert(1)</script> not an image");

/** datetime-local's value for now + `hours`, in the browser's (and this machine's) time zone. */
function localInput(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

async function approve(page: Page, title: string) {
  await page.goto(reviewQueueFor(title));
  await page.getByTestId("review-post").filter({ hasText: title }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("review-post").filter({ hasText: title })).toHaveCount(0);
}

test("a curator creates a post with an image, hashtags and an X variant; an approver rejects it, then approves it", async ({
  browser,
}) => {
  const title = `Image post ${uniq()}`;
  const curator = await browser.newContext({ storageState: STATE.curator });
  const page = await curator.newPage();
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Link to share").fill("https://example.com/with-image?src=newsletter");
  await page.getByLabel("Suggested commentary").fill("Long form text for LinkedIn and email <b>not bold</b>");
  await page.getByText("Network variants (optional)").click();
  await page.getByLabel("X text").fill("x".repeat(257));
  await expect(page.locator("#x-count")).toHaveText("281 / 280");
  await page.getByLabel("Hashtags").fill("#Cloud news");

  // A file that is not an image is refused before anything is stored or saved.
  await page
    .getByLabel("Image", { exact: true })
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: FAKE_PNG });
  await page.getByLabel("X text").fill("Short and sweet for X");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Upload a PNG, JPEG, WebP or GIF image")).toBeVisible();
  await expect(page).toHaveURL(/\/library\/new$/);

  await page
    .getByLabel("Image", { exact: true })
    .setInputFiles({ name: "pixel.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/library\/\d+\?saved=1$/);
  const postUrl = page.url().split("?")[0]!;
  await expect(page.getByTestId("post-title")).toHaveText(title);
  const image = page.getByTestId("preview").locator("img");
  await expect(image).toHaveAttribute("src", /^\/uploads\/[0-9a-f-]{36}\.png$/);
  expect((await page.request.get((await image.getAttribute("src"))!)).headers()["content-type"]).toBe("image/png");
  // Text is shown as text: the <b> is not markup.
  await expect(page.getByTestId("preview-caption")).toContainText("<b>not bold</b> #cloud #news");
  await page.getByTestId("preview").locator("..").getByRole("tab", { name: "X" }).click();
  await expect(page.getByTestId("preview-caption")).toHaveText("Short and sweet for X #cloud #news");

  // The approver rejects it with a comment; it goes back to draft and the curator sees why.
  const approver = await browser.newContext({ storageState: STATE.approver });
  const review = await approver.newPage();
  await review.goto(reviewQueueFor(title));
  const card = review.getByTestId("review-post").filter({ hasText: title });
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card.getByText("Say what needs to change")).toBeVisible();
  await card.getByLabel("Reason for rejecting").fill("Please add the event date");
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(review.getByTestId("review-post").filter({ hasText: title })).toHaveCount(0);

  await page.goto(postUrl);
  await expect(page.getByTestId("post-history")).toContainText("moved it from In review to Draft");
  await expect(page.getByTestId("post-history")).toContainText("Please add the event date");
  await expect(page.getByTestId("post-status")).toHaveText("Draft");
  await page.getByRole("button", { name: "Submit for review" }).click();
  // The history already held one "Draft to In review" from the first submission: wait for the status itself.
  await expect(page.getByTestId("post-status")).toHaveText("In review");
  await expect(page.getByTestId("post-history").getByText("moved it from Draft to In review")).toHaveCount(2);

  await approve(review, title);
  await page.goto(postUrl);
  await expect(page.getByTestId("post-history")).toContainText("moved it from In review to Approved");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // Editing the approved post sends it back to review.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByText("Saving changes sends it back to review")).toBeVisible();
  await page.getByLabel("Title").fill(`${title} (v2)`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("post-history")).toContainText("moved it from Approved to In review");
  await curator.close();
  await approver.close();
});

test("a post reaches only its audience, and only inside its publish window", async ({ browser }) => {
  const tag = uniq();
  const posts = [
    { title: `For engineering ${tag}`, teams: ["Engineering"] },
    { title: `Next week ${tag}`, publish: localInput(24 * 7) },
    { title: `This week ${tag}`, publish: localInput(-24), expire: localInput(24) },
    { title: `Last week ${tag}`, publish: localInput(-24 * 7), expire: localInput(-24) },
  ];
  const curator = await browser.newContext({ storageState: STATE.curator });
  const page = await curator.newPage();
  for (const post of posts) {
    await page.goto("/library/new");
    await page.getByLabel("Title").fill(post.title);
    await page.getByLabel("Link to share").fill("https://example.com/audience");
    if (post.teams) {
      await page.getByLabel("Chosen teams").check();
      for (const team of post.teams) await page.getByLabel(team, { exact: true }).check();
    }
    if (post.publish) await page.getByLabel("Publish at").fill(post.publish);
    if (post.expire) await page.getByLabel("Expire at").fill(post.expire);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page).toHaveURL(/\/library\/\d+\?saved=1$/);
  }
  const approver = await browser.newContext({ storageState: STATE.approver });
  const review = await approver.newPage();
  for (const post of posts) await approve(review, post.title);

  const feedTitles = async (email: string) => {
    const context = await browser.newContext();
    const advocate = await context.newPage();
    await signInViaOutbox(advocate, email);
    const titles = await advocate.getByTestId("feed-post").getByRole("heading").allTextContents();
    await context.close();
    return titles.filter((t) => t.endsWith(tag)).sort();
  };
  expect(await feedTitles("eli@chorus.local")).toEqual([`For engineering ${tag}`, `This week ${tag}`]);
  expect(await feedTitles("sam@chorus.local")).toEqual([`This week ${tag}`]);
  await curator.close();
  await approver.close();
});

test("an expiry before the publish time is refused next to the field", async ({ browser }) => {
  const curator = await browser.newContext({ storageState: STATE.curator });
  const page = await curator.newPage();
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(`Backwards ${uniq()}`);
  await page.getByLabel("Link to share").fill("https://example.com/");
  await page.getByLabel("Publish at").fill(localInput(48));
  await page.getByLabel("Expire at").fill(localInput(24));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("The post must expire after it is published")).toBeVisible();
  await expect(page).toHaveURL(/\/library\/new$/);
  await curator.close();
});
