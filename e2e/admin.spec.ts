import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { signInViaOutbox, uniq } from "./support";

/** Searches the users list as an admin would, through its search form. */
async function searchPeople(page: Page, text: string): Promise<void> {
  const search = page.getByRole("search", { name: "Find people" });
  await search.getByLabel("Search").fill(text);
  await search.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin/users" && url.searchParams.get("q") === text);
}

test("an admin invites a person, who signs in from the mail, is made a curator and sees the Library, then is deactivated; the last admin keeps the role", async ({
  browser,
}) => {
  const email = `invitee-${uniq()}@chorus.local`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInViaOutbox(admin, "admin@chorus.local");
  await admin.goto("/admin/users");
  await admin.getByLabel("Email address").fill(email);
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  // Other specs add people all the time: the invitee may sit on a later page, so the message leads to them.
  await admin.getByRole("link", { name: "Show them in the list" }).click();
  await expect(admin).toHaveURL((url) => url.pathname === "/admin/users" && url.searchParams.get("q") === email);
  await expect(admin.getByTestId("user-total")).toHaveText("1 person match");
  const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId("user-status")).toHaveText("Invited");

  // The invitee opens the invitation in the outbox: one click signs them in.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const mail = invitee
    .getByTestId("outbox-message")
    .filter({ has: invitee.getByTestId("outbox-to").getByText(email, { exact: true }) })
    .filter({ hasText: "You are invited to Chorus" })
    .first();
  await expect(mail).toBeVisible();
  const href = await mail.getByRole("link").first().getAttribute("href");
  expect(href).toContain("/api/auth/callback/email");
  await invitee.goto(href!);
  await expect(invitee).toHaveURL(/\/feed$/);
  await expect(invitee.getByTestId("signed-in-as")).toHaveText(email);
  const nav = invitee.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Feed" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Library" })).toHaveCount(0);

  // The admin gives them the curator role.
  await admin.reload();
  await expect(row.getByTestId("user-status")).toHaveText("Active");
  await row.getByLabel(`Curator (${email})`).check();
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");

  await invitee.reload();
  await nav.getByRole("link", { name: "Library" }).click();
  await expect(invitee.getByRole("heading", { name: "Library" })).toBeVisible();

  // Deactivated: signed out at once.
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByTestId("user-status")).toHaveText("Deactivated");
  await invitee.goto("/feed");
  await expect(invitee).toHaveURL(/\/signin/);

  // The only admin cannot take away their own admin role: a field error, and nothing changes.
  await searchPeople(admin, "admin@chorus.local");
  const own = admin.locator('[data-testid="user-row"][data-email="admin@chorus.local"]');
  await own.getByLabel("Admin (admin@chorus.local)").uncheck();
  await own.getByRole("button", { name: "Save" }).click();
  await expect(own.getByText("The last admin keeps the admin role")).toBeVisible();
  await admin.reload();
  await expect(own.getByLabel("Admin (admin@chorus.local)")).toBeChecked();
  await adminContext.close();
  await inviteeContext.close();
});

test("an admin searches the users list, filters it and pages through it; junk in the URL reads as a message", async ({
  page,
}) => {
  await signInViaOutbox(page, "admin@chorus.local");
  // 51 people whose addresses share a prefix no other spec uses: one more than a page.
  const crowd = `crowd-${uniq()}`;
  const emails = Array.from({ length: 51 }, (_, i) => `${crowd}-${String(i).padStart(2, "0")}@chorus.local`);
  for (const email of emails) {
    // Sent as the page would: Chorus takes changes only from its own origin.
    const response = await page.request.post("/api/admin/invitations", {
      data: { email },
      headers: { origin: baseURL },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  await page.goto("/admin/users");
  await searchPeople(page, crowd);
  await expect(page.getByTestId("user-total")).toHaveText("51 people match");
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAttribute("data-email", emails[0]!);
  const pager = page.getByRole("navigation", { name: "Pages of people" });
  await expect(pager).toContainText("Page 1 of 2");
  await pager.getByRole("link", { name: "Next →" }).click();
  await expect(pager).toContainText("Page 2 of 2");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-email", emails[50]!);
  await expect(rows.first().getByTestId("user-status")).toHaveText("Invited");
  // The search is kept from page to page.
  await expect(page.getByRole("search", { name: "Find people" }).getByLabel("Search")).toHaveValue(crowd);
  await pager.getByRole("link", { name: "← Previous" }).click();
  await expect(rows).toHaveCount(50);

  // None of them has signed in yet: the Active filter finds nobody, Invited finds them all.
  const search = page.getByRole("search", { name: "Find people" });
  await search.getByLabel("Status").selectOption("Active");
  await search.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("user-total")).toHaveText("0 people match");
  await expect(page.getByText("No one matches. Try another search or filter.")).toBeVisible();
  await search.getByLabel("Status").selectOption("Invited");
  await search.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("user-total")).toHaveText("51 people match");

  // Bad page numbers and unknown filters are said plainly, never a server error.
  const response = await page.goto(`/admin/users?q=${crowd}&page=-3&role=boss`);
  expect(response?.status()).toBe(200);
  const problems = page.getByTestId("filter-problems");
  await expect(problems).toContainText("There is no page “-3”: pages are numbered from 1.");
  await expect(problems).toContainText("There is no role “boss”.");
  await expect(rows).toHaveCount(50);
  await page.goto(`/admin/users?q=${crowd}&page=9`);
  await expect(problems).toContainText("There is no page 9: this list has 2 pages.");
  await expect(
    page.getByRole("navigation", { name: "Pages of people" }).getByRole("link", { name: "← Previous" }),
  ).toHaveAttribute("href", /page=2/);
  for (const path of [
    "/review?page=abc",
    "/activity?page=0",
    "/library/hashtags?page=1e9",
    "/library/campaigns?page=-1",
    "/admin/audit?before=xyz",
    "/admin/notifications?status=lost",
    "/feed?order=loudest",
    "/library?status=lost",
    "/activity?post=abc",
    `/review?q=${"x".repeat(201)}`,
  ]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(200);
    await expect(page.getByTestId("filter-problems"), path).toBeVisible();
  }

  // On a phone the list still fits: the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/admin/users?q=${crowd}`);
  await expect(rows).toHaveCount(50);
  await expect(page.getByRole("navigation", { name: "Pages of people" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
