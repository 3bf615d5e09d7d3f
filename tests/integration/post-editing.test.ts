import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { campaigns, postEvents, posts } from "@/db/schema";
import { ensureHashtags, setHashtagRetired } from "@/lib/hashtags";
import { MAX_IMAGE_BYTES, storeImage } from "@/lib/images";
import {
  archiveExpiredPosts,
  duplicatePost,
  getPost,
  getPostHistory,
  getShareablePost,
  listLibrary,
  transitionPost,
  updatePost,
} from "@/lib/posts";
import { LocalFileStorage } from "@/lib/storage";
import { makeDraftPost, makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
let uploads: string;

beforeAll(() => {
  uploads = mkdtempSync(path.join(tmpdir(), "chorus-uploads-"));
  (globalThis as { __chorusStorage?: unknown }).__chorusStorage = new LocalFileStorage(uploads);
});

const fields = (overrides: Partial<Parameters<typeof updatePost>[2]> = {}) => ({
  title: "Edited",
  url: "https://example.com/edited",
  commentary: "New text",
  hashtags: ["news"],
  ...overrides,
});

describe("editing", () => {
  test("editing an approved post sends it back to review, with an audit event, and takes it out of the feed", async () => {
    const { postId, curator } = await makeLivePost();
    const advocate = await makeUser();
    expect(await getShareablePost(advocate, postId)).not.toBeNull();
    expect(await updatePost(curator, postId, fields())).toEqual({ status: "in_review" });
    const post = await getPost(postId);
    expect(post).toMatchObject({ status: "in_review", title: "Edited", url: "https://example.com/edited" });
    expect(await getShareablePost(advocate, postId)).toBeNull();
    const history = await getPostHistory(postId);
    expect(history.at(-1)).toMatchObject({
      fromStatus: "approved",
      toStatus: "in_review",
      comment: "Edited after approval",
    });
    const [row] = await db.select({ approvedById: posts.approvedById }).from(posts).where(eq(posts.id, postId));
    expect(row!.approvedById).toBeNull();
  });

  test("editing a draft keeps it a draft and writes no transition", async () => {
    const { postId, curator } = await makeDraftPost();
    const before = (await getPostHistory(postId)).length;
    expect(await updatePost(curator, postId, fields({ title: "Draft v2" }))).toEqual({ status: "draft" });
    expect((await getPostHistory(postId)).length).toBe(before);
  });

  test("an archived post cannot be edited, and nothing changes", async () => {
    const { postId, curator } = await makeDraftPost({ title: "Keep me" });
    await transitionPost(curator, postId, "archive");
    await expect(updatePost(curator, postId, fields())).rejects.toMatchObject({ code: "conflict" });
    expect((await getPost(postId))!.title).toBe("Keep me");
  });

  test("a hashtag retired after the post got it may stay on edit, but cannot be newly added", async () => {
    await ensureHashtags(["oldtag", "othertag"]);
    const { postId, curator } = await makeDraftPost({ hashtags: ["oldtag"] });
    const [oldtag, othertag] = await db.query.hashtags.findMany({
      where: (h, { inArray }) => inArray(h.tag, ["oldtag", "othertag"]),
      orderBy: (h, { asc }) => asc(h.tag),
    });
    await setHashtagRetired(oldtag!.id, true);
    await setHashtagRetired(othertag!.id, true);
    await updatePost(curator, postId, fields({ hashtags: ["oldtag"] }));
    expect((await getPost(postId))!.hashtags).toEqual(["oldtag"]);
    await expect(updatePost(curator, postId, fields({ hashtags: ["oldtag", "othertag"] }))).rejects.toMatchObject({
      code: "invalid",
      fields: { hashtags: ["Retired: #othertag"] },
    });
  });

  test("unknown teams and campaigns are refused with field errors", async () => {
    const { postId, curator } = await makeDraftPost();
    await expect(updatePost(curator, postId, fields({ audience: "teams", teamIds: [987654] }))).rejects.toMatchObject({
      fields: { teamIds: ["One of the chosen teams does not exist"] },
    });
    await expect(updatePost(curator, postId, fields({ campaignId: 987654 }))).rejects.toMatchObject({
      fields: { campaignId: ["This campaign does not exist"] },
    });
  });

  test("duplicating makes a new draft with the same content, audience and image but no history", async () => {
    const team = await makeTeam();
    const { postId, curator } = await makeLivePost({ teams: [team] });
    const copy = await duplicatePost(curator, postId);
    const [original, duplicate] = [await getPost(postId), await getPost(copy.postId)];
    expect(duplicate).toMatchObject({
      status: "draft",
      title: `Copy of ${original!.title}`,
      url: original!.url,
      audience: "teams",
      teamIds: [team],
      hashtags: original!.hashtags,
    });
    expect(await getPostHistory(copy.postId)).toHaveLength(1);
  });
});

describe("images", () => {
  test("an image is stored by its content type, whatever its name", async () => {
    const url = await storeImage(new File([PNG], "photo.jpg", { type: "image/jpeg" }));
    expect(url).toMatch(/^\/uploads\/[0-9a-f-]{36}\.png$/);
    expect(readdirSync(uploads)).toContain(url.split("/").pop());
  });

  test("a file that is not an image, or too large, is refused before anything is stored", async () => {
    const before = readdirSync(uploads).length;
    await expect(storeImage(new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" }))).rejects.toMatchObject(
      { fields: { image: ["Upload a PNG, JPEG, WebP or GIF image"] } },
    );
    const huge = new Uint8Array(MAX_IMAGE_BYTES + 1);
    huge.set(PNG);
    await expect(storeImage(new File([huge], "big.png", { type: "image/png" }))).rejects.toMatchObject({
      fields: { image: ["Images are at most 5 MB; this one is 5.0 MB. Choose a smaller one."] },
    });
    expect(readdirSync(uploads).length).toBe(before);
  });
});

describe("library view", () => {
  test("search, status, hashtag and campaign filters, with counts per status over the same search", async () => {
    const word = `zebra${Date.now()}`;
    await ensureHashtags([word]);
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: `Campaign ${word}`, slug: `c-${word}` })
      .returning({ id: campaigns.id });
    const draft = await makeDraftPost({ title: `Draft ${word}`, hashtags: [word] });
    const live = await makeLivePost({ title: `Live ${word}` });
    await db.update(posts).set({ campaignId: campaign!.id }).where(eq(posts.id, live.postId));

    const all = await listLibrary({ page: 1, q: word, sort: "title" });
    expect(all.items.map((p) => p.title)).toEqual([`Draft ${word}`, `Live ${word}`]);
    expect(all.byStatus).toEqual({ draft: 1, approved: 1 });
    expect(
      (await listLibrary({ page: 1, q: word, status: "approved", sort: "updated" })).items.map((p) => p.id),
    ).toEqual([live.postId]);
    expect((await listLibrary({ page: 1, hashtag: word, sort: "updated" })).items.map((p) => p.id)).toEqual([
      draft.postId,
    ]);
    expect((await listLibrary({ page: 1, campaignId: campaign!.id, sort: "updated" })).items.map((p) => p.id)).toEqual([
      live.postId,
    ]);
    // LIKE wildcards in the search are literal characters.
    expect(
      (await listLibrary({ page: 1, q: "%", sort: "updated" })).items.filter((p) => p.title.includes(word)),
    ).toEqual([]);
  });
});

describe("freshness", () => {
  test("approved posts past their expiry archive themselves, with an audit event; others are untouched", async () => {
    const expired = await makeLivePost();
    const current = await makeLivePost();
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - 2 * 86_400_000), expireAt: new Date(Date.now() - 60_000) })
      .where(eq(posts.id, expired.postId));
    await db
      .update(posts)
      .set({ expireAt: new Date(Date.now() + 86_400_000) })
      .where(eq(posts.id, current.postId));
    expect(await archiveExpiredPosts()).toBeGreaterThanOrEqual(1);
    expect((await getPost(expired.postId))!.status).toBe("archived");
    expect((await getPost(current.postId))!.status).toBe("approved");
    const events = await db.select().from(postEvents).where(eq(postEvents.postId, expired.postId));
    expect(events.at(-1)).toMatchObject({
      fromStatus: "approved",
      toStatus: "archived",
      comment: "Expired",
      actorId: expired.approver.id,
    });
    expect(await archiveExpiredPosts()).toBe(0);
  });
});
