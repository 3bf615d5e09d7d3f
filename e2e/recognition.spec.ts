import { expect, test } from "@playwright/test";
import { startLandingSite } from "./landing-site";
import {
  expectMyScore,
  newAdvocate,
  PHONE_UA,
  publishPost,
  shareFromFeed,
  signInViaOutbox,
  STATE,
  uniq,
} from "./support";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Tuesday noon UTC of next week: Monday's score run is due there in any company time zone. */
function nextWeeksTuesday(): string {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + ((8 - at.getUTCDay()) % 7 || 7) + 1);
  at.setUTCHours(12, 0, 0, 0);
  return at.toISOString();
}

test("an advocate shares, visitors click, the weekly run scores them: My stats shows the score, a badge and a challenge; a leader sees the teams", async ({
  browser,
  baseURL,
}) => {
  // A long journey (three people, a worker run) on a busy 2-core machine.
  test.setTimeout(300_000);
  const title = `Recognition ${uniq()}`;
  const challenge = `Click week ${uniq()}`;
  const site = await startLandingSite(baseURL!);

  // A curator sets a challenge for everyone.
  const curator = await browser.newContext({ storageState: STATE.curator });
  const curatorPage = await curator.newPage();
  await curatorPage.goto("/library/challenges");
  await curatorPage.getByLabel("Title").fill(challenge);
  await curatorPage.getByLabel("Counts").selectOption("counted_clicks");
  await curatorPage.getByLabel("Goal").fill("50");
  await curatorPage.getByLabel("Starts on").fill(day(-1));
  await curatorPage.getByLabel("Ends on").fill(day(7));
  await curatorPage.getByLabel("Reward").fill("Coffee with the CEO");
  await curatorPage.getByRole("button", { name: "Create challenge" }).click();
  await expect(curatorPage.getByRole("status")).toHaveText("Challenge created.");
  await expect(curatorPage.getByTestId("challenge").filter({ hasText: challenge })).toBeVisible();

  await publishPost(browser, { title, url: `${site.origin}/recognition`, commentary: "Worth a read." });

  // The advocate shares; two visitors click; the feed shows the running challenge.
  const { context: advocate, page } = await newAdvocate(browser);
  await page.goto("/feed");
  await expect(
    page.getByTestId("feed-challenges").getByTestId("challenge").filter({ hasText: challenge }),
  ).toBeVisible();
  const shortLink = (await shareFromFeed(page, title, "X")).searchParams.get("url")!;
  for (const options of [{}, { userAgent: PHONE_UA }]) {
    const visitor = await browser.newContext(options);
    await (await visitor.newPage()).goto(shortLink);
    await visitor.close();
  }
  await expectMyScore(page, { countedClicks: 2, points: 5 });

  // Monday's run, with the clock moved to next week through the test-only hook (off in production).
  // Sent as the page would: Chorus takes changes only from its own origin.
  const ran = await page.request.post("/api/test/run-jobs", {
    data: { now: nextWeeksTuesday() },
    headers: { origin: baseURL! },
  });
  expect(ran.ok()).toBe(true);
  expect((await ran.json()).failed).toBe(0);

  await expect(async () => {
    await page.goto("/me");
    await expect(page.getByTestId("my-score-value")).toHaveText(/^[1-9]\d* \/ 100$/, { timeout: 1000 });
  }).toPass();
  const parts = page.getByTestId("my-score-parts");
  for (const part of ["Consistency", "Reach", "Resonance", "Amplification"]) await expect(parts).toContainText(part);
  await expect(page.getByTestId("score-part-consistency")).toContainText("1.9 / 25");
  await expect(page.getByTestId("my-score-advice")).toContainText("point");
  await expect(page.getByTestId("my-score-trend")).toBeVisible();
  await expect(page.getByTestId("my-badges").getByTestId("badge").filter({ hasText: "First share" })).toBeVisible();
  const mine = page.getByTestId("challenges").getByTestId("challenge").filter({ hasText: challenge });
  await expect(mine.getByTestId("challenge-progress")).toContainText("You: 2");

  // A leader sees the score distribution and median by team.
  const leader = await browser.newContext();
  const leaderPage = await leader.newPage();
  await signInViaOutbox(leaderPage, "leader@chorus.local");
  await leaderPage.goto("/dashboard");
  const distribution = leaderPage.getByTestId("team-score-distribution");
  await expect(distribution).toBeVisible();
  await distribution.getByText("Show the numbers").click();
  await expect(distribution.getByRole("rowheader", { name: "No team" })).toBeVisible();
  await expect(distribution.getByRole("rowheader", { name: "Sales" })).toBeVisible();
  await expect(leaderPage.getByTestId("social-capital-chart")).toBeVisible();

  for (const context of [curator, advocate, leader]) await context.close();
  await site.close();
});
