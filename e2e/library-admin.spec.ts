import { expect, test } from "@playwright/test";
import { STATE, uniq } from "./support";

test.use({ storageState: STATE.curator });

function csvFile(lines: string[]) {
  return { name: "posts.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) };
}

test("a CSV with one bad row imports nothing and names the line; the fixed file imports as drafts", async ({
  page,
}) => {
  const id = uniq();
  const header = "title,url,commentary,hashtags,campaign,teams,publish_at";
  const good = [
    `Imported one ${id},https://example.com/one,First,#Cloud,cloud-summit-2026,,2026-05-01T09:00:00Z`,
    `"<b>Imported bold ${id}</b>",https://example.com/bold,"<script>alert(1)</script>",news,,Sales;Engineering,`,
  ];
  const bad = `Imported broken ${id},not a link,,cloud,,,`;

  await page.goto("/library/import");
  await expect(page.getByRole("navigation", { name: "Library" }).getByRole("link", { name: "Import" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.getByLabel("CSV file").setInputFiles(csvFile([header, good[0]!, bad, good[1]!]));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /Preview: 3 posts in the file/ })).toBeVisible();
  await expect(page.getByTestId("import-errors")).toHaveText("Line 3, url: Enter a full http:// or https:// link");
  await expect(page.getByTestId("import-row").filter({ hasText: `Imported broken ${id}` })).toContainText("1 problem");
  await expect(page.getByRole("button", { name: /^Import \d+ posts?$/ })).toHaveCount(0);
  await page.goto("/library?status=draft");
  await expect(page.getByRole("heading", { name: "Library" })).toBeVisible();
  await expect(page.getByTestId("library-row").filter({ hasText: id })).toHaveCount(0);

  await page.goto("/library/import");
  await page
    .getByLabel("CSV file")
    .setInputFiles(csvFile([header, good[0]!, `Imported fixed ${id},https://example.com/fixed,,cloud,,,`, good[1]!]));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-row")).toHaveCount(3);
  await expect(page.getByTestId("import-errors")).toHaveCount(0);
  await page.getByRole("button", { name: "Import 3 posts" }).click();
  await expect(page.getByRole("status")).toContainText("Imported 3 posts as drafts.");

  await page.goto("/library?status=draft");
  for (const title of [`Imported one ${id}`, `Imported fixed ${id}`, `<b>Imported bold ${id}</b>`]) {
    await expect(page.getByTestId("library-row").filter({ hasText: title })).toContainText("Draft");
  }
  // The markup is shown as text, never rendered.
  await expect(page.locator("b", { hasText: `Imported bold ${id}` })).toHaveCount(0);
});

test("a curator adds a hashtag (a differently-cased duplicate is refused) and creates a campaign", async ({ page }) => {
  const id = uniq();
  await page.goto("/library/hashtags");
  await page.getByLabel("Hashtag", { exact: true }).fill(`#Launch${id.toUpperCase()}`);
  await page.getByLabel("Description", { exact: true }).fill("<i>Launch week</i>");
  await page.getByRole("button", { name: "Add hashtag" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added #launch${id}.`);
  const row = page.getByTestId("hashtag-row").filter({ hasText: `#launch${id}` });
  await expect(row).toContainText("<i>Launch week</i>");
  await expect(row.getByTestId("hashtag-usage")).toHaveText("0");
  await expect(row).toContainText("Active");

  await page.getByLabel("Hashtag", { exact: true }).fill(`launch${id}`);
  await page.getByRole("button", { name: "Add hashtag" }).click();
  await expect(page.getByText(`#launch${id} is already in the list`)).toBeVisible();
  await expect(page.getByLabel("Hashtag", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("hashtag-row").filter({ hasText: `#launch${id}` })).toHaveCount(1);

  await row.getByRole("button", { name: `Retire #launch${id}` }).click();
  await expect(row).toContainText("Retired");

  await page.getByRole("link", { name: "Campaigns" }).click();
  await expect(page.getByRole("heading", { name: "Campaigns" })).toBeVisible();
  await page.getByLabel("Name").fill(`Autumn Push ${id}`);
  await expect(page.getByLabel("Slug")).toHaveValue(`autumn-push-${id}`);
  await page.getByLabel("Starts on").fill("2026-09-30");
  await page.getByLabel("Ends on").fill("2026-09-01");
  await page.getByLabel("Click goal").fill("500");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByText("The campaign must end after it starts")).toBeVisible();
  await expect(page.getByLabel("Ends on")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Ends on").fill("2026-11-30");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/library\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { name: `Autumn Push ${id}` })).toBeVisible();
  await expect(page.getByTestId("campaign-slug")).toHaveText(`autumn-push-${id}`);
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByTestId("campaign-progress")).toHaveText("0 of 500 counted clicks (0%)");

  // The seeded campaign shows its posts and their counted clicks from the rollup.
  await page.goto("/library/campaigns");
  await page.getByRole("link", { name: "Cloud Summit 2026" }).click();
  await expect(page.getByTestId("campaign-post").first()).toBeVisible();
  await expect(page.getByTestId("campaign-progress")).toContainText("of 2,500 counted clicks");
});
