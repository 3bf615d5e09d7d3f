import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { expectAccessible } from "./axe";
import { OUTCOMES_SITE_PORT, startLandingSite } from "./landing-site";
import { newAdvocate, PHONE_UA, publishPost, STATE, shareFromFeed, uniq } from "./support";

// The same test-only secret scripts/e2e-server.ts gives the server.
const WEBHOOK_SECRET = "e2e-webhook-secret";
const sign = (timestamp: string, body: string) =>
  `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest("hex")}`;

/** The admin makes a team of one: the dashboard's team filter then shows this journey's figures alone. */
async function teamOf(browser: Browser, email: string): Promise<string> {
  const team = `Closers ${uniq()}`;
  const admin = await browser.newContext({ storageState: STATE.admin });
  const page = await admin.newPage();
  await page.goto("/admin/teams");
  await page.getByLabel("New team").fill(team);
  await page.getByRole("button", { name: "Add team" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved ${team}.`);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await row.getByLabel(`Team (${email})`).selectOption({ label: team });
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");
  await admin.close();
  return team;
}

/** The leader sets the team's targets for the current quarter (the form's default) on /targets. */
async function setTargets(page: Page, team: string): Promise<void> {
  await page.goto("/targets");
  await page.getByLabel("Team").selectOption({ label: team });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2 })).toContainText(team);
  await page.getByLabel("Counted clicks").fill("1000000");
  await page.getByLabel("Leads", { exact: true }).fill("1");
  await page.getByLabel("Revenue", { exact: true }).fill("10000");
  await page.getByLabel("Revenue currency").fill("EUR");
  await page.getByRole("button", { name: "Save targets" }).click();
  await expect(page.getByRole("status")).toHaveText("Targets saved.");
}

/** A row of a table whose first cell names it (the charts' number tables head each row). */
const rowOf = (scope: Locator, name: string) =>
  scope.getByRole("row").filter({ has: scope.page().getByRole("rowheader", { name, exact: true }) });
const rowWith = (scope: Locator, text: string) => scope.getByTestId("row").filter({ hasText: text });

test("a visitor from an advocate's link becomes a lead on the company site and a won deal from the CRM: the leader sees funnel, revenue, targets and the advocate; the advocate sees it on My stats", async ({
  browser,
  baseURL,
}) => {
  // Six people in their own browsers and two sites, on a busy 2-core machine: a longer journey than most.
  test.setTimeout(600_000);
  const site = await startLandingSite(baseURL!, OUTCOMES_SITE_PORT);
  try {
    const title = `Outcomes journey ${uniq()}`;
    await publishPost(browser, { title, url: `${site.origin}/article`, commentary: "What we built" });
    const advocate = await newAdvocate(browser);
    const team = await teamOf(browser, advocate.email);
    const advocateName = advocate.email.split("@")[0]!;

    const leader = await browser.newContext({ storageState: STATE.leader });
    const leaderPage = await leader.newPage();
    await setTargets(leaderPage, team);

    const intent = await shareFromFeed(advocate.page, title, "X");
    const shortLink = intent.searchParams.get("url")!;
    const code = shortLink.split("/s/")[1]!;

    // The visitor arrives through the link, then later opens the contact page in another tab without the code in
    // the address: the first-party cookie /embed.js set on arrival fills the marked form's hidden field.
    const visitor = await browser.newContext({ userAgent: PHONE_UA });
    const arrival = await visitor.newPage();
    await arrival.goto(shortLink);
    await expect(arrival).toHaveURL(new RegExp(`^${site.origin}/article\\?.*utm_content=${code}`));
    await expect.poll(async () => (await visitor.cookies(site.origin)).map((c) => c.name)).toContain("chorus_ref");
    const deal = `deal-${uniq()}`;
    const contact = await visitor.newPage();
    await contact.goto(`${site.origin}/contact?submission=${deal}`);
    await expect(contact.locator('input[name="chorus_code"]')).toHaveValue(code);
    await contact.getByLabel("Company size").fill("250");
    await contact.getByRole("button", { name: "Request a demo" }).click();
    await expect(contact).toHaveURL(new RegExp(`/thanks\\?.*chorus_code=${code}`));

    // The embed script reported the lead: the advocate's My stats shows it.
    await expectMyConversions(advocate.page, { leads: "1", won: "0", revenue: "—" });

    // The CRM reports the same deal won, with its amount, over the signed server path.
    const body = JSON.stringify({
      type: "conversion",
      kind: "won",
      externalId: deal,
      amount: "12500",
      currency: "EUR",
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const won = await advocate.page.request.post("/api/events", {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-chorus-timestamp": timestamp,
        "x-chorus-signature": sign(timestamp, body),
      },
    });
    expect(won.status()).toBe(200);
    expect(await won.json()).toMatchObject({ recorded: true, attributed: true });

    await expectLeaderSees(leaderPage, { team, title, advocateName });
    await expectConversionsCsv(leaderPage, { deal, code, team, title, advocateName });
    // With outcomes to chart, the dashboard still passes axe and fits a 360 px phone without sideways scrolling.
    await leaderPage.setViewportSize({ width: 360, height: 780 });
    await expectAccessible(leaderPage, "/dashboard");
    await expect(leaderPage.getByTestId("outcomes-teams").getByRole("figure").first()).toBeVisible();
    expect(
      await leaderPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await expectMyConversions(advocate.page, { leads: "1", won: "1", revenue: "EUR 12,500" });

    for (const context of [advocate.context, leader, visitor]) await context.close();
  } finally {
    await site.close();
  }
});

/** The leader downloads every conversion of the team: the deal's lead from the embed script and its win from the CRM. */
async function expectConversionsCsv(
  page: Page,
  {
    deal,
    code,
    team,
    title,
    advocateName,
  }: { deal: string; code: string; team: string; title: string; advocateName: string },
) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-conversions").click()]);
  expect(download.suggestedFilename()).toMatch(/^chorus-conversions-.*\.csv$/);
  const [header, ...lines] = parse(await readFile((await download.path())!, "utf8"), { bom: true }) as string[][];
  const cells = (line: string[]) =>
    Object.fromEntries(
      header!.map((column, i) => [column, line[i]]).filter(([column]) => column !== "Id" && !column!.endsWith("(UTC)")),
    );
  const credited = { Attributed: "yes", Advocate: advocateName, Team: team, Resharer: "", Post: title, Network: "X" };
  expect(lines.map(cells)).toEqual([
    expect.objectContaining({
      Kind: "won",
      "External id": deal,
      Amount: "12500",
      Currency: "EUR",
      Code: "",
      Source: "server",
      ...credited,
    }),
    expect.objectContaining({
      Kind: "lead",
      "External id": deal,
      Amount: "",
      Currency: "",
      Code: code,
      Source: "browser",
      ...credited,
    }),
  ]);
}

/** The advocate's My stats, reloaded until its conversions match (the click and conversion writes are live). */
async function expectMyConversions(page: Page, expected: { leads: string; won: string; revenue: string }) {
  await expect(async () => {
    await page.goto("/me");
    const mine = page.getByTestId("my-conversions");
    await expect(mine.getByTestId("my-leads")).toContainText(expected.leads, { timeout: 1000 });
    await expect(mine.getByTestId("my-won")).toContainText(expected.won, { timeout: 1000 });
    await expect(mine.getByTestId("my-revenue")).toContainText(expected.revenue, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
}

/** The leader's dashboard for the team: the funnel, revenue by post and team, the targets' pace and the advocate. */
async function expectLeaderSees(
  page: Page,
  { team, title, advocateName }: { team: string; title: string; advocateName: string },
) {
  await page.goto("/dashboard");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Team").selectOption({ label: team });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("dashboard-scope")).toContainText(team);
  await expect(async () => {
    await page.reload();
    const funnel = page.getByTestId("funnel");
    await funnel.getByText("Show the numbers").click();
    for (const [step, count] of [
      ["Counted clicks", "1"],
      ["Leads", "1"],
      ["Opportunities", "1"],
      ["Won", "1"],
    ] as const)
      await expect(rowOf(funnel, step).getByRole("cell").first()).toHaveText(count, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });

  await expect(page.getByTestId("kpi-revenue")).toContainText("EUR 12,500");
  // Revenue by period: this quarter's last bucket is today's.
  const overTime = page.getByTestId("outcomes-over-time");
  await overTime.getByText("Show the numbers").click();
  await expect(overTime.getByRole("row").last().getByRole("cell")).toHaveText(["1", "1", "EUR 12,500"]);
  await expect(rowWith(page.getByTestId("outcomes-posts"), title)).toContainText("EUR 12,500");
  await expect(rowWith(page.getByTestId("outcomes-teams"), team)).toContainText("EUR 12,500");
  const credited = rowWith(page.getByTestId("outcomes-advocates"), advocateName);
  await expect(credited.getByRole("cell")).toHaveText([advocateName, "1", "1", "1", "EUR 12,500"]);

  // The breakdowns are charts too, beside their tables: the credited team's and post's bars carry their figures.
  for (const [section, name, noun] of [
    ["outcomes-teams", team, "team"],
    ["outcomes-posts", title, "post"],
  ] as const) {
    const breakdown = page.getByTestId(section);
    const counts = breakdown.getByRole("figure", { name: `Leads and won deals by ${noun}` });
    await expect(counts).toContainText(`${name}: 1 lead, 1 won deal.`);
    const revenue = breakdown.getByRole("figure", { name: `Revenue in EUR by ${noun}` });
    await expect(revenue).toContainText(`${name}: EUR 12,500.`);
    await expect(revenue.locator("svg").getByText("12,500", { exact: true })).toBeVisible();
  }

  // Leads and revenue reached their targets; a million counted clicks is behind any pace past the quarter's first seconds.
  const pace = (measure: string) =>
    page
      .getByTestId("targets")
      .getByTestId("target-row")
      .filter({ has: page.getByRole("cell", { name: measure, exact: true }) })
      .getByTestId("target-status");
  await expect(pace("Leads")).toHaveText("Achieved");
  await expect(pace("Revenue (EUR)")).toHaveText("Achieved");
  await expect(pace("Counted clicks")).toHaveText("Behind");
}
