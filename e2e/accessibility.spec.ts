import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInViaOutbox, STATE } from "./support";

// WCAG 2.1 A and AA rules (labels, names, contrast, landmarks, ARIA) checked by axe-core on every main screen.
async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(summary, path).toEqual([]);
}

test("signed-out screens meet WCAG 2.1 AA", async ({ page }) => {
  for (const path of ["/signin", "/how-points-work", "/s/doesNotExist1"]) await expectAccessible(page, path);
});

test.describe("curator screens", () => {
  test.use({ storageState: STATE.curator });
  test("meet WCAG 2.1 AA", async ({ page }) => {
    for (const path of ["/feed", "/activity", "/leaderboard", "/leaderboard?view=teams", "/me", "/library", "/library/new", "/library/hashtags", "/library/campaigns", "/library/import", "/settings/tokens"]) await expectAccessible(page, path);
    // A post's own page and its edit form, and a campaign's page.
    await page.goto("/library");
    const post = await page.getByTestId("library-row").first().getByRole("link").first().getAttribute("href");
    expect(post).toMatch(/^\/library\/\d+$/);
    await expectAccessible(page, post!);
    await expectAccessible(page, `${post}/edit`);
    await page.goto("/library/campaigns");
    await expectAccessible(page, (await page.getByRole("link", { name: "Cloud Summit 2026" }).getAttribute("href"))!);
  });
});

test.describe("approver screens", () => {
  test.use({ storageState: STATE.approver });
  test("meet WCAG 2.1 AA", async ({ page }) => {
    await expectAccessible(page, "/review");
  });
});

test("leader and admin screens meet WCAG 2.1 AA", async ({ page }) => {
  await signInViaOutbox(page, "admin@chorus.local");
  for (const path of ["/dashboard", "/admin/users", "/admin/teams", "/admin/integrations", "/admin/notifications", "/admin/settings", "/admin/audit"]) await expectAccessible(page, path);
});
