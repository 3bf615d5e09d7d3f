import { createHash } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { auditEvents, outboxMessages, sessions, settings, teams, users, verificationTokens } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { listTeamsWithMembers } from "@/lib/teams";
import { inviteUser } from "@/lib/invitations";
import { setUserActive, updateUser } from "@/lib/users";
import { makeSession, makeTeam, makeUser, withSettings, expectDomainError } from "@/tests/helpers";

// Routes see the signed-in user through currentUser(); the tests say who that is.
const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));

const { POST: invitePost } = await import("@/app/api/admin/invitations/route");
const { PATCH: userPatch } = await import("@/app/api/admin/users/[id]/route");
const { POST: teamPost } = await import("@/app/api/admin/teams/route");
const { PUT: integrationsPut } = await import("@/app/api/admin/integrations/route");
const { POST: rotatePost } = await import("@/app/api/admin/webhook-secret/route");

const ORIGIN = "https://chorus.test";
const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret";
});
afterEach(() => {
  signedIn.user = null;
});

const auditCount = async () => (await db.select({ n: count() }).from(auditEvents))[0]!.n;
const userByEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];
const admin = () => makeUser(["advocate", "admin"]);

describe("invitations", () => {
  test("an invite creates the account with its roles and team, audits it, and mails a working one-click sign-in link", async () => {
    const actor = await admin();
    const teamId = await makeTeam();
    const email = `new-${Date.now()}@example.com`;
    await inviteUser(actor.id, { email, name: "Nia New", roles: ["advocate", "curator"], teamId }, ORIGIN);

    const user = await userByEmail(email);
    expect(user).toMatchObject({
      name: "Nia New",
      roles: ["advocate", "curator"],
      teamId,
      active: true,
      emailVerified: null,
    });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.target, `user:${user!.id}`));
    expect(audit).toMatchObject({ actorId: actor.id, action: "user.invite" });

    const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.to, email));
    expect(mail!.subject).toBe("You are invited to Chorus");
    const link = new URL(mail!.text.match(/https:\/\/\S+/)![0]);
    expect(link.origin + link.pathname).toBe(`${ORIGIN}/api/auth/callback/email`);
    expect(link.searchParams.get("email")).toBe(email);
    expect(link.searchParams.get("callbackUrl")).toBe(`${ORIGIN}/feed`);
    // The stored token is the hash Auth.js's email callback looks up: sha256(token + AUTH_SECRET).
    const hash = createHash("sha256")
      .update(`${link.searchParams.get("token")}${process.env.AUTH_SECRET}`)
      .digest("hex");
    const [token] = await db
      .select()
      .from(verificationTokens)
      .where(and(eq(verificationTokens.identifier, email), eq(verificationTokens.token, hash)));
    expect(token!.expires.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  test("an address outside the allowed domains is refused with a field error, and nothing changes", async () => {
    const actor = await admin();
    await withSettings({ allowedDomains: ["example.com"] }, async () => {
      const before = await auditCount();
      const error = await expectDomainError(
        inviteUser(actor.id, { email: "x@elsewhere.org", name: null, roles: ["advocate"], teamId: null }, ORIGIN),
        "invalid",
      );
      expect(error.fields?.email?.[0]).toContain("example.com");
      expect(await userByEmail("x@elsewhere.org")).toBeUndefined();
      expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, "x@elsewhere.org"))).toEqual([]);
      expect(await auditCount()).toBe(before);
    });
  });

  test("an existing account cannot be invited again; an invited person who never signed in can", async () => {
    const actor = await admin();
    const member = await makeUser();
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, member.id));
    await expectDomainError(
      inviteUser(actor.id, { email: member.email, name: null, roles: ["advocate"], teamId: null }, ORIGIN),
      "conflict",
    );
    const email = `again-${Date.now()}@example.com`;
    await inviteUser(actor.id, { email, name: null, roles: ["advocate"], teamId: null }, ORIGIN);
    expect(await inviteUser(actor.id, { email, name: null, roles: ["advocate"], teamId: null }, ORIGIN)).toMatchObject({
      reinvited: true,
    });
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, email))).toHaveLength(2);
  });
});

describe("roles, teams and deactivation", () => {
  test("an admin changes a person's roles and team, audited with before and after", async () => {
    const actor = await admin();
    const person = await makeUser();
    const teamId = await makeTeam();
    expect(await updateUser(actor.id, person.id, { roles: ["advocate", "curator"], teamId })).toEqual({
      changed: true,
    });
    expect(await userByEmail(person.email)).toMatchObject({ roles: ["advocate", "curator"], teamId });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.target, `user:${person.id}`))
      .orderBy(desc(auditEvents.id));
    expect(audit!.details).toMatchObject({
      roles: { from: ["advocate"], to: ["advocate", "curator"] },
      teamId: { from: null, to: teamId },
    });
  });

  test("the last admin cannot remove their own admin role; with a second admin they can", async () => {
    await db
      .update(users)
      .set({ roles: ["advocate"] })
      .where(eq(users.active, true));
    const only = await admin();
    const before = await auditCount();
    const error = await expectDomainError(updateUser(only.id, only.id, { roles: ["advocate"] }), "conflict");
    expect(error.fields?.roles).toBeDefined();
    expect((await userByEmail(only.email))!.roles).toContain("admin");
    expect(await auditCount()).toBe(before);

    await admin();
    expect(await updateUser(only.id, only.id, { roles: ["advocate"] })).toEqual({ changed: true });
  });

  test("two admins demoting each other at once leave one admin", async () => {
    await db
      .update(users)
      .set({ roles: ["advocate"] })
      .where(eq(users.active, true));
    const a = await admin();
    const b = await admin();
    const results = await Promise.allSettled([
      updateUser(a.id, b.id, { roles: ["advocate"] }),
      updateUser(b.id, a.id, { roles: ["advocate"] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = (await db.select({ roles: users.roles }).from(users)).filter((u) => u.roles.includes("admin"));
    expect(admins).toHaveLength(1);
  });

  test("deactivating ends the person's sessions at once, keeps their history, and cannot sign in; reactivating lets them back", async () => {
    const actor = await admin();
    const person = await makeUser();
    await makeSession(person.id);
    expect(await setUserActive(actor.id, person.id, false)).toEqual({ changed: true });
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect((await userByEmail(person.email))!.active).toBe(false);
    const { maySignIn } = await import("@/lib/auth");
    expect(await maySignIn(person.email)).toBe(false);
    expect(await setUserActive(actor.id, person.id, true)).toEqual({ changed: true });
    expect(await maySignIn(person.email)).toBe(true);
    const actions = (
      await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.target, `user:${person.id}`))
    ).map((a) => a.action);
    expect(actions).toEqual(["user.deactivate", "user.reactivate"]);
  });

  test("the teams list counts each team's active members (an empty team shows 0)", async () => {
    const [busy, empty] = [await makeTeam(), await makeTeam()];
    await makeUser(["advocate"], busy);
    await makeUser(["advocate", "curator"], busy);
    const gone = await makeUser(["advocate"], busy);
    await db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const list = await listTeamsWithMembers();
    expect(list.find((t) => t.id === busy)).toMatchObject({ members: 2 });
    expect(list.find((t) => t.id === empty)).toMatchObject({ members: 0 });
  });

  test("an admin cannot deactivate themself", async () => {
    const actor = await admin();
    await expectDomainError(setUserActive(actor.id, actor.id, false), "conflict");
    expect((await userByEmail(actor.email))!.active).toBe(true);
  });
});

describe("admin routes", () => {
  test("an invite through the API: 201 and the account exists", async () => {
    signedIn.user = await admin();
    const email = `api-${Date.now()}@example.com`;
    const response = await invitePost(
      new Request(`${ORIGIN}/api/admin/invitations`, json({ email, roles: ["curator"] })),
      {},
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ email });
    expect((await userByEmail(email))!.roles).toEqual(["advocate", "curator"]);
  });

  test("an invite outside the allowed domains: 400 with a JSON field error, nothing changed", async () => {
    signedIn.user = await admin();
    await withSettings({ allowedDomains: ["example.com"] }, async () => {
      const before = await auditCount();
      const response = await invitePost(
        new Request(`${ORIGIN}/api/admin/invitations`, json({ email: "Someone@Outside.example" })),
        {},
      );
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("invalid");
      expect(body.error.fields.email[0]).toContain("example.com");
      expect(await userByEmail("someone@outside.example")).toBeUndefined();
      expect(await auditCount()).toBe(before);
    });
  });

  test("malformed bodies: 400 with a JSON error, nothing changed", async () => {
    signedIn.user = await admin();
    const person = await makeUser();
    const before = await auditCount();
    const cases: [Response, string][] = [
      [await invitePost(new Request(`${ORIGIN}/x`, json("{not json")), {}), "invalid"],
      [await invitePost(new Request(`${ORIGIN}/x`, json({ email: "not-an-address" })), {}), "invalid"],
      [await invitePost(new Request(`${ORIGIN}/x`, json({ email: "ok@example.com", roles: ["king"] })), {}), "invalid"],
      [
        await userPatch(
          new Request(`${ORIGIN}/x`, { ...json({ roles: "admin" }), method: "PATCH" }),
          params(person.id),
        ),
        "invalid",
      ],
      [await userPatch(new Request(`${ORIGIN}/x`, { ...json({}), method: "PATCH" }), params(person.id)), "invalid"],
      [
        await userPatch(
          new Request(`${ORIGIN}/x`, { ...json({ teamId: 999999 }), method: "PATCH" }),
          params(person.id),
        ),
        "invalid",
      ],
      [await teamPost(new Request(`${ORIGIN}/x`, json({ name: "  " })), {}), "invalid"],
      [
        await integrationsPut(
          new Request(`${ORIGIN}/x`, {
            ...json({ allowedDomains: ["not a domain"], embedOrigins: ["https://a.example/path"] }),
            method: "PUT",
          }),
          {},
        ),
        "invalid",
      ],
    ];
    for (const [response, code] of cases) {
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe(code);
    }
    expect(await userByEmail("ok@example.com")).toBeUndefined();
    expect((await userByEmail(person.email))!.roles).toEqual(["advocate"]);
    expect(await auditCount()).toBe(before);
  });

  test("non-admins get 403 from every admin route and nothing changes; signed-out callers 401", async () => {
    const person = await makeUser();
    const [before] = await db.select().from(settings);
    const auditBefore = await auditCount();
    for (const roles of [["advocate"], ["advocate", "curator", "approver", "leader"]] as const) {
      signedIn.user = await makeUser([...roles]);
      const responses = [
        await invitePost(new Request(`${ORIGIN}/x`, json({ email: "sneaky@example.com" })), {}),
        await userPatch(
          new Request(`${ORIGIN}/x`, { ...json({ roles: ["admin"] }), method: "PATCH" }),
          params(signedIn.user.id),
        ),
        await userPatch(new Request(`${ORIGIN}/x`, { ...json({ active: false }), method: "PATCH" }), params(person.id)),
        await teamPost(new Request(`${ORIGIN}/x`, json({ name: "Sneaky team" })), {}),
        await integrationsPut(
          new Request(`${ORIGIN}/x`, {
            ...json({ allowedDomains: ["evil.example"], embedOrigins: [] }),
            method: "PUT",
          }),
          {},
        ),
        await rotatePost(new Request(`${ORIGIN}/x`, { method: "POST" }), {}),
      ];
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({
          error: { code: "forbidden", message: "You are not allowed to do this." },
        });
      }
    }
    signedIn.user = null;
    expect((await teamPost(new Request(`${ORIGIN}/x`, json({ name: "Anon team" })), {})).status).toBe(401);
    expect(await userByEmail("sneaky@example.com")).toBeUndefined();
    expect((await userByEmail(person.email))!.active).toBe(true);
    expect(await db.select().from(teams).where(eq(teams.name, "Sneaky team"))).toEqual([]);
    expect((await db.select().from(settings))[0]).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
  });

  test("removing the last admin through the API: 409 with a JSON error, nothing changed", async () => {
    await db
      .update(users)
      .set({ roles: ["advocate"] })
      .where(eq(users.active, true));
    const only = await admin();
    signedIn.user = only;
    const demote = await userPatch(
      new Request(`${ORIGIN}/x`, { ...json({ roles: ["advocate"] }), method: "PATCH" }),
      params(only.id),
    );
    expect(demote.status).toBe(409);
    expect((await demote.json()).error.code).toBe("conflict");
    const deactivate = await userPatch(
      new Request(`${ORIGIN}/x`, { ...json({ active: false }), method: "PATCH" }),
      params(only.id),
    );
    expect(deactivate.status).toBe(409);
    expect(await userByEmail(only.email)).toMatchObject({ active: true, roles: ["advocate", "admin"] });
  });

  test("teams and integrations through the API are saved and audited", async () => {
    signedIn.user = await admin();
    const created = await teamPost(new Request(`${ORIGIN}/x`, json({ name: `Nordics ${Date.now()}` })), {});
    expect(created.status).toBe(201);
    const duplicate = await teamPost(
      new Request(`${ORIGIN}/x`, json({ name: (await created.clone().json()).name.toUpperCase() })),
      {},
    );
    expect(duplicate.status).toBe(409);
    await withSettings({ allowedDomains: [] }, async () => {
      const saved = await integrationsPut(
        new Request(`${ORIGIN}/x`, {
          ...json({
            allowedDomains: ["Example.com", "@corp.example"],
            embedOrigins: ["https://www.example.com/"],
            slackWebhookUrl: "https://hooks.slack.test/T1",
          }),
          method: "PUT",
        }),
        {},
      );
      expect(saved.status).toBe(200);
      const [row] = await db.select().from(settings);
      expect(row).toMatchObject({
        allowedDomains: ["example.com", "corp.example"],
        embedOrigins: ["https://www.example.com"],
        slackWebhookUrl: "https://hooks.slack.test/T1",
      });
      const { embedOrigins } = await import("@/lib/embed");
      expect(await embedOrigins()).toContain("https://www.example.com");
      const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "integrations.update"));
      expect(audit!.details).toMatchObject({
        allowedDomains: { to: ["example.com", "corp.example"] },
        slackWebhookUrl: { set: true },
      });
      expect(JSON.stringify(audit!.details)).not.toContain("hooks.slack.test");
    });
  });

  test("a Slack or Teams webhook on a loopback or private address is refused with a field error, and nothing is saved", async () => {
    signedIn.user = await admin();
    const put = (body: Record<string, string>) =>
      integrationsPut(
        new Request(`${ORIGIN}/x`, { ...json({ allowedDomains: [], embedOrigins: [], ...body }), method: "PUT" }),
        {},
      );
    const before = await db.select().from(settings);
    const auditsBefore = await auditCount();
    for (const [slack, teams] of [
      ["http://127.0.0.1:9/hook", "http://10.1.2.3/hook"],
      ["http://localhost:8080/hook", "https://192.168.1.20/hook"],
      ["http://[::1]/hook", "http://169.254.169.254/latest/meta-data"],
      ["http://[::ffff:127.0.0.1]/hook", "http://[fd00::1]/hook"],
    ]) {
      const refused = await put({ slackWebhookUrl: slack!, teamsWebhookUrl: teams! });
      expect(refused.status).toBe(400);
      const { error } = await refused.json();
      expect(Object.keys(error.fields).sort()).toEqual(["slackWebhookUrl", "teamsWebhookUrl"]);
      expect(error.fields.slackWebhookUrl[0]).toMatch(/private or local network/);
    }
    expect(await db.select().from(settings)).toEqual(before);
    expect(await auditCount()).toBe(auditsBefore);

    // A public address (here one that does not resolve offline) is kept; an intranet install may allow private ones.
    await withSettings({ slackWebhookUrl: null }, async () => {
      expect((await put({ slackWebhookUrl: "https://hooks.slack.test/T2" })).status).toBe(200);
      vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1");
      try {
        expect((await put({ slackWebhookUrl: "http://127.0.0.1:9/hook" })).status).toBe(200);
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });
});
