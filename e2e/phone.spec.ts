import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { PHONE_UA, STATE } from "./support";

// Every main screen at 360 px, for each role: WCAG 2.1 AA (axe) and no sideways scrolling. One test per screen.
test.use({ viewport: { width: 360, height: 780 }, userAgent: PHONE_UA, isMobile: true, hasTouch: true });

async function expectFitsPhone(page: Page, path: string) {
  await expectAccessible(page, path);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
}

const SCREENS: { role: keyof typeof STATE; paths: string[] }[] = [
  { role: "advocate", paths: ["/feed", "/leaderboard", "/me", "/activity", "/suggest"] },
  { role: "curator", paths: ["/library", "/library/new", "/library/inbox", "/library/challenges"] },
  { role: "approver", paths: ["/review", "/compliance"] },
  { role: "admin", paths: ["/dashboard", "/targets", "/admin/settings", "/admin/users", "/outcomes/quarters"] },
];

for (const { role, paths } of SCREENS) {
  test.describe(`${role} screens fit a 360 px phone`, () => {
    test.use({ storageState: STATE[role] });
    for (const path of paths) {
      test(path, async ({ page }) => expectFitsPhone(page, path));
    }
  });
}

test("signed-out screens fit a 360 px phone", async ({ page }) => {
  await expectFitsPhone(page, "/signin");
  await expectFitsPhone(page, "/how-points-work");
  await expectFitsPhone(page, "/offline");
});

test.describe("on a phone", () => {
  test.use({ storageState: STATE.admin });

  test("the menu holds every link the role may use, and takes you there", async ({ page }) => {
    await page.goto("/feed");
    const menu = page.getByTestId("phone-menu");
    await expect(menu.getByRole("link", { name: "Settings" })).toBeHidden();
    await menu.getByText("Menu", { exact: true }).click();
    await expect(menu.getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Settings" })).toBeVisible();
    await menu.getByRole("link", { name: "Leaderboard" }).click();
    await expect(page).toHaveURL(/\/leaderboard$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("Chorus installs: a manifest with icons, and a service worker that serves an offline page", async ({
    page,
    context,
  }) => {
    const manifest = await page.request.get("/manifest.webmanifest");
    expect(manifest.ok()).toBe(true);
    const body = (await manifest.json()) as { start_url: string; display: string; icons: { sizes: string }[] };
    expect(body).toMatchObject({ start_url: "/feed", display: "standalone" });
    expect(body.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of ["/icons/icon-192.png", "/icons/icon-512.png"]) {
      expect((await page.request.get(icon)).headers()["content-type"]).toBe("image/png");
    }

    await page.goto("/feed");
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
      .toBe("activated");
    // The worker controls the page once it is reloaded; offline, a page shows the offline page, never a
    // cached copy of a private one.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    await page.goto("/me");
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await context.setOffline(false);
    const cached = await page.evaluate(async () => {
      const keys = await Promise.all((await caches.keys()).map(async (name) => (await caches.open(name)).keys()));
      return keys.flat().map((request) => new URL(request.url).pathname);
    });
    expect(cached.sort()).toEqual(["/icons/icon-192.png", "/offline"]);
  });
});
