import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { db, rows } from "@/db/client";
import { accounts, auditEvents, campaigns, hashtags, jobs, shares, users } from "@/db/schema";
import { auditActions, listAuditEvents } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth";
import { CAMPAIGNS_PAGE_SIZE, listCampaigns } from "@/lib/campaigns";
import { ensureHashtags, HASHTAGS_PAGE_SIZE, listHashtags, setHashtagRetired } from "@/lib/hashtags";
import { enqueueJob, listRecentJobs } from "@/lib/jobs";
import { recordShare } from "@/lib/links";
import { listReviewQueue, REVIEW_PAGE_SIZE, transitionPost } from "@/lib/posts";
import { ACTIVITY_PAGE_SIZE, listColleagueShares } from "@/lib/reshares";
import { listUsers, USERS_PAGE_SIZE } from "@/lib/users";
import { makeDraftPost, makeLivePost, makeSharedLink, makeTeam, makeUser, ORIGIN } from "@/tests/helpers";

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
const { GET: usersGet } = await import("@/app/api/admin/users/route");
const { GET: jobsGet } = await import("@/app/api/admin/jobs/route");

afterEach(() => {
  signedIn.user = null;
});

const tag = () => randomBytes(4).toString("hex");
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** Zero-padded, so email order is creation order. */
const nth = (i: number) => String(i).padStart(3, "0");

/** People whose emails and names share a fresh prefix, so a search finds exactly them. */
async function makePeople(prefix: string, n: number, extra: Partial<typeof users.$inferInsert> = {}) {
  return db
    .insert(users)
    .values(
      range(n).map((i) => ({ email: `${prefix}-${nth(i)}@people.test`, name: `Person ${prefix} ${nth(i)}`, ...extra })),
    )
    .returning({ id: users.id, email: users.email });
}

describe("admin users list", () => {
  test("50 to a page, ordered by email, with the total; a page past the end is empty, never an error", async () => {
    const prefix = `page${tag()}`;
    const people = await makePeople(prefix, USERS_PAGE_SIZE + 3);
    const first = await listUsers({ q: prefix, page: 1 });
    expect(first.total).toBe(USERS_PAGE_SIZE + 3);
    expect(first.items.map((p) => p.email)).toEqual(people.slice(0, USERS_PAGE_SIZE).map((p) => p.email));
    const second = await listUsers({ q: prefix, page: 2 });
    expect(second).toMatchObject({ total: USERS_PAGE_SIZE + 3 });
    expect(second.items.map((p) => p.email)).toEqual(people.slice(USERS_PAGE_SIZE).map((p) => p.email));
    expect(await listUsers({ q: prefix, page: 3 })).toEqual({ items: [], total: USERS_PAGE_SIZE + 3 });
    expect(await listUsers({ q: prefix, page: 100_000 })).toEqual({ items: [], total: USERS_PAGE_SIZE + 3 });
  });

  test("the rows carry what the screen needs and nothing more", async () => {
    const prefix = `cols${tag()}`;
    const teamId = await makeTeam();
    await makePeople(prefix, 1, { teamId, roles: ["advocate", "curator"] });
    const { items } = await listUsers({ q: prefix, page: 1 });
    expect(Object.keys(items[0]!).sort()).toEqual([
      "active",
      "createdAt",
      "email",
      "id",
      "name",
      "roles",
      "signedIn",
      "team",
      "teamId",
    ]);
    expect(items[0]).toMatchObject({ roles: ["advocate", "curator"], teamId, active: true, signedIn: false });
  });

  test("search finds people by part of their name or email, in any case; % and _ are plain characters", async () => {
    const prefix = `find${tag()}`;
    await db.insert(users).values([
      { email: `${prefix}-ada@people.test`, name: "Ada Lovelace" },
      { email: `${prefix}-grace@people.test`, name: `Grace ${prefix.toUpperCase()} Hopper` },
      { email: `${prefix}_x@people.test`, name: null },
    ]);
    const emails = async (q: string) => (await listUsers({ q, page: 1 })).items.map((p) => p.email);
    expect(await emails(prefix.toUpperCase())).toEqual([
      `${prefix}-ada@people.test`,
      `${prefix}-grace@people.test`,
      `${prefix}_x@people.test`,
    ]);
    expect(await emails(`${prefix}-ADA`)).toEqual([`${prefix}-ada@people.test`]);
    expect(await emails(`grace ${prefix}`)).toEqual([`${prefix}-grace@people.test`]);
    // "_" would match any one character in LIKE: here it matches only itself.
    expect(await emails(`${prefix}_`)).toEqual([`${prefix}_x@people.test`]);
    expect(await emails(`${prefix}%`)).toEqual([]);
    expect((await listUsers({ q: `nobody-${tag()}`, page: 1 })).total).toBe(0);
  });

  test("filters by role and by status (active, invited, deactivated), alone or with a search", async () => {
    const prefix = `filt${tag()}`;
    const [invited, verified, viaSso, gone, curator] = await db
      .insert(users)
      .values([
        { email: `${prefix}-1-invited@people.test` },
        { email: `${prefix}-2-verified@people.test`, emailVerified: new Date() },
        { email: `${prefix}-3-sso@people.test` },
        { email: `${prefix}-4-gone@people.test`, emailVerified: new Date(), active: false },
        { email: `${prefix}-5-curator@people.test`, roles: ["advocate", "curator"], emailVerified: new Date() },
      ])
      .returning({ id: users.id, email: users.email });
    await db
      .insert(accounts)
      .values({ userId: viaSso!.id, type: "oidc", provider: "oidc", providerAccountId: `sub-${prefix}` });

    const emails = async (query: Parameters<typeof listUsers>[0]) => {
      const { items, total } = await listUsers(query);
      expect(total).toBe(items.length);
      return items.map((p) => p.email);
    };
    expect(await emails({ q: prefix, status: "invited", page: 1 })).toEqual([invited!.email]);
    expect(await emails({ q: prefix, status: "active", page: 1 })).toEqual([
      verified!.email,
      viaSso!.email,
      curator!.email,
    ]);
    expect(await emails({ q: prefix, status: "deactivated", page: 1 })).toEqual([gone!.email]);
    expect(await emails({ q: prefix, role: "curator", page: 1 })).toEqual([curator!.email]);
    expect(await emails({ q: prefix, role: "curator", status: "invited", page: 1 })).toEqual([]);
    expect(await emails({ q: prefix, role: "advocate", page: 1 })).toHaveLength(5);

    // Without a search the filter still counts everyone who fits, here and elsewhere in the database.
    const admins = await listUsers({ role: "admin", page: 1 });
    const [allAdmins] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`'admin' = any(${users.roles})`);
    expect(admins.total).toBe(allAdmins!.n);
  });

  test("GET /api/admin/users pages and filters like the page, refuses bad parameters with 400 and non-admins with 403", async () => {
    const prefix = `api${tag()}`;
    await makePeople(prefix, 3);
    const get = (query: string) => usersGet(new Request(`https://chorus.test/api/admin/users?${query}`), undefined);

    signedIn.user = await makeUser(["advocate", "curator"]);
    expect((await get(`q=${prefix}`)).status).toBe(403);

    signedIn.user = await makeUser(["advocate", "admin"]);
    const ok = await get(`q=${prefix}&status=invited&page=1`);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: USERS_PAGE_SIZE });
    expect(body.users.map((u: { email: string }) => u.email)).toEqual(
      range(3).map((i) => `${prefix}-${nth(i)}@people.test`),
    );
    expect(JSON.stringify(body)).not.toMatch(/token|hash/i);

    for (const bad of [
      "page=-1",
      "page=0",
      "page=abc",
      "page=1e9",
      "role=boss",
      "status=sleeping",
      `q=${"x".repeat(201)}`,
    ]) {
      const response = await get(bad);
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error.code).toBe("invalid");
    }
  });
});

describe("review queue", () => {
  test("oldest first, 20 to a page, with how many wait in all; approving one takes it off", async () => {
    const before = (await listReviewQueue({ page: 1 })).total;
    expect(before).toBe(0);
    const curator = await makeUser(["advocate", "curator"]);
    const approver = await makeUser(["advocate", "approver"]);
    const ids: number[] = [];
    for (const i of range(REVIEW_PAGE_SIZE + 1)) {
      const { postId } = await makeDraftPost({ title: `Waiting ${nth(i)}` }, curator);
      await transitionPost(curator, postId, "submit");
      ids.push(postId);
    }
    // A draft and a live post are not waiting.
    await makeDraftPost();
    await makeLivePost();

    const first = await listReviewQueue({ page: 1 });
    expect(first.total).toBe(REVIEW_PAGE_SIZE + 1);
    expect(first.items.map((p) => p.id)).toEqual(ids.slice(0, REVIEW_PAGE_SIZE));
    expect(first.items[0]).toMatchObject({ title: "Waiting 000", authorId: curator.id, hashtags: ["news"] });
    const second = await listReviewQueue({ page: 2 });
    expect(second.items.map((p) => p.id)).toEqual([ids[REVIEW_PAGE_SIZE]]);
    expect(await listReviewQueue({ page: 3 })).toEqual({ items: [], total: REVIEW_PAGE_SIZE + 1 });

    // Searched by title, any case, % taken literally; the total counts the matches.
    expect(await listReviewQueue({ page: 1, q: "waiting 01" })).toMatchObject({
      total: 10,
      items: expect.arrayContaining([expect.objectContaining({ title: "Waiting 010" })]),
    });
    expect((await listReviewQueue({ page: 1, q: `Waiting ${nth(REVIEW_PAGE_SIZE)}` })).items.map((p) => p.id)).toEqual([
      ids[REVIEW_PAGE_SIZE],
    ]);
    expect(await listReviewQueue({ page: 1, q: "%" })).toEqual({ items: [], total: 0 });

    await transitionPost(approver, ids[0]!, "approve");
    const after = await listReviewQueue({ page: 1 });
    expect(after.total).toBe(REVIEW_PAGE_SIZE);
    expect(after.items.map((p) => p.id)).toEqual(ids.slice(1));
  });
});

describe("hashtags and campaigns", () => {
  test("hashtags: 50 to a page, active before retired, searched by tag (with or without #) or description, usage per tag", async () => {
    const prefix = `ht${tag()}`;
    const tags = range(HASHTAGS_PAGE_SIZE + 2).map((i) => `${prefix}${nth(i)}`);
    await ensureHashtags(tags);
    const [retired] = await db.select({ id: hashtags.id }).from(hashtags).where(eq(hashtags.tag, tags[0]!));
    await setHashtagRetired(retired!.id, true);
    const author = await makeUser(["advocate", "curator"]);
    await makeDraftPost({ hashtags: [tags[1]!] }, author);
    await makeDraftPost({ hashtags: [tags[1]!] }, author);

    const first = await listHashtags({ q: `#${prefix.toUpperCase()}`, page: 1 });
    expect(first.total).toBe(HASHTAGS_PAGE_SIZE + 2);
    expect(first.items.map((t) => t.tag)).toEqual(tags.slice(1, HASHTAGS_PAGE_SIZE + 1));
    expect(first.items[0]).toMatchObject({ tag: tags[1], usage: 2, retiredAt: null });
    expect(first.items[1]!.usage).toBe(0);
    const second = await listHashtags({ q: prefix, page: 2 });
    expect(second.items.map((t) => t.tag)).toEqual([tags[HASHTAGS_PAGE_SIZE + 1], tags[0]]);
    expect(second.items.at(-1)!.retiredAt).not.toBeNull();
    expect((await listHashtags({ q: prefix, page: 4 })).items).toEqual([]);

    await db
      .update(hashtags)
      .set({ description: `About ${prefix} launches` })
      .where(eq(hashtags.tag, tags[5]!));
    expect((await listHashtags({ q: `${prefix} launch`, page: 1 })).items.map((t) => t.tag)).toEqual([tags[5]]);
    const everything = await listHashtags({ page: 1 });
    expect(everything.total).toBeGreaterThanOrEqual(HASHTAGS_PAGE_SIZE + 2);
    expect(everything.items).toHaveLength(HASHTAGS_PAGE_SIZE);
  });

  test("campaigns: 20 to a page, running before ended, searched by name or slug, with their progress", async () => {
    const prefix = `cmp${tag()}`;
    const made = await db
      .insert(campaigns)
      .values(
        range(CAMPAIGNS_PAGE_SIZE + 1).map((i) => ({
          name: `${prefix} ${nth(i)}`,
          slug: `${prefix}-${nth(i)}`,
          startsOn: "2026-01-01",
          clickGoal: 10,
        })),
      )
      .returning({ id: campaigns.id, name: campaigns.name });
    await db
      .update(campaigns)
      .set({ endsOn: "2020-01-31", startsOn: "2020-01-01" })
      .where(eq(campaigns.id, made[0]!.id));

    const first = await listCampaigns({ q: prefix.toUpperCase(), page: 1 });
    expect(first.total).toBe(CAMPAIGNS_PAGE_SIZE + 1);
    expect(first.items.map((c) => c.name)).toEqual(made.slice(1).map((c) => c.name));
    expect(first.items[0]).toMatchObject({
      posts: 0,
      countedClicks: 0,
      progress: { countedClicks: 0, clickGoal: 10, percent: 0 },
    });
    const second = await listCampaigns({ q: prefix, page: 2 });
    expect(second.items.map((c) => c.name)).toEqual([made[0]!.name]);
    expect((await listCampaigns({ q: `${prefix}-${nth(7)}`, page: 1 })).items.map((c) => c.name)).toEqual([
      `${prefix} ${nth(7)}`,
    ]);
    expect(await listCampaigns({ q: prefix, page: 3 })).toEqual({ items: [], total: CAMPAIGNS_PAGE_SIZE + 1 });
  });
});

describe("activity feed", () => {
  test("colleagues' shares of the last 30 days, newest first, 30 to a page, each link once; not mine, not outside my audience", async () => {
    const team = await makeTeam();
    const me = await makeUser(["advocate"], team);
    const before = (await listColleagueShares(me, { page: 1 })).total;
    const { postId } = await makeLivePost();
    const links = [];
    for (const i of range(ACTIVITY_PAGE_SIZE + 1)) {
      links.push(await makeSharedLink(await makeUser(), i % 2 ? "x" : "linkedin", postId));
    }
    // The first colleague shares the same link again: it moves to the top, still once.
    await recordShare(links[0]!.advocate, { postId, network: links[0]!.network, origin: ORIGIN });
    await db.update(shares).set({ createdAt: sql`now() + interval '1 second'` }).where(eq(shares.linkId, links[0]!.id));
    // Not in the feed: my own share, a share older than 30 days, a share of a post for another team.
    await makeSharedLink(me, "linkedin", postId);
    const old = await makeSharedLink(undefined, "linkedin", postId);
    await db.update(shares).set({ createdAt: sql`now() - interval '31 days'` }).where(eq(shares.linkId, old.id));
    const otherTeam = await makeTeam();
    const forOtherTeam = await makeLivePost({ teams: [otherTeam] });
    const elsewhere = await makeSharedLink(await makeUser(["advocate"], otherTeam), "linkedin", forOtherTeam.postId);

    const first = await listColleagueShares(me, { page: 1 });
    expect(first.total).toBe(before + ACTIVITY_PAGE_SIZE + 1);
    expect(first.items).toHaveLength(ACTIVITY_PAGE_SIZE);
    const newestFirst = [links[0]!, ...links.slice(1).reverse()].map((link) => link.id);
    expect(first.items.map((item) => item.linkId)).toEqual(newestFirst.slice(0, ACTIVITY_PAGE_SIZE));
    expect(first.items[0]).toMatchObject({ postId, network: links[0]!.network, colleague: expect.any(String) });
    expect(first.items[0]!.sharedAt).toBeInstanceOf(Date);
    const second = await listColleagueShares(me, { page: 2 });
    expect(second.items.map((item) => item.linkId).slice(0, 1)).toEqual([newestFirst[ACTIVITY_PAGE_SIZE]]);
    const everyLink = [...first.items, ...second.items, ...(await listColleagueShares(me, { page: 3 })).items].map(
      (item) => item.linkId,
    );
    expect(new Set(everyLink).size).toBe(everyLink.length);
    expect(everyLink).not.toContain(old.id);
    expect(everyLink).not.toContain(elsewhere.id);
    expect(await listColleagueShares(me, { page: 999 })).toMatchObject({ items: [] });

    // One post's shares only (the feed's "shared N×" link): another post's share is left out.
    const { postId: otherPost } = await makeLivePost();
    const onOther = await makeSharedLink(await makeUser(), "x", otherPost);
    const ofOther = await listColleagueShares(me, { page: 1, postId: otherPost });
    expect(ofOther).toMatchObject({ total: 1, items: [{ linkId: onOther.id, postId: otherPost }] });
    expect((await listColleagueShares(me, { page: 1, postId })).total).toBe(ACTIVITY_PAGE_SIZE + 1);
  });
});

describe("audit trail and job queue (keyset pages)", () => {
  test("the audit trail pages newest first by id, older and newer, filtered by action; a stale cursor is an empty page", async () => {
    const action = `test.paging-${tag()}`;
    const inserted = await db
      .insert(auditEvents)
      .values(range(5).map((i) => ({ action, target: `thing:${i}` })))
      .returning({ id: auditEvents.id });
    const ids = inserted.map((row) => row.id).reverse();
    await db.insert(auditEvents).values({ action: `other-${tag()}`, target: "noise" });

    const newest = await listAuditEvents({ action }, 2);
    expect(newest.items.map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect(newest.newer).toBeNull();
    expect(newest.older).toBe(ids[1]);
    const middle = await listAuditEvents({ action, cursor: { before: newest.older! } }, 2);
    expect(middle.items.map((e) => e.id)).toEqual(ids.slice(2, 4));
    expect(middle).toMatchObject({ newer: ids[2], older: ids[3] });
    const oldest = await listAuditEvents({ action, cursor: { before: middle.older! } }, 2);
    expect(oldest.items.map((e) => e.id)).toEqual([ids[4]]);
    expect(oldest).toMatchObject({ newer: ids[4], older: null });
    // Back the other way: the page just newer than the oldest one.
    const back = await listAuditEvents({ action, cursor: { after: oldest.newer! } }, 2);
    expect(back.items.map((e) => e.id)).toEqual(ids.slice(2, 4));
    expect(back).toMatchObject({ newer: ids[2], older: ids[3] });

    expect(await listAuditEvents({ action, cursor: { before: ids[4]! } }, 2)).toEqual({
      items: [],
      newer: null,
      older: null,
    });
    expect(await listAuditEvents({ action, cursor: { after: ids[0]! } }, 2)).toEqual({
      items: [],
      newer: null,
      older: null,
    });
    expect(await auditActions()).toContain(action);

    const unfiltered = await listAuditEvents();
    expect(unfiltered.items[0]!.action).toMatch(/^other-/);
    expect(unfiltered.items[0]).toMatchObject({ target: "noise", actor: null });
  });

  test("the job queue pages the same way, by status", async () => {
    const prefix = `paging-${tag()}`;
    for (const i of range(3)) await enqueueJob(db, { kind: "test.noop", key: `${prefix}-${i}`, payload: {} });
    await db
      .update(jobs)
      .set({ status: "failed" })
      .where(
        inArray(
          jobs.key,
          range(3).map((i) => `${prefix}-${i}`),
        ),
      );
    await enqueueJob(db, { kind: "test.noop", key: `${prefix}-queued`, payload: {} });

    const first = await listRecentJobs({ status: "failed" }, 2);
    expect(first.items.map((job) => job.key)).toEqual([`${prefix}-2`, `${prefix}-1`]);
    expect(first.newer).toBeNull();
    const second = await listRecentJobs({ status: "failed", cursor: { before: first.older! } }, 2);
    expect(second.items.map((job) => job.key)).toEqual([`${prefix}-0`]);
    expect(second.older).toBeNull();
    expect((await listRecentJobs()).items[0]!.key).toBe(`${prefix}-queued`);
  });

  test("GET /api/admin/jobs takes the same cursor and status, and refuses junk with 400", async () => {
    signedIn.user = await makeUser(["advocate", "admin"]);
    const get = (query: string) => jobsGet(new Request(`https://chorus.test/api/admin/jobs?${query}`), undefined);
    const ok = await get("status=failed");
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ counts: { failed: expect.any(Number) }, newer: null });
    expect(Array.isArray(body.jobs)).toBe(true);
    for (const bad of ["before=-1", "after=abc", "status=lost", "before=3&after=1"])
      expect((await get(bad)).status, bad).toBe(400);
  });
});

describe("the indexes the new queries lean on exist", () => {
  test("shares by time and the audit trail by action", async () => {
    const found = await rows<{ indexname: string }>(
      sql`select indexname from pg_indexes where indexname in ('shares_created_idx', 'audit_events_action_idx')`,
    );
    const names = found.map((row) => row.indexname).sort();
    expect(names).toEqual(["audit_events_action_idx", "shares_created_idx"]);
  });
});
