import { expect, test } from "@playwright/test";
import { reviewQueueFor, shareIntent, signInViaOutbox, STATE, uniq } from "./support";

test("a curator adds a French variant; a French advocate sees and shares it, an English one the post as written", async ({
  browser,
}) => {
  const id = uniq();
  const title = `Office opening ${id}`;
  const frenchTitle = `Ouverture du bureau ${id}`;

  // The curator writes the post in English with a French variant, through the form.
  const curator = await browser.newContext({ storageState: STATE.curator });
  const page = await curator.newPage();
  await page.goto("/library/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Link to share").fill(`https://example.com/office-${id}`);
  await page.getByLabel("Suggested commentary").fill("Come and see our new office");
  await expect(page.getByLabel("Written in")).toHaveValue("en");
  await page.getByRole("button", { name: "Add Français" }).click();
  const french = page.getByRole("group", { name: "Français variant" });
  await french.getByLabel("Français commentary").fill("Venez voir notre nouveau bureau");
  // A variant without its title is refused, on its own field, and nothing is saved.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(french.getByText("Give the post a title")).toBeVisible();
  await expect(page).toHaveURL(/\/library\/new$/);
  await french.getByLabel("Français title").fill(frenchTitle);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/library\/\d+\?saved=1$/);
  const postUrl = page.url().split("?")[0]!;
  await expect(page.getByTestId("post-languages")).toHaveText("English, with Français. Missing: Deutsch, Español.");

  // The library says which languages the post still lacks.
  await page.goto(`/library?q=${encodeURIComponent(title)}`);
  const row = page.getByTestId("library-row").filter({ hasText: title });
  await expect(row.getByTestId("missing-languages")).toHaveText("Missing: Deutsch, Español");
  await page.goto(`/library?q=${encodeURIComponent(title)}&lacking=fr`);
  await expect(page.getByTestId("library-row").filter({ hasText: title })).toHaveCount(0);

  // The edit form shows the saved variant.
  await page.goto(`${postUrl}/edit`);
  await expect(page.getByLabel("Français title")).toHaveValue(frenchTitle);
  await curator.close();

  const approver = await browser.newContext({ storageState: STATE.approver });
  const review = await approver.newPage();
  await review.goto(reviewQueueFor(title));
  await review.getByTestId("review-post").filter({ hasText: title }).getByRole("button", { name: "Approve" }).click();
  await expect(review.getByTestId("review-post").filter({ hasText: title })).toHaveCount(0);
  await approver.close();

  // An advocate who chooses French on My stats (their browser is English) reads the French variant and shares its text.
  const frenchContext = await browser.newContext({ locale: "en-US" });
  const frenchPage = await frenchContext.newPage();
  await signInViaOutbox(frenchPage, `adv-fr-${id}@chorus.local`);
  await frenchPage.goto("/me");
  const language = frenchPage.getByTestId("language-form");
  await language.getByLabel("Language").selectOption({ label: "Français" });
  await language.getByRole("button", { name: "Save" }).click();
  await expect(frenchPage.getByTestId("language-saved")).toHaveText("Langue enregistrée.");
  await frenchPage.goto("/feed");
  const frenchPost = frenchPage.getByTestId("feed-post").filter({ hasText: frenchTitle });
  await expect(frenchPost.getByRole("heading", { level: 2 })).toHaveText(frenchTitle);
  await expect(frenchPost.getByRole("textbox")).toHaveValue(/^Venez voir notre nouveau bureau/);
  await frenchPost.getByRole("tab", { name: "X" }).click();
  const intent = await shareIntent(frenchContext, "x.com", () =>
    frenchPost.getByRole("button", { name: "Partager sur X" }).click(),
  );
  expect(intent.searchParams.get("text")).toContain("Venez voir notre nouveau bureau");
  await expect(frenchPage.getByTestId("feed-post").filter({ hasText: title })).toHaveCount(0);
  await frenchContext.close();

  // An English browser reads the post as written.
  const englishContext = await browser.newContext({ locale: "en-US" });
  const englishPage = await englishContext.newPage();
  await signInViaOutbox(englishPage, `adv-en-${id}@chorus.local`);
  await englishPage.goto("/feed");
  const englishPost = englishPage.getByTestId("feed-post").filter({ hasText: title });
  await expect(englishPost.getByRole("heading", { level: 2 })).toHaveText(title);
  await expect(englishPost.getByRole("textbox")).toHaveValue(/^Come and see our new office/);
  await expect(englishPage.getByTestId("feed-post").filter({ hasText: frenchTitle })).toHaveCount(0);
  await englishContext.close();
});
