import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { hashtags, postEvents, posts } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { ensureHashtags } from "@/lib/hashtags";
import { recordShare } from "@/lib/links";
import { createPost, getPostStatus, getShareablePost, isLive, listFeed, transitionPost } from "@/lib/posts";
import {
  addRollup,
  feedItems,
  makeDraftPost,
  makeLivePost,
  makeTeam,
  makeUser,
  ORIGIN,
  expectDomainError,
} from "@/tests/helpers";

const HOUR = 3_600_000;

async function eventsOf(postId: number) {
  return db
    .select({
      from: postEvents.fromStatus,
      to: postEvents.toStatus,
      actor: postEvents.actorId,
      comment: postEvents.comment,
    })
    .from(postEvents)
    .where(eq(postEvents.postId, postId))
    .orderBy(asc(postEvents.id));
}

describe("workflow", () => {
  test("a new post starts as a draft with a creation event", async () => {
    const { postId, curator } = await makeDraftPost();
    expect(await getPostStatus(postId)).toBe("draft");
    expect(await eventsOf(postId)).toEqual([{ from: null, to: "draft", actor: curator.id, comment: null }]);
  });

  test("draft → in review → approved, recording who approved and when", async () => {
    const { postId, curator } = await makeDraftPost();
    const approver = await makeUser(["advocate", "approver"]);
    expect(await transitionPost(curator, postId, "submit")).toEqual({ status: "in_review" });
    expect(await getPostStatus(postId)).toBe("in_review");
    expect(await transitionPost(approver, postId, "approve")).toEqual({ status: "approved" });
    const [post] = await db
      .select({ status: posts.status, approvedById: posts.approvedById, approvedAt: posts.approvedAt })
      .from(posts)
      .where(eq(posts.id, postId));
    expect(post!.status).toBe("approved");
    expect(post!.approvedById).toBe(approver.id);
    expect(post!.approvedAt).toBeInstanceOf(Date);
  });

  test("a rejection sends the post back to draft with the reviewer's comment", async () => {
    const { postId, curator } = await makeDraftPost();
    const approver = await makeUser(["advocate", "approver"]);
    await transitionPost(curator, postId, "submit");
    expect(await transitionPost(approver, postId, "reject", "Link to the English page")).toEqual({ status: "draft" });
    expect(await getPostStatus(postId)).toBe("draft");
    expect((await eventsOf(postId)).at(-1)).toEqual({
      from: "in_review",
      to: "draft",
      actor: approver.id,
      comment: "Link to the English page",
    });
  });

  test("an approver cannot approve their own post: forbidden, status and audit trail unchanged", async () => {
    const author = await makeUser(["advocate", "curator", "approver"]);
    const { postId } = await makeDraftPost({}, author);
    await transitionPost(author, postId, "submit");
    const before = await eventsOf(postId);
    await expectDomainError(transitionPost(author, postId, "approve"), "forbidden");
    expect(await getPostStatus(postId)).toBe("in_review");
    expect(await eventsOf(postId)).toEqual(before);
    const [post] = await db.select({ approvedById: posts.approvedById }).from(posts).where(eq(posts.id, postId));
    expect(post!.approvedById).toBeNull();
  });

  test("the author may still reject their own post", async () => {
    const author = await makeUser(["advocate", "curator", "approver"]);
    const { postId } = await makeDraftPost({}, author);
    await transitionPost(author, postId, "submit");
    expect(await transitionPost(author, postId, "reject", "Withdrawn")).toEqual({ status: "draft" });
  });

  test("transitions from the wrong state are conflicts and change nothing", async () => {
    const { postId: draftId, curator } = await makeDraftPost();
    const approver = await makeUser(["advocate", "approver"]);
    await expectDomainError(transitionPost(approver, draftId, "approve"), "conflict");
    await expectDomainError(transitionPost(approver, draftId, "reject", "no"), "conflict");
    expect(await getPostStatus(draftId)).toBe("draft");
    expect(await eventsOf(draftId)).toHaveLength(1);

    const { postId: liveId, curator: liveCurator } = await makeLivePost();
    await expectDomainError(transitionPost(liveCurator, liveId, "submit"), "conflict");
    await expectDomainError(transitionPost(approver, liveId, "approve"), "conflict");
    expect(await getPostStatus(liveId)).toBe("approved");

    await transitionPost(curator, draftId, "archive");
    await expectDomainError(transitionPost(curator, draftId, "archive"), "conflict");
    await expectDomainError(transitionPost(curator, draftId, "submit"), "conflict");
    expect(await getPostStatus(draftId)).toBe("archived");
  });

  test("a transition of a post that does not exist is not_found", async () => {
    const curator = await makeUser(["curator"]);
    await expectDomainError(transitionPost(curator, 2_000_000_000, "submit"), "not_found");
  });

  test("every transition writes an audit row with from, to and actor, in order", async () => {
    const { postId, curator } = await makeDraftPost();
    const approver = await makeUser(["advocate", "approver"]);
    const admin = await makeUser(["admin"]);
    await transitionPost(curator, postId, "submit");
    await transitionPost(approver, postId, "reject", "Shorter title");
    await transitionPost(curator, postId, "submit");
    await transitionPost(approver, postId, "approve", "Good to go");
    await transitionPost(admin, postId, "archive");
    expect(await eventsOf(postId)).toEqual([
      { from: null, to: "draft", actor: curator.id, comment: null },
      { from: "draft", to: "in_review", actor: curator.id, comment: null },
      { from: "in_review", to: "draft", actor: approver.id, comment: "Shorter title" },
      { from: "draft", to: "in_review", actor: curator.id, comment: null },
      { from: "in_review", to: "approved", actor: approver.id, comment: "Good to go" },
      { from: "approved", to: "archived", actor: admin.id, comment: null },
    ]);
  });

  test("a hashtag missing from the managed list is refused with a field error, and nothing is kept", async () => {
    const curator = await makeUser(["curator"]);
    const title = `Unlisted ${Date.now()}`;
    const error = await createPost(curator, {
      title,
      url: "https://example.com/",
      commentary: "",
      hashtags: ["notlisted"],
    }).catch((e: unknown) => e);
    expect((error as DomainError).fields?.hashtags?.[0]).toContain("Not in the hashtag list: #notlisted");
    expect(await db.select({ id: posts.id }).from(posts).where(eq(posts.title, title))).toEqual([]);
  });

  test("a post with a retired hashtag is refused and nothing of it is kept", async () => {
    const tag = `retired${Date.now()}`;
    await db.insert(hashtags).values({ tag, retiredAt: new Date() });
    const curator = await makeUser(["curator"]);
    const title = `Refused ${tag}`;
    await ensureHashtags(["fresh"]);
    const error = await createPost(curator, {
      title,
      url: "https://example.com/",
      commentary: "",
      hashtags: ["fresh", tag],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("invalid");
    expect((error as DomainError).fields?.hashtags?.[0]).toContain(`#${tag}`);
    expect(await db.select({ id: posts.id }).from(posts).where(eq(posts.title, title))).toEqual([]);
  });
});

describe("isLive", () => {
  const liveAmong = async (ids: number[], now?: Date) =>
    (
      await db
        .select({ id: posts.id })
        .from(posts)
        .where(and(inArray(posts.id, ids), isLive(now)))
    )
      .map((row) => row.id)
      .sort((a, b) => a - b);

  test("an approved post is live only between publish-at and expire-at", async () => {
    const now = Date.now();
    const open = await makeLivePost();
    const future = await makeLivePost();
    const published = await makeLivePost();
    const expired = await makeLivePost();
    const current = await makeLivePost();
    await db
      .update(posts)
      .set({ publishAt: new Date(now + HOUR) })
      .where(eq(posts.id, future.postId));
    await db
      .update(posts)
      .set({ publishAt: new Date(now - HOUR) })
      .where(eq(posts.id, published.postId));
    await db
      .update(posts)
      .set({ publishAt: new Date(now - 3 * HOUR), expireAt: new Date(now - HOUR) })
      .where(eq(posts.id, expired.postId));
    await db
      .update(posts)
      .set({ publishAt: new Date(now - HOUR), expireAt: new Date(now + HOUR) })
      .where(eq(posts.id, current.postId));
    const ids = [open, future, published, expired, current].map((p) => p.postId);
    expect(await liveAmong(ids)).toEqual([open.postId, published.postId, current.postId].sort((a, b) => a - b));
  });

  test("publish-at is inclusive and expire-at exclusive", async () => {
    const at = new Date(Date.now() + 5 * HOUR);
    const starts = await makeLivePost();
    const ends = await makeLivePost();
    await db.update(posts).set({ publishAt: at }).where(eq(posts.id, starts.postId));
    await db.update(posts).set({ expireAt: at }).where(eq(posts.id, ends.postId));
    expect(await liveAmong([starts.postId, ends.postId], at)).toEqual([starts.postId]);
    expect(await liveAmong([starts.postId, ends.postId], new Date(at.getTime() - 1))).toEqual([ends.postId]);
  });

  test("drafts, posts in review and archived posts are never live, whatever their window", async () => {
    const draft = await makeDraftPost();
    const inReview = await makeDraftPost();
    await transitionPost(inReview.curator, inReview.postId, "submit");
    const archived = await makeLivePost();
    await transitionPost(archived.curator, archived.postId, "archive");
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - HOUR) })
      .where(inArray(posts.id, [draft.postId, inReview.postId, archived.postId]));
    expect(await liveAmong([draft.postId, inReview.postId, archived.postId])).toEqual([]);
  });
});

describe("listFeed", () => {
  test("each post's share count is all its shares, every month and advocate; most shared first orders by it", async () => {
    const advocate = await makeUser();
    const [a, b] = [await makeUser(), await makeUser()];
    const older = await makeLivePost({ title: "Shared a lot" });
    const newer = await makeLivePost({ title: "Shared once" });
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(posts.id, older.postId));
    await addRollup(a.id, older.postId, "2026-01-15", { shares: 2, scoredShares: 2 });
    await addRollup(b.id, older.postId, "2026-03-02", { shares: 3, scoredShares: 3 }, "x");
    await addRollup(a.id, newer.postId, "2026-03-02", { shares: 1, scoredShares: 1 });
    const all = await feedItems(advocate);
    const shown = (id: number) => all.find((item) => item.id === id)?.totalShares;
    expect([shown(older.postId), shown(newer.postId)]).toEqual([5, 1]);
    const order = (items: { id: number }[]) =>
      items.map((item) => item.id).filter((id) => id === older.postId || id === newer.postId);
    expect(order(all)).toEqual([newer.postId, older.postId]);
    const mostShared: { id: number }[] = [];
    for (let page = 1; ; page++) {
      const { items } = await listFeed(advocate, { page, order: "most_shared" });
      if (!items.length) break;
      mostShared.push(...items);
    }
    expect(order(mostShared)).toEqual([older.postId, newer.postId]);
  });

  test("shows an advocate only live posts", async () => {
    const advocate = await makeUser();
    const live = await makeLivePost();
    const draft = await makeDraftPost();
    const future = await makeLivePost();
    const expired = await makeLivePost();
    const archived = await makeLivePost();
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() + HOUR) })
      .where(eq(posts.id, future.postId));
    await db
      .update(posts)
      .set({ expireAt: new Date(Date.now() - 1000) })
      .where(eq(posts.id, expired.postId));
    await transitionPost(archived.curator, archived.postId, "archive");
    const ids = new Set((await feedItems(advocate)).map((item) => item.id));
    expect(ids.has(live.postId)).toBe(true);
    for (const hidden of [draft, future, expired, archived]) expect(ids.has(hidden.postId)).toBe(false);
  });

  test("a post for chosen teams reaches only those teams' advocates", async () => {
    const teamA = await makeTeam();
    const teamB = await makeTeam();
    const inA = await makeUser(["advocate"], teamA);
    const inB = await makeUser(["advocate"], teamB);
    const noTeam = await makeUser(["advocate"]);
    const targeted = await makeLivePost({ teams: [teamA] });
    const forAll = await makeLivePost();
    const feedOf = async (user: typeof inA) => new Set((await feedItems(user)).map((item) => item.id));

    const [a, b, none] = await Promise.all([feedOf(inA), feedOf(inB), feedOf(noTeam)]);
    expect(a.has(targeted.postId)).toBe(true);
    expect(b.has(targeted.postId)).toBe(false);
    expect(none.has(targeted.postId)).toBe(false);
    for (const feed of [a, b, none]) expect(feed.has(forAll.postId)).toBe(true);

    expect(await getShareablePost(inA, targeted.postId)).not.toBeNull();
    expect(await getShareablePost(inB, targeted.postId)).toBeNull();
    expect(await getShareablePost(noTeam, targeted.postId)).toBeNull();
  });

  test("a post for teams with no team chosen reaches nobody", async () => {
    const team = await makeTeam();
    const advocate = await makeUser(["advocate"], team);
    const post = await makeLivePost({ teams: [] });
    expect((await feedItems(advocate)).some((item) => item.id === post.postId)).toBe(false);
  });

  test("marks the networks the advocate already shared the post to, for that advocate only", async () => {
    const advocate = await makeUser();
    const colleague = await makeUser();
    const { postId } = await makeLivePost({ hashtags: ["cloud", "ai"] });
    await recordShare(advocate, { postId, network: "x", origin: ORIGIN });
    await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN });
    await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN });
    const mine = (await feedItems(advocate)).find((item) => item.id === postId);
    const theirs = (await feedItems(colleague)).find((item) => item.id === postId);
    expect([...mine!.sharedTo].sort()).toEqual(["linkedin", "x"]);
    expect(theirs!.sharedTo).toEqual([]);
    expect(mine!.hashtags).toEqual(["ai", "cloud"]);
  });

  test("newest first by publish time", async () => {
    const advocate = await makeUser();
    const older = await makeLivePost();
    const newer = await makeLivePost();
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(posts.id, newer.postId));
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - 3 * HOUR) })
      .where(eq(posts.id, older.postId));
    const ids = (await feedItems(advocate)).map((item) => item.id);
    expect(ids.indexOf(newer.postId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.postId)).toBeLessThan(ids.indexOf(older.postId));
  });
});
