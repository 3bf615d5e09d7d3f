import { expect, test } from "@playwright/test";
import { newAdvocate } from "./support";

test("a user creates an API token, sees it once, uses it, revokes it, and it stops working", async ({
  browser,
  request,
}) => {
  const { context, page, email } = await newAdvocate(browser);
  // The Content-Security-Policy must not block anything Next.js needs.
  const violations: string[] = [];
  context.on(
    "console",
    (message) => void (/content security policy/i.test(message.text()) && violations.push(message.text())),
  );
  for (const path of ["/feed", "/activity", "/leaderboard", "/me"]) await page.goto(path);
  await page.goto("/feed");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  await page.getByLabel("Token name").fill("Weekly report");
  await page.getByLabel("Read-only").check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toContainText("it will not be shown again");
  const token = (await page.getByTestId("new-token-value").textContent())!.trim();
  expect(token).toMatch(/^chorus_pat_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("token-row").filter({ hasText: "Weekly report" });
  await expect(row).toContainText(token.slice(0, 15));
  await expect(row).toContainText("Read-only");
  await expect(row.getByTestId("token-status")).toHaveText("Active");
  // Dates are rewritten in the reader's locale after hydration: the page's scripts ran under the CSP.
  await expect(row.locator("time").first()).not.toHaveText(/^\d{4}-\d{2}-\d{2}$/);

  // Shown once: a fresh visit lists the token by its prefix only.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  // The API, with the token and no cookies (Playwright's own request context).
  const auth = { Authorization: `Bearer ${token}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email, roles: ["advocate"], token: { readOnly: true } });
  const posts = await request.get("/api/v1/posts?limit=5", { headers: auth });
  expect(posts.status()).toBe(200);
  expect(await posts.json()).toMatchObject({ items: expect.any(Array) });
  const write = await request.post("/api/v1/posts", {
    headers: auth,
    data: { title: "No", url: "https://example.com" },
  });
  expect(write.status()).toBe(403);
  expect(await request.get("/api/v1/me").then((r) => r.status())).toBe(401);

  await page.getByRole("button", { name: "Revoke Weekly report" }).click();
  await expect(row.getByTestId("token-status")).toHaveText("Revoked");
  const revoked = await request.get("/api/v1/me", { headers: auth });
  expect(revoked.status()).toBe(401);
  expect(await revoked.json()).toEqual({ error: { code: "unauthorized", message: "The token has been revoked." } });
  expect(violations).toEqual([]);
  await context.close();
});

test("pages carry the security headers, and the API documents itself", async ({ request }) => {
  const page = await request.get("/signin");
  const csp = page.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  // Scripts run by a fresh per-request nonce, never by 'unsafe-inline'; every script on the page carries it.
  const scriptSrc = csp.split("; ").find((directive) => directive.startsWith("script-src "))!;
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
  const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1]!;
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = (await request.get("/signin")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce);
  expect(page.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const openapi = await request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  expect(Object.keys(((await openapi.json()) as { paths: object }).paths)).toContain("/api/v1/posts");
});
