import { expect, type Page, test } from "@playwright/test";
import { newAdvocate, publishPost, shareIntent, uniq } from "./support";

/** Signs in as support.ts's signInViaOutbox does, reading the German page and the German mail. */
async function signInInGerman(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  // A field error from the shared validation rules, in German.
  await page.getByLabel("Geschäftliche E-Mail").fill("keine-adresse");
  await page.getByRole("button", { name: "Anmeldelink per E-Mail senden" }).click();
  await expect(page.getByText("Geben Sie Ihre geschäftliche E-Mail-Adresse ein")).toBeVisible();
  for (let attempt = 1; ; attempt++) {
    await page.goto("/signin");
    await page.getByLabel("Geschäftliche E-Mail").fill(email);
    await page.getByRole("button", { name: "Anmeldelink per E-Mail senden" }).click();
    await expect(page.getByRole("heading", { name: "Prüfen Sie Ihre E-Mails" })).toBeVisible();
    await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
    const mail = page
      .getByTestId("outbox-message")
      .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
      .filter({ hasText: "Ihr Chorus-Anmeldelink" })
      .first();
    await expect(mail).toContainText("Der Link funktioniert einmal, 24 Stunden lang.");
    const href = await mail.getByRole("link").first().getAttribute("href");
    expect(href).toContain("/api/auth/callback/email");
    await page.goto(href!);
    if (attempt < 3 && !/\/feed$/.test(page.url())) continue;
    await expect(page).toHaveURL(/\/feed$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText(email);
    return;
  }
}

test("a German browser gets Chorus in German, from the sign-in mail to a share, with German dates and numbers", async ({
  browser,
}) => {
  const title = `Sprachtest ${uniq()}`;
  await publishPost(browser, { title, url: "https://example.com/de", commentary: "Lesenswert", hashtags: "news" });

  const context = await browser.newContext({ locale: "de-DE", extraHTTPHeaders: { "Accept-Language": "de" } });
  const page = await context.newPage();
  const email = `adv-de-${uniq()}@chorus.local`;
  await signInInGerman(page, email);

  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByText("Freigegebene Beiträge zum Teilen.")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Hauptmenü" }).getByRole("link", { name: "Rangliste" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();

  const post = page.getByTestId("feed-post").filter({ hasText: title });
  // The publishing date as Germans write it (02.12.2026, 14:05), filled in by the browser after hydration.
  await expect(post.locator("time")).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
  await expect(post).toContainText("0× geteilt");

  // Numbers with German separators: a long caption counts "1.234 Zeichen".
  await post.getByRole("tab", { name: "LinkedIn" }).click();
  const caption = post.getByLabel("Ihr Begleittext");
  await caption.fill("a".repeat(1234));
  await expect(post.getByText("1.234 Zeichen")).toBeVisible();
  await caption.fill("Lesenswert, finde ich");
  await expect(post.getByText("21 Zeichen")).toBeVisible();

  const intent = await shareIntent(context, "www.linkedin.com", () =>
    post.getByRole("button", { name: "Auf LinkedIn teilen" }).click(),
  );
  // LinkedIn's share page gets the caption as written here, with the advocate's tracked link.
  const sharedText = intent.searchParams.get("text") ?? "";
  expect(sharedText).toContain("Lesenswert, finde ich");
  expect(sharedText).toMatch(/https?:\/\/\S+\/s\/\w+/);

  await page.goto("/feed");
  const shared = page.getByTestId("feed-post").filter({ hasText: title });
  await expect(shared.getByTestId("shared-badge")).toHaveText("Von Ihnen geteilt (LinkedIn)");
  await expect(shared.getByRole("link", { name: "1× geteilt" })).toBeVisible();

  // Report periods with German month names: "Dieser Monat (1.–2. Dez. 2026)".
  await page.goto("/leaderboard?period=month");
  await expect(page.getByRole("heading", { name: "Rangliste", level: 1 })).toBeVisible();
  await expect(page.getByTestId("board-scope")).toContainText(
    /Dieser Monat \([^)]*(Jan|Feb|März|Apr|Mai|Juni|Juli|Aug|Sept|Okt|Nov|Dez)\.? \d{4}\)/,
  );
  await expect(page.getByTestId("my-row").getByTestId("points")).toHaveText(/^\d+$/);
  await context.close();
});

test("an advocate who chooses French in the language setting sees French, whatever the browser says", async ({
  browser,
}) => {
  const { context, page } = await newAdvocate(browser);
  await page.goto("/me");
  await expect(page.getByRole("heading", { name: "My stats", level: 1 })).toBeVisible();
  const form = page.getByTestId("language-form");
  await form.getByLabel("Language").selectOption({ label: "Français" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("language-saved")).toHaveText("Langue enregistrée.");
  await expect(page.getByRole("heading", { name: "Mes statistiques", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  await page.goto("/feed");
  await expect(page.getByText("Des publications approuvées à partager.")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Classement" }),
  ).toBeVisible();

  // Back to the browser's language (Playwright's en-US): English again.
  await page.goto("/me");
  await form.getByLabel("Langue").selectOption({ label: "Langue du navigateur" });
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { name: "My stats", level: 1 })).toBeVisible();
  await context.close();
});
