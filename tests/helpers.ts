import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "@/db/client";
import {
  posts,
  postTeams,
  rollupDaily,
  sessions,
  settings,
  teams,
  trackedLinks,
  users,
  type Network,
  type Role,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import type { PendingClick } from "@/lib/click-writer";
import { recordShare } from "@/lib/links";
import { ensureHashtags } from "@/lib/hashtags";
import { createPost, listFeed, transitionPost } from "@/lib/posts";
import type { Settings } from "@/lib/settings";

const suffix = () => randomBytes(5).toString("hex");

export const ORIGIN = "https://chorus.test";

/** A fresh user with random email, so tests never depend on each other's data. */
export async function makeUser(roles: Role[] = ["advocate"], teamId: number | null = null): Promise<SessionUser> {
  const email = `user-${suffix()}@test.local`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `User ${suffix()}`, roles, teamId })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      roles: users.roles,
      teamId: users.teamId,
      locale: users.locale,
    });
  return user!;
}

export async function makeTeam(name = `Team ${suffix()}`): Promise<number> {
  const [team] = await db.insert(teams).values({ name }).returning({ id: teams.id });
  return team!.id;
}

type PostOverrides = { title?: string; url?: string; commentary?: string; hashtags?: string[] };

/** A draft written by a fresh curator (or the given author). */
export async function makeDraftPost(overrides: PostOverrides = {}, author?: SessionUser) {
  const curator = author ?? (await makeUser(["advocate", "curator"]));
  await ensureHashtags(overrides.hashtags ?? ["news"]);
  const { postId } = await createPost(curator, {
    title: overrides.title ?? `Post ${suffix()}`,
    url: overrides.url ?? "https://example.com/article",
    commentary: overrides.commentary ?? "Read this",
    hashtags: overrides.hashtags ?? ["news"],
  });
  return { postId, curator };
}

/** A post taken through the whole workflow by a fresh curator and approver; `teams` targets it at those teams only. */
export async function makeLivePost(overrides: PostOverrides & { teams?: number[] } = {}) {
  const { postId, curator } = await makeDraftPost(overrides);
  const approver = await makeUser(["advocate", "approver"]);
  await transitionPost(curator, postId, "submit");
  await transitionPost(approver, postId, "approve");
  if (overrides.teams) {
    await db.update(posts).set({ audience: "teams" }).where(eq(posts.id, postId));
    if (overrides.teams.length)
      await db.insert(postTeams).values(overrides.teams.map((teamId) => ({ postId, teamId })));
  }
  return { postId, curator, approver };
}

export type TestLink = { id: number; code: string; advocateId: string; postId: number; network: Network };

/** Shares the post (a fresh live one unless given) and returns the advocate's tracked link. */
export async function makeSharedLink(
  advocate?: SessionUser,
  network: Network = "linkedin",
  postId?: number,
): Promise<TestLink & { advocate: SessionUser }> {
  const sharer = advocate ?? (await makeUser());
  const post = postId ?? (await makeLivePost()).postId;
  const { code } = await recordShare(sharer, { postId: post, network, origin: ORIGIN });
  const [link] = await db.select({ id: trackedLinks.id }).from(trackedLinks).where(eq(trackedLinks.code, code));
  return { id: link!.id, code, advocateId: sharer.id, postId: post, network, advocate: sharer };
}

/** The links of (advocate, post, network), which should only ever be one. */
export async function linksOf(advocateId: string, postId: number, network: Network) {
  return db
    .select({ id: trackedLinks.id, code: trackedLinks.code })
    .from(trackedLinks)
    .where(
      and(eq(trackedLinks.advocateId, advocateId), eq(trackedLinks.postId, postId), eq(trackedLinks.network, network)),
    );
}

/** A click on `link` as the redirect would queue it; a real browser from a fixed visitor unless overridden. */
export function pendingClick(link: TestLink, overrides: Partial<PendingClick> = {}): PendingClick {
  return {
    linkId: link.id,
    advocateId: link.advocateId,
    postId: link.postId,
    network: link.network,
    at: new Date(),
    requestReason: null,
    visitorHash: "visitor-a",
    previousVisitorHash: "visitor-a-yesterday",
    addressHash: "address-a",
    previousAddressHash: "address-a-yesterday",
    sessionToken: null,
    country: null,
    device: "desktop",
    referrerHost: null,
    ...overrides,
  };
}

/** A signed-in session row for the user, valid for a day unless `expires` says otherwise. */
export async function makeSession(userId: string, expires = new Date(Date.now() + 86_400_000)): Promise<string> {
  const sessionToken = `session-${suffix()}${suffix()}`;
  await db.insert(sessions).values({ sessionToken, userId, expires });
  return sessionToken;
}

/**
 * Changes the admin settings for the duration of `run`, then puts them back: every test in a file shares
 * its database, so a changed cap or point value must not leak into the next test.
 */
export async function withSettings<T>(patch: Partial<Omit<Settings, "id">>, run: () => Promise<T>): Promise<T> {
  const [before] = await db.select().from(settings).where(eq(settings.id, 1));
  await db.update(settings).set(patch).where(eq(settings.id, 1));
  try {
    return await run();
  } finally {
    const { id: _id, ...restore } = before!;
    await db.update(settings).set(restore).where(eq(settings.id, 1));
  }
}

/** Every post in the advocate's feed, all pages. */
export async function feedItems(advocate: SessionUser) {
  const all: Awaited<ReturnType<typeof listFeed>>["items"] = [];
  for (let page = 1; ; page++) {
    const { items } = await listFeed(advocate, { page, order: "newest" });
    if (!items.length) return all;
    all.push(...items);
  }
}

type Totals = { shares?: number; scoredShares?: number; clicks?: number; countedClicks?: number; reshares?: number };

/** A rollup row written directly: the leaderboard and the dashboard read only rollups, never raw clicks. */
export async function addRollup(
  advocateId: string,
  postId: number,
  day: string,
  totals: Totals,
  network: Network = "linkedin",
) {
  await db
    .insert(rollupDaily)
    .values({ day, advocateId, postId, network, clicks: totals.clicks ?? totals.countedClicks ?? 0, ...totals });
}

/** Runs `action`, expecting a DomainError with `code` (and, when named, a message on `field`). */
export async function expectDomainError(action: Promise<unknown>, code: DomainError["code"], field?: string) {
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (field) expect((error as DomainError).fields?.[field]?.length).toBeGreaterThan(0);
  return error as DomainError;
}
