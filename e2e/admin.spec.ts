import { expect, test } from "@playwright/test";
import { signInViaOutbox, uniq } from "./support";

test("an admin invites a person, who signs in from the mail, is made a curator and sees the Library, then is deactivated; the last admin keeps the role", async ({ browser }) => {
  const email = `invitee-${uniq()}@chorus.local`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInViaOutbox(admin, "admin@chorus.local");
  await admin.goto("/admin/users");
  await admin.getByLabel("Email address").fill(email);
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId("user-status")).toHaveText("Invited");

  // The invitee opens the invitation in the outbox: one click signs them in.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto("/dev/outbox");
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
  const own = admin.locator('[data-testid="user-row"][data-email="admin@chorus.local"]');
  await own.getByLabel("Admin (admin@chorus.local)").uncheck();
  await own.getByRole("button", { name: "Save" }).click();
  await expect(own.getByText("The last admin keeps the admin role")).toBeVisible();
  await admin.reload();
  await expect(own.getByLabel("Admin (admin@chorus.local)")).toBeChecked();
  await adminContext.close();
  await inviteeContext.close();
});
