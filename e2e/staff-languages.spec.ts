import { expect, test } from "@playwright/test";
import { STATE } from "./support";

// Staff screens follow the browser's language when the person has not chosen one (README "Languages").
test.describe("staff screens in German", () => {
  test.use({ storageState: STATE.admin, locale: "de-DE" });

  test("the dashboard and the review queue show German headings", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard für die Leitung" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Überblick" })).toBeVisible();
    await page.goto("/review");
    await expect(page.getByRole("heading", { level: 1, name: "Freigabe" })).toBeVisible();
    await expect(page.getByTestId("review-total")).toContainText(/warte(t|n)/);
  });
});
