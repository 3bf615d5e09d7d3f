import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { signInViaOutbox, STATE, uniq } from "./support";

test("a signed-out visit to an app page is sent to sign-in", async ({ page }) => {
  for (const path of ["/feed", "/library", "/leaderboard", "/review"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});

test("anyone, signed in or not, can read how points work, with the values in force", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "How points work" }).click();
  await expect(page).toHaveURL(/\/how-points-work$/);
  await expect(page.getByRole("heading", { name: "How points work", level: 1 })).toBeVisible();
  // The seeded settings: share 1, Facebook 0, counted click 2, reshare 5, ten scored shares a day, UTC.
  const points = (activity: string) =>
    page
      .getByTestId("point-values")
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: activity }) })
      .getByRole("cell")
      .first();
  await expect(points("Share on LinkedIn")).toHaveText("1");
  await expect(points("Share on Facebook")).toHaveText("0");
  await expect(points("Counted click")).toHaveText("2");
  await expect(points("Reshare")).toHaveText("5");
  await expect(page.getByText("At most 10 shares a day earn share points")).toContainText("UTC");
  await expect(page.getByText("within 24 hours does not count again")).toBeVisible();
});

test("an unknown short code shows a friendly 404 and redirects nowhere", async ({ page }) => {
  const response = await page.goto("/s/doesNotExist1");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link doesn’t lead anywhere" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/s/doesNotExist1");
});

test("an address outside the allowed domains cannot sign in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(`someone-${uniq()}@elsewhere.example`);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("This address may not sign in")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
});

test.describe("curator form", () => {
  test.use({ storageState: STATE.curator });

  test("invalid URL and missing title show field errors and save nothing", async ({ page }) => {
    await page.goto("/library/new");
    await page.getByLabel("Link to share").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByText("Give the post a title")).toBeVisible();
    await expect(page.getByText("Enter a full http:// or https:// link")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");

    const title = `Bad link ${uniq()}`;
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Link to share").fill("ftp://example.com/file");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Enter a full http:// or https:// link")).toBeVisible();
    await expect(page.getByText("Give the post a title")).toHaveCount(0);
    await page.goto("/library");
    await expect(page.getByRole("heading", { name: "Library" })).toBeVisible();
    await expect(page.getByTestId("library-row").filter({ hasText: title })).toHaveCount(0);
  });
});

test("an advocate is refused curator and approver pages and actions, and nothing changes", async ({ browser }) => {
  // A post waiting for review, made by the curator.
  const curator = await browser.newContext({ storageState: STATE.curator });
  const curatorPage = await curator.newPage();
  const title = `Needs review ${uniq()}`;
  await curatorPage.goto("/library/new");
  await curatorPage.getByLabel("Title").fill(title);
  await curatorPage.getByLabel("Link to share").fill("https://example.com/review-me");
  await curatorPage.getByRole("button", { name: "Submit for review" }).click();
  await expect(curatorPage).toHaveURL(/\/library\/\d+\?saved=1$/);
  const postId = new URL(curatorPage.url()).pathname.split("/").pop();

  const advocate = await browser.newContext();
  const page = await advocate.newPage();
  await signInViaOutbox(page, `adv-${uniq()}@chorus.local`);
  for (const path of ["/library", "/library/new", "/review"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  // From Chorus's own origin, as the page would send them: what refuses them is the permission.
  const headers = { origin: baseURL };
  const approve = await page.request.post(`/api/posts/${postId}/approve`, { data: {}, headers });
  expect(approve.status()).toBe(403);
  expect(await approve.json()).toEqual({ error: { code: "forbidden", message: "You are not allowed to do this." } });
  const create = await page.request.post("/api/posts", {
    data: { title: "Sneaky", url: "https://example.com" },
    headers,
  });
  expect(create.status()).toBe(403);

  // Still in review, and no post was created.
  await curatorPage.goto("/library");
  await expect(curatorPage.getByTestId("library-row").filter({ hasText: title })).toContainText("In review");
  await expect(curatorPage.getByTestId("library-row").filter({ hasText: "Sneaky" })).toHaveCount(0);
  await curator.close();
  await advocate.close();
});
