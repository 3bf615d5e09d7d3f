import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { STATE } from "./support";

// One test per screen: axe over many screens in one test ran past any sensible timeout on a busy machine.

/** The href of the first link matched on a list page, so a test can open a screen whose id it does not know. */
async function hrefOn(page: Page, listPath: string, find: (page: Page) => ReturnType<Page["getByRole"]>) {
  await page.goto(listPath);
  const href = await find(page).getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

test.describe("signed-out screens meet WCAG 2.1 AA", () => {
  for (const path of ["/signin", "/how-points-work", "/s/doesNotExist1"]) {
    test(path, async ({ page }) => expectAccessible(page, path));
  }
});

test.describe("curator screens meet WCAG 2.1 AA", () => {
  test.use({ storageState: STATE.curator });
  const paths = [
    "/feed",
    "/activity",
    "/leaderboard",
    "/leaderboard?view=teams",
    "/me",
    "/library",
    "/library/new",
    "/library/hashtags",
    "/library/campaigns",
    "/library/import",
    "/settings/tokens",
  ];
  for (const path of paths) {
    test(path, async ({ page }) => expectAccessible(page, path));
  }

  test("a post's page and its edit form", async ({ page }) => {
    const post = await hrefOn(page, "/library", (p) => p.getByTestId("library-row").first().getByRole("link").first());
    expect(post).toMatch(/^\/library\/\d+$/);
    await expectAccessible(page, post);
    await expectAccessible(page, `${post}/edit`);
  });

  test("a campaign's page", async ({ page }) => {
    const campaign = await hrefOn(page, "/library/campaigns", (p) =>
      p.getByRole("link", { name: "Cloud Summit 2026" }),
    );
    await expectAccessible(page, campaign);
  });
});

test.describe("approver screens meet WCAG 2.1 AA", () => {
  test.use({ storageState: STATE.approver });
  test("/review", async ({ page }) => expectAccessible(page, "/review"));
});

test.describe("leader and admin screens meet WCAG 2.1 AA", () => {
  test.use({ storageState: STATE.admin });
  const paths = [
    "/dashboard",
    "/admin/users",
    "/admin/teams",
    "/admin/integrations",
    "/admin/notifications",
    "/admin/settings",
    "/admin/audit",
  ];
  for (const path of paths) {
    test(path, async ({ page }) => expectAccessible(page, path));
  }
});
