import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { makeSession, makeUser } from "@/tests/helpers";

// The request's cookies, as Next would hand them to a page.
const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { value: request.cookies.get(name) } : undefined),
  }),
}));
const { currentUser } = await import("@/lib/auth");

const DAY = 86_400_000;
const signIn = (token: string, name = "authjs.session-token") => request.cookies.set(name, token);
const expiresOf = async (token: string) =>
  (await db.select({ expires: sessions.expires }).from(sessions).where(eq(sessions.sessionToken, token)))[0]?.expires;

describe("currentUser: the signed-in person from the session cookie", () => {
  const appUrl = process.env.APP_URL;
  afterEach(() => {
    request.cookies.clear();
    if (appUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = appUrl;
  });

  test("a valid session gives its user with their current roles and team; no cookie or an unknown token gives nobody", async () => {
    const user = await makeUser(["advocate", "leader"]);
    expect(await currentUser()).toBeNull();
    signIn("no-such-session-token-000000");
    expect(await currentUser()).toBeNull();
    signIn(await makeSession(user.id));
    expect(await currentUser()).toEqual(user);
    await db
      .update(users)
      .set({ roles: ["advocate"] })
      .where(eq(users.id, user.id));
    expect(await currentUser()).toEqual({ ...user, roles: ["advocate"] });
  });

  test("a deactivated person is signed out at once", async () => {
    const user = await makeUser();
    signIn(await makeSession(user.id));
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await currentUser()).toBeNull();
  });

  test("an expired session gives nobody and is deleted", async () => {
    const user = await makeUser();
    const token = await makeSession(user.id, new Date(Date.now() - 1000));
    signIn(token);
    expect(await currentUser()).toBeNull();
    expect(await expiresOf(token)).toBeUndefined();
  });

  test("the expiry slides to 30 days once the session is a day old, not before", async () => {
    const user = await makeUser();
    const fresh = new Date(Date.now() + 30 * DAY - 60_000);
    const token = await makeSession(user.id, fresh);
    signIn(token);
    expect(await currentUser()).toEqual(user);
    expect((await expiresOf(token))?.valueOf()).toBe(fresh.valueOf());

    const dayOld = new Date(Date.now() + 29 * DAY - 60_000);
    await db.update(sessions).set({ expires: dayOld }).where(eq(sessions.sessionToken, token));
    const before = Date.now();
    expect(await currentUser()).toEqual(user);
    expect((await expiresOf(token))!.valueOf()).toBeGreaterThanOrEqual(before + 30 * DAY);
  });

  test("on https the cookie is Auth.js's __Secure- one, and only that one", async () => {
    const user = await makeUser();
    const token = await makeSession(user.id);
    process.env.APP_URL = "https://chorus.test";
    signIn(token);
    expect(await currentUser()).toBeNull();
    signIn(token, "__Secure-authjs.session-token");
    expect(await currentUser()).toEqual(user);
  });
});
