import { expect, test } from "@playwright/test";
import { STATE } from "./support";

// What a newcomer sees after `npm run demo` (scripts/demo-seed.ts): a programme with a history, not an empty shell.
test.use({ storageState: STATE.advocate });

test("the feed shows each post as the networks will (image, site, title); some forty people are on the leaderboard", async ({
  page,
}) => {
  await page.goto("/feed");
  const post = page.getByTestId("feed-post").filter({ hasText: "Year in review: what our customers built" });
  const card = post.getByTestId("link-card");
  await expect(card).toHaveAttribute("href", "https://www.example.com/2026-in-review");
  await expect(card.getByTestId("link-card-site")).toHaveText("example.com");
  await expect(card.getByTestId("link-card-title")).toHaveText("Year in review: what our customers built");
  const image = card.getByTestId("link-card-image");
  await expect(image).toHaveAttribute("src", /^\/uploads\/[0-9a-f-]{36}\.webp$/);
  // Loaded and drawn, not a broken image.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
  // Every seeded post in view has its picture.
  const seeded = page.getByTestId("feed-post").filter({ has: page.getByTestId("link-card-image") });
  expect(await seeded.count()).toBeGreaterThanOrEqual(10);

  // The leaderboard: a full first page, some forty people ranked (the viewer's own row is marked apart).
  await page.goto("/leaderboard");
  await expect(page.getByTestId("leaderboard-row").or(page.getByTestId("my-row"))).toHaveCount(25);
  const ranked = (await page.getByText(/\d+ advocates ranked/).textContent())!;
  expect(Number(/(\d+) advocates ranked/.exec(ranked)![1])).toBeGreaterThanOrEqual(40);
});
