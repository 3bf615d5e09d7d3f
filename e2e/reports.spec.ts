import { readFile } from "node:fs/promises";
import {
  request as playwrightRequest,
  expect,
  test,
  type APIRequestContext,
  type Locator,
  type Page,
} from "@playwright/test";
import { parse } from "csv-parse/sync";
import { baseURL } from "../playwright.config";
import { signInViaOutbox, uniq } from "./support";
import { LEADERBOARD_CSV_HEADER } from "@/tests/fixtures/leaderboard-csv";

// The admin test changes the cost per click, which the dashboard test reads: one worker, in order.
test.describe.configure({ mode: "serial" });

/** Signs someone in over HTTP alone (as the sign-in form does), for a crowd of colleagues that no one watches. */
async function signInByRequest(email: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const asked = await context.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/feed" } });
  expect(asked.ok(), `sign-in request for ${email}`).toBe(true);
  const outbox = await (await context.get(`/dev/outbox?to=${encodeURIComponent(email)}`)).text();
  const link = [...outbox.matchAll(/href="([^"]*\/api\/auth\/callback\/email[^"]*)"/g)]
    .map((m) => m[1]!.replaceAll("&amp;", "&"))
    .find((href) => href.includes(`email=${encodeURIComponent(email)}`));
  expect(link, `sign-in mail for ${email}`).toBeTruthy();
  expect((await context.get(link!)).ok()).toBe(true);
  return context;
}

async function share(context: APIRequestContext, postId: string, network: string): Promise<void> {
  const response = await context.post("/api/share", {
    data: { postId: Number(postId), network },
    // Sent as the share dialog sends it: from Chorus's own origin (cross-site changes are refused).
    headers: { accept: "application/json", origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** The cells of a table's body as a person reads them (thousands separators dropped). */
async function tableRows(table: Locator): Promise<string[][]> {
  return (
    await table
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll("td")].map((cell) => (cell.textContent ?? "").trim())),
      )
  ).map((row) => row.map((cell) => (/^[\d,.]+%?$/.test(cell) ? cell.replace(/,/g, "") : cell)));
}

async function downloadCsv(page: Page, section: Locator): Promise<{ filename: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("export-csv").click()]);
  const text = await readFile((await download.path())!, "utf8");
  return { filename: download.suggestedFilename(), rows: parse(text, { bom: true }) as string[][] };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("a leader filters the dashboard by team and period and downloads CSVs whose rows match the screen", async ({
  page,
}) => {
  await signInViaOutbox(page, "leader@chorus.local");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Leadership dashboard" })).toBeVisible();

  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Team").selectOption({ label: "Engineering" });
  await filters.getByLabel("Period").selectOption({ label: "Date range" });
  await filters.getByLabel("From").fill(daysAgo(60));
  await filters.getByLabel("To").fill(daysAgo(0));
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/period=custom/);
  await expect(page).toHaveURL(/team=\d+/);
  await expect(page.getByTestId("dashboard-scope")).toContainText("Engineering");
  await expect(page.getByTestId("dashboard-scope")).toContainText(`${Number(daysAgo(60).slice(8))} `);
  await expect(filters.getByLabel("Team")).toHaveValue(/\d+/);

  // Top posts: the table is the CSV's first rows, in the same order (the screen shows the top 10, the CSV every post).
  const topPosts = page.getByTestId("top-posts");
  const onScreen = await tableRows(topPosts.locator("table"));
  expect(onScreen.length).toBeGreaterThan(0);
  const posts = await downloadCsv(page, topPosts);
  expect(posts.filename).toMatch(/^chorus-top-posts-.*Engineering\.csv$/);
  expect(posts.rows[0]).toEqual(["Post", "Campaign", "Advocates who shared", "Shares", "Counted clicks", "Reshares"]);
  expect(posts.rows.length - 1).toBeGreaterThanOrEqual(onScreen.length);
  expect(posts.rows.slice(1, 1 + onScreen.length).map((row) => row.map((cell) => cell || "—"))).toEqual(onScreen);

  // The summary's numbers are the cards' numbers.
  const summary = await downloadCsv(page, page.getByTestId("summary"));
  const measures = Object.fromEntries(summary.rows.slice(1));
  for (const [testId, measure] of [
    ["kpi-counted-clicks", "Counted clicks"],
    ["kpi-shares", "Shares"],
    ["kpi-reshares", "Reshares"],
    ["kpi-participation", "Participation"],
    ["kpi-active-advocates", "Active advocates"],
  ] as const) {
    expect((await page.getByTestId(`${testId}-value`).textContent())!.replace(/,/g, "")).toBe(measures[measure]);
  }
  expect(Number(measures["Active advocates"])).toBeGreaterThanOrEqual(2);

  // The team's leaderboard, same filters: screen and CSV agree, and only Engineering is on it.
  await page.goto(new URL(page.url()).search.replace(/^/, "/leaderboard"));
  const board = page.locator("table").first();
  const boardRows = await tableRows(board);
  expect(boardRows.length).toBeGreaterThan(0);
  for (const row of boardRows) expect(row[2]).toBe("Engineering");
  const csv = await downloadCsv(page, page.locator("main"));
  // A leader sees the Influenced column (the admin's default: leaders only), on the screen and in the CSV.
  expect(csv.rows[0]).toEqual(LEADERBOARD_CSV_HEADER);
  // An empty cell (no team, no weekly score yet) is "—" on the screen and empty in the CSV.
  const asCsv = (cell: string) => (cell === "—" ? "" : cell.replace(" (you)", ""));
  expect(csv.rows.slice(1)).toEqual(boardRows.map((row) => row.map(asCsv)));
});

test("an advocate sees their own row: unranked at first, then pinned below a full page of colleagues", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const email = `pinned-${uniq()}@chorus.local`;
  await signInViaOutbox(page, email);

  // Not ranked yet: the row is there, with a dash for a rank.
  await page.goto("/leaderboard");
  const mine = page.getByTestId("my-row");
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId("rank")).toHaveText("—");
  await expect(page.getByTestId("not-ranked")).toBeVisible();

  // A full page of colleagues, each with one LinkedIn share (1 point).
  const postId = await page.request
    .get("/feed")
    .then((r) => r.text())
    .then((html) => html.match(/name="postId" value="(\d+)"/)?.[1]);
  expect(postId).toBeTruthy();
  const crowd = uniq();
  await Promise.all(
    Array.from({ length: 26 }, async (_, i) => {
      const colleague = await signInByRequest(`crowd-${crowd}-${i}@chorus.local`);
      await share(colleague, postId!, "linkedin");
      await colleague.dispose();
    }),
  );
  // My own share goes to Facebook, which earns no share points: I rank below all of them.
  await share(page.request, postId!, "facebook");

  await page.goto("/leaderboard");
  await expect(page.getByTestId("leaderboard-row")).toHaveCount(25);
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("(you)");
  await expect(mine.getByTestId("points")).toHaveText("0");
  await expect(mine.getByTestId("shares")).toHaveText("1");
  const rank = Number(await mine.getByTestId("rank").textContent());
  expect(rank).toBeGreaterThan(25);
  // Pinned: the last row of the table, after the page's 25.
  await expect(page.locator("tbody tr").last()).toHaveAttribute("data-testid", "my-row");
  await expect(page.getByTestId("not-ranked")).toHaveCount(0);

  // Other specs' advocates score in parallel and can only push a 0-point row further down, never up.
  const rankNow = async () => Number(await mine.getByTestId("rank").textContent());

  // On my own page the row sits in its place, once.
  await page.goto(`/leaderboard?page=${Math.ceil(rank / 25)}`);
  await expect(mine).toHaveCount(1);
  expect(await rankNow()).toBeGreaterThanOrEqual(rank);

  // Hiding my name keeps my rank; the board calls me "Anonymous advocate".
  await page.goto("/me");
  await page.getByLabel("Hide my name on the leaderboard").check();
  await page.getByRole("region", { name: "Privacy" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("privacy-saved")).toHaveText("Your name is hidden on the leaderboard.");
  await page.goto("/leaderboard");
  await expect(mine.getByTestId("advocate")).toHaveText("Anonymous advocate(you)");
  expect(await rankNow()).toBeGreaterThanOrEqual(rank);
});

test("an advocate is refused the dashboard, the exports and the settings", async ({ page }) => {
  await signInViaOutbox(page, `adv-${uniq()}@chorus.local`);
  for (const path of ["/dashboard", "/admin/settings"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  for (const table of ["leaderboard", "posts", "summary", "nope"]) {
    const response = await page.request.get(`/api/export/${table}?period=all`);
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "You are not allowed to do this." } });
  }
  // My stats are the advocate's own.
  await page.goto("/me");
  await expect(page.getByRole("heading", { name: "My stats" })).toBeVisible();
});

test("bad filters get a clear message, never an error page", async ({ page }) => {
  await signInViaOutbox(page, "leader@chorus.local");
  const response = await page.goto("/dashboard?period=custom&from=2026-05-01&to=2026-01-01&team=999999");
  expect(response?.status()).toBe(200);
  const problems = page.getByTestId("filter-problems");
  await expect(problems).toContainText("The start date is after the end date");
  await expect(problems).toContainText("There is no team with id 999999. Showing all teams.");

  await page.goto("/leaderboard?page=-2&period=decade");
  await expect(page.getByTestId("filter-problems")).toContainText("pages are numbered from 1");
  await expect(page.getByTestId("filter-problems")).toContainText(
    "Choose this week, this month, this quarter, all time or a date range",
  );

  const inverted = await page.request.get("/api/export/posts?period=custom&from=2026-05-01&to=2026-01-01");
  expect(inverted.status()).toBe(400);
  expect(await inverted.json()).toMatchObject({
    error: { code: "invalid", message: "The start date is after the end date" },
  });
  const unknownTeam = await page.request.get("/api/export/leaderboard?team=abc");
  expect(unknownTeam.status()).toBe(400);
  expect((await page.request.get("/api/export/nope")).status()).toBe(404);
});

test("an admin sets the cost per click; a bad amount is refused with a field error", async ({ page }) => {
  await signInViaOutbox(page, "admin@chorus.local");
  await page.goto("/admin/settings");
  const cost = page.getByLabel("Cost per click");
  const before = await cost.inputValue();

  await cost.fill("1.505");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter an amount such as 1.50 (at most two decimals)")).toBeVisible();
  await expect(cost).toHaveValue("1.505");

  await cost.fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("settings-saved")).toHaveText("Saved: cost per click.");
  await expect(cost).toHaveValue("2.00");
  await page.goto("/dashboard?period=all");
  await expect(page.getByTestId("kpi-emv")).toContainText("× 2.00 per click");

  await page.goto("/admin/settings");
  await page.getByLabel("Cost per click").fill(before);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("settings-saved")).toBeVisible();
});
