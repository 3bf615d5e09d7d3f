import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { STATE, uniq } from "./support";

// The e2e server runs with APP_URL = baseURL (scripts/e2e-server.ts): every link Chorus hands out must start
// there, whatever a request says about its host, and only its own pages may change anything.
const FOREIGN_HOSTS: Record<string, string>[] = [
  { host: "evil.example" },
  { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
];

/** The link in the newest mail of this subject to this address, read from the outbox as a developer would. */
async function mailedLink(page: Page, email: string, subject: string): Promise<string> {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const mail = page
    .getByTestId("outbox-message")
    .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
    .filter({ hasText: subject })
    .first();
  return (await mail.getByRole("link").first().getAttribute("href"))!;
}

/** Asks Auth.js for a sign-in link straight through its route, with whatever headers a client likes. */
async function askForSignInLink(request: APIRequestContext, email: string, headers: Record<string, string> = {}) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/signin/email", {
    form: { email, csrfToken, callbackUrl: "/feed" },
    headers,
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBe(302);
}

test("sign-in and invitation mails carry APP_URL's origin whatever Host or X-Forwarded-Host say", async ({
  browser,
  request,
}) => {
  const admin = await browser.newContext({ storageState: STATE.admin });
  const outbox = await admin.newPage();
  for (const headers of FOREIGN_HOSTS) {
    const email = `forged-host-${uniq()}@chorus.local`;
    await askForSignInLink(request, email, headers);
    const signInLink = await mailedLink(outbox, email, "Your Chorus sign-in link");
    expect(signInLink.startsWith(`${baseURL}/api/auth/callback/email?`), signInLink).toBe(true);
    expect(new URL(signInLink).searchParams.get("callbackUrl")).toBe(`${baseURL}/feed`);

    const invitee = `forged-invite-${uniq()}@chorus.local`;
    const invited = await admin.request.post("/api/admin/invitations", {
      data: { email: invitee },
      headers: { origin: baseURL, ...headers },
    });
    expect(invited.status(), await invited.text()).toBe(201);
    const invitation = await mailedLink(outbox, invitee, "You are invited to Chorus");
    expect(invitation.startsWith(`${baseURL}/api/auth/callback/email?`), invitation).toBe(true);
  }

  // The link works: it signs the person in on APP_URL.
  const email = `forged-host-${uniq()}@chorus.local`;
  await askForSignInLink(request, email, FOREIGN_HOSTS[1]);
  const person = await browser.newPage();
  await person.goto(await mailedLink(outbox, email, "Your Chorus sign-in link"));
  await expect(person).toHaveURL(`${baseURL}/feed`);
  await expect(person.getByTestId("signed-in-as")).toHaveText(email);
  await person.close();
  await admin.close();
});

test("a sign-in link's callbackUrl leads only to a page of Chorus: anything else lands on /feed, never a 500", async ({
  page,
  request,
}) => {
  const cases: [string, string][] = [
    ["javascript:alert(document.cookie)", "/feed"],
    ["https://evil.example/phish", "/feed"],
    ["//evil.example/phish", "/feed"],
    ["evil.example", "/feed"],
    ["/leaderboard?period=week", "/leaderboard?period=week"],
  ];
  for (const [callbackUrl, landing] of cases) {
    const email = `callback-${uniq()}@chorus.local`;
    await askForSignInLink(request, email);
    const link = new URL(await mailedLink(page, email, "Your Chorus sign-in link"));
    link.searchParams.set("callbackUrl", callbackUrl);
    const response = await request.get(link.href, { maxRedirects: 0 });
    expect(response.status(), `${callbackUrl}: ${await response.text()}`).toBe(302);
    expect(response.headers().location, callbackUrl).toBe(`${baseURL}${landing}`);
  }
  // Auth.js's own pages too.
  const signin = await request.get("/api/auth/signin?callbackUrl=javascript:alert(1)", { maxRedirects: 0 });
  expect(signin.status()).toBeLessThan(500);
});

test("another site cannot change anything with an admin's cookie; Chorus's own pages still can", async ({
  browser,
}) => {
  const admin = await browser.newContext({ storageState: STATE.admin });
  const findPerson = async (email: string) =>
    ((await (await admin.request.get(`/api/admin/users?q=${encodeURIComponent(email)}`)).json()) as { total: number })
      .total;

  // A form on a sibling origin posts JSON as text/plain (no CORS preflight), with the admin's cookie.
  const victim = `csrf-${uniq()}@chorus.local`;
  const body = JSON.stringify({ email: victim, roles: ["advocate", "admin"] });
  const siblingOrigin = baseURL.replace("localhost", "evil.localhost");
  for (const headers of [
    { origin: siblingOrigin } as Record<string, string>,
    { origin: "null" },
    { referer: "https://evil.example/page.html" },
    {}, // neither Origin nor Referer
  ]) {
    const forged = await admin.request.post("/api/admin/invitations", {
      data: body,
      headers: { "content-type": "text/plain", ...headers },
    });
    expect(forged.status(), JSON.stringify(headers)).toBe(403);
    expect((await forged.json()).error.code).toBe("forbidden");
  }
  expect(await findPerson(victim)).toBe(0);

  // A server action replayed from another origin: refused with a 4xx, and nothing changes.
  const page = await admin.newPage();
  await page.goto("/admin/users");
  const target = `csrf-action-${uniq()}@chorus.local`;
  const statuses: number[] = [];
  await page.route("**/admin/users", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch({ headers: { ...route.request().headers(), origin: "https://evil.example" } });
    statuses.push(response.status());
    await route.fulfill({ response });
  });
  await page.getByLabel("Email address").fill(target);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect.poll(() => statuses).toHaveLength(1);
  expect(statuses[0]).toBe(403);
  expect(await findPerson(target)).toBe(0);

  // The same action from Chorus's own page goes through.
  await page.unrouteAll();
  await page.reload();
  await page.getByLabel("Email address").fill(target);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${target}` })).toBeVisible();
  expect(await findPerson(target)).toBe(1);
  const sameOrigin = await admin.request.post("/api/admin/invitations", {
    data: { email: victim },
    headers: { origin: baseURL },
  });
  expect(sameOrigin.status()).toBe(201);
  expect(await findPerson(victim)).toBe(1);
  await admin.close();
});
