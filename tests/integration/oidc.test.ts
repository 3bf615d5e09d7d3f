import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { accounts, sessions, users } from "@/db/schema";
import { makeUser, withSettings } from "@/tests/helpers";

// A real OIDC provider (the `oidc-provider` library) on a local port; Chorus's Auth.js route handlers talk to it
// over HTTP for discovery, the token exchange and the keys. Any login name is accepted: it becomes the email.
const CHORUS = "http://chorus.test";
let issuer: string;
let server: Server;
let handlers: typeof import("@/lib/auth").handlers;

beforeAll(async () => {
  // Auth.js builds its callback URLs from APP_URL, as in a deployment.
  process.env.APP_URL = CHORUS;
  const provider = new Provider("http://127.0.0.1", {
    clients: [
      {
        client_id: "chorus",
        client_secret: "chorus-secret",
        redirect_uris: [`${CHORUS}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true, name: `SSO ${id.split("@")[0]}` }),
      };
    },
    // Like Okta, Entra ID and Google: the ID token itself carries the email (Auth.js reads the ID token, not userinfo).
    conformIdTokenClaims: false,
    pkce: { required: () => false },
    features: { devInteractions: { enabled: true } },
  });
  server = provider.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The issuer must name the port the provider really listens on.
  (provider as unknown as { issuer: string }).issuer = issuer;
  Object.assign(process.env, {
    AUTH_SECRET: process.env.AUTH_SECRET ?? "test-auth-secret",
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: "chorus",
    OIDC_CLIENT_SECRET: "chorus-secret",
    OIDC_NAME: "Test IdP",
  });
  ({ handlers } = await import("@/lib/auth"));
});

afterAll(async () => {
  for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"]) delete process.env[name];
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Cookies per host, enough for a redirect dance. */
class Jar {
  private cookies = new Map<string, Map<string, string>>();
  store(url: string, response: Response) {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
    this.cookies.set(host, jar);
  }
  header(url: string): string {
    return [...(this.cookies.get(new URL(url).host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  }
}

async function chorus(
  jar: Jar,
  url: string,
  init: { method?: string; body?: URLSearchParams } = {},
): Promise<Response> {
  const headers = new Headers({ cookie: jar.header(url) });
  if (init.body) headers.set("content-type", "application/x-www-form-urlencoded");
  const request = new NextRequest(url, { method: init.method ?? "GET", headers, body: init.body?.toString() });
  const response = await (request.method === "POST" ? handlers.POST : handlers.GET)(request);
  jar.store(url, response);
  return response;
}

async function idp(jar: Jar, url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
  const response = await fetch(url, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { cookie: jar.header(url) },
    redirect: "manual",
  });
  jar.store(url, response);
  return response;
}

/** Signs in through the IdP as `email` and returns where Chorus sends the browser at the end. */
async function ssoSignIn(email: string): Promise<{ location: string; jar: Jar }> {
  const jar = new Jar();
  const { csrfToken } = (await (await chorus(jar, `${CHORUS}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await chorus(jar, `${CHORUS}/api/auth/signin/oidc`, {
    method: "POST",
    body: new URLSearchParams({ csrfToken, callbackUrl: `${CHORUS}/feed` }),
  });
  let location = start.headers.get("location")!;
  expect(location.startsWith(`${issuer}/`)).toBe(true);
  // Follow the IdP: its login form, then its consent form, until it redirects back to Chorus.
  for (let step = 0; step < 12 && !location.startsWith(CHORUS); step++) {
    const url = new URL(location, issuer).href;
    let response = await idp(jar, url);
    if (response.status === 200) {
      const html = await response.text();
      const action = new URL(/action="([^"]+)"/.exec(html)![1]!, issuer).href;
      const form = html.includes('name="login"')
        ? new URLSearchParams({ prompt: "login", login: email, password: "any" })
        : new URLSearchParams({ prompt: "consent" });
      response = await idp(jar, action, { method: "POST", body: form });
    }
    location = new URL(response.headers.get("location")!, issuer).href;
  }
  const done = await chorus(jar, location);
  return { location: done.headers.get("location") ?? "", jar };
}

describe("OIDC single sign-on", () => {
  test("a new person from an allowed domain signs in through the IdP and joins as an advocate", async () => {
    await withSettings({ allowedDomains: ["sso.example"] }, async () => {
      const email = `new-${Date.now()}@sso.example`;
      const { location, jar } = await ssoSignIn(email);
      expect(location).toBe(`${CHORUS}/feed`);
      const [user] = await db.select().from(users).where(eq(users.email, email));
      expect(user).toMatchObject({ roles: ["advocate"], active: true });
      expect(
        await db.select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, user!.id)),
      ).toEqual([{ provider: "oidc" }]);
      const [session] = await db.select().from(sessions).where(eq(sessions.userId, user!.id));
      expect(jar.header(CHORUS)).toContain(session!.sessionToken);
    });
  });

  test("an invited (existing) person outside the allowed domains signs in, linked to their account", async () => {
    const member = await makeUser(["advocate", "curator"]);
    const { location } = await ssoSignIn(member.email);
    expect(location).toBe(`${CHORUS}/feed`);
    expect(await db.select({ id: sessions.userId }).from(sessions).where(eq(sessions.userId, member.id))).toHaveLength(
      1,
    );
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, member.email))).toHaveLength(1);
  });

  test("a deactivated person is refused, and no session is made", async () => {
    const member = await makeUser();
    await db.update(users).set({ active: false }).where(eq(users.id, member.id));
    const { location } = await ssoSignIn(member.email);
    expect(location).toContain("/signin/error?error=AccessDenied");
    expect(await db.select().from(sessions).where(eq(sessions.userId, member.id))).toEqual([]);
  });

  test("an unknown address outside the allowed domains is refused and no account is made", async () => {
    const email = `stranger-${Date.now()}@elsewhere.example`;
    const { location } = await ssoSignIn(email);
    expect(location).toContain("/signin/error?error=AccessDenied");
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });
});
