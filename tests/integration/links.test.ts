import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { posts, rollupDaily, shares, trackedLinks } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { LINK_CODE, recordShare } from "@/lib/links";
import { transitionPost } from "@/lib/posts";
import { linksOf, makeDraftPost, makeLivePost, makeTeam, makeUser, ORIGIN, withSettings } from "@/tests/helpers";

async function sharesOf(advocateId: string) {
  return db
    .select({ postId: shares.postId, network: shares.network, earnsPoints: shares.earnsPoints, linkId: shares.linkId })
    .from(shares)
    .where(eq(shares.advocateId, advocateId))
    .orderBy(shares.id);
}

async function rollupTotals(advocateId: string) {
  const [row] = await db
    .select({
      shares: sql<number>`coalesce(sum(${rollupDaily.shares}), 0)::int`,
      scoredShares: sql<number>`coalesce(sum(${rollupDaily.scoredShares}), 0)::int`,
    })
    .from(rollupDaily)
    .where(eq(rollupDaily.advocateId, advocateId));
  return row!;
}

async function rejection(action: Promise<unknown>) {
  return action.then(
    () => null,
    (e: unknown) => e,
  );
}

describe("tracked links", () => {
  test("sharing a post again to the same network reuses the advocate's one link", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    const first = await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN });
    const second = await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN });
    expect(first.code).toMatch(LINK_CODE);
    expect(second.code).toBe(first.code);
    expect(await linksOf(advocate.id, postId, "linkedin")).toHaveLength(1);
    expect(await sharesOf(advocate.id)).toHaveLength(2);
  });

  test("another network or another advocate gets a different link", async () => {
    const advocate = await makeUser();
    const colleague = await makeUser();
    const { postId } = await makeLivePost();
    const linkedin = await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN });
    const x = await recordShare(advocate, { postId, network: "x", origin: ORIGIN });
    const theirs = await recordShare(colleague, { postId, network: "linkedin", origin: ORIGIN });
    expect(new Set([linkedin.code, x.code, theirs.code]).size).toBe(3);
    const [link] = await db
      .select({ advocateId: trackedLinks.advocateId, network: trackedLinks.network, origin: trackedLinks.origin })
      .from(trackedLinks)
      .where(eq(trackedLinks.code, x.code));
    expect(link).toEqual({ advocateId: advocate.id, network: "x", origin: "share" });
  });

  test("the result carries the short link, the network's share page and the caption with hashtags", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost({ commentary: "Our report is out", hashtags: ["cloud"] });
    const result = await recordShare(advocate, { postId, network: "x", origin: `${ORIGIN}/` });
    expect(result.shortUrl).toBe(`${ORIGIN}/s/${result.code}`);
    expect(result.caption).toBe("Our report is out #cloud");
    const intent = new URL(result.intentUrl!);
    expect(intent.searchParams.get("url")).toBe(result.shortUrl);
    expect(intent.searchParams.get("text")).toBe(result.caption);
  });

  test("the network's own commentary variant is used, and an edited caption wins over both", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost({ commentary: "General text", hashtags: ["cloud"] });
    await db.update(posts).set({ commentaryX: "Short for X #Cloud" }).where(eq(posts.id, postId));
    expect((await recordShare(advocate, { postId, network: "x", origin: ORIGIN })).caption).toBe("Short for X #Cloud");
    expect((await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN })).caption).toBe(
      "General text #cloud",
    );
    expect(
      (await recordShare(advocate, { postId, network: "email", caption: "  My own words  ", origin: ORIGIN })).caption,
    ).toBe("My own words");
  });

  test("five shares at once of the same post and network still make exactly one link, and only one earns points", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN })),
    );
    expect(new Set(results.map((r) => r.code)).size).toBe(1);
    expect(results.filter((r) => r.earnsPoints)).toHaveLength(1);
    expect(await linksOf(advocate.id, postId, "linkedin")).toHaveLength(1);
    expect(await sharesOf(advocate.id)).toHaveLength(5);
    expect(await rollupTotals(advocate.id)).toEqual({ shares: 5, scoredShares: 1 });
  });

  test("five different advocates sharing at once each get their own link", async () => {
    const { postId } = await makeLivePost();
    const advocates = await Promise.all(Array.from({ length: 5 }, () => makeUser()));
    const results = await Promise.all(advocates.map((a) => recordShare(a, { postId, network: "x", origin: ORIGIN })));
    expect(new Set(results.map((r) => r.code)).size).toBe(5);
    expect(results.every((r) => r.earnsPoints)).toBe(true);
  });
});

describe("fair play", () => {
  test("a repeat share of the same post to the same network earns no points", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    expect((await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN })).earnsPoints).toBe(true);
    expect((await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN })).earnsPoints).toBe(false);
    expect((await recordShare(advocate, { postId, network: "x", origin: ORIGIN })).earnsPoints).toBe(true);
    expect((await sharesOf(advocate.id)).map((s) => s.earnsPoints)).toEqual([true, false, true]);
  });

  test("past the daily cap, shares are recorded but earn no points", async () => {
    const advocate = await makeUser();
    const postIds: number[] = [];
    for (let i = 0; i < 4; i++) postIds.push((await makeLivePost()).postId);
    const earned = await withSettings({ dailyShareCap: 2 }, async () => {
      const results: boolean[] = [];
      for (const postId of postIds)
        results.push((await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN })).earnsPoints);
      return results;
    });
    expect(earned).toEqual([true, true, false, false]);
    expect(await rollupTotals(advocate.id)).toEqual({ shares: 4, scoredShares: 2 });
  });

  test("shares of different posts sent at once cannot earn past the daily cap", async () => {
    const advocate = await makeUser();
    const postIds: number[] = [];
    for (let i = 0; i < 5; i++) postIds.push((await makeLivePost()).postId);
    const results = await withSettings({ dailyShareCap: 2 }, () =>
      Promise.all(postIds.map((postId) => recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN }))),
    );
    expect(results.filter((r) => r.earnsPoints)).toHaveLength(2);
    expect(await rollupTotals(advocate.id)).toEqual({ shares: 5, scoredShares: 2 });
  });

  test("the cap counts only this advocate's scored shares", async () => {
    const busy = await makeUser();
    const other = await makeUser();
    const [a, b] = [(await makeLivePost()).postId, (await makeLivePost()).postId];
    const earned = await withSettings({ dailyShareCap: 1 }, async () => {
      await recordShare(busy, { postId: a, network: "linkedin", origin: ORIGIN });
      return [
        (await recordShare(busy, { postId: b, network: "linkedin", origin: ORIGIN })).earnsPoints,
        (await recordShare(other, { postId: a, network: "linkedin", origin: ORIGIN })).earnsPoints,
      ];
    });
    expect(earned).toEqual([false, true]);
  });

  test("Facebook shares, worth 0 points by default, do not use up the daily cap", async () => {
    const advocate = await makeUser();
    const [a, b] = [(await makeLivePost()).postId, (await makeLivePost()).postId];
    const earned = await withSettings({ dailyShareCap: 1 }, async () => {
      await recordShare(advocate, { postId: a, network: "facebook", origin: ORIGIN });
      return (await recordShare(advocate, { postId: b, network: "linkedin", origin: ORIGIN })).earnsPoints;
    });
    expect(earned).toBe(true);
  });

  test("when Facebook shares are worth points, they count toward the cap like any other", async () => {
    const advocate = await makeUser();
    const [a, b] = [(await makeLivePost()).postId, (await makeLivePost()).postId];
    const earned = await withSettings({ dailyShareCap: 1, pointsShareFacebook: 1 }, async () => {
      await recordShare(advocate, { postId: a, network: "facebook", origin: ORIGIN });
      return (await recordShare(advocate, { postId: b, network: "linkedin", origin: ORIGIN })).earnsPoints;
    });
    expect(earned).toBe(false);
  });

  test("the rollup's shares and scored shares match the raw share rows per post and network", async () => {
    const advocate = await makeUser();
    const [a, b] = [(await makeLivePost()).postId, (await makeLivePost()).postId];
    const plan = [
      [a, "linkedin"],
      [a, "linkedin"],
      [a, "x"],
      [b, "email"],
      [b, "linkedin"],
      [a, "linkedin"],
      [b, "email"],
    ] as const;
    for (const [postId, network] of plan) await recordShare(advocate, { postId, network, origin: ORIGIN });

    const raw = await db
      .select({
        postId: shares.postId,
        network: shares.network,
        shares: sql<number>`count(*)::int`,
        scoredShares: sql<number>`count(*) filter (where ${shares.earnsPoints})::int`,
      })
      .from(shares)
      .where(eq(shares.advocateId, advocate.id))
      .groupBy(shares.postId, shares.network);
    const rollup = await db
      .select({
        postId: rollupDaily.postId,
        network: rollupDaily.network,
        shares: sql<number>`sum(${rollupDaily.shares})::int`,
        scoredShares: sql<number>`sum(${rollupDaily.scoredShares})::int`,
      })
      .from(rollupDaily)
      .where(eq(rollupDaily.advocateId, advocate.id))
      .groupBy(rollupDaily.postId, rollupDaily.network);
    const byKey = (rows: typeof raw) =>
      Object.fromEntries(rows.map((r) => [`${r.postId}:${r.network}`, [r.shares, r.scoredShares]]));
    expect(byKey(rollup)).toEqual(byKey(raw));
    expect(byKey(rollup)).toEqual({
      [`${a}:linkedin`]: [3, 1],
      [`${a}:x`]: [1, 1],
      [`${b}:email`]: [2, 1],
      [`${b}:linkedin`]: [1, 1],
    });
  });
});

describe("what cannot be shared", () => {
  test.each([
    ["a draft", async () => (await makeDraftPost()).postId],
    [
      "an archived post",
      async () => {
        const { postId, curator } = await makeLivePost();
        await transitionPost(curator, postId, "archive");
        return postId;
      },
    ],
    [
      "an expired post",
      async () => {
        const { postId } = await makeLivePost();
        await db
          .update(posts)
          .set({ expireAt: new Date(Date.now() - 1000) })
          .where(eq(posts.id, postId));
        return postId;
      },
    ],
    [
      "a post not yet published",
      async () => {
        const { postId } = await makeLivePost();
        await db
          .update(posts)
          .set({ publishAt: new Date(Date.now() + 3_600_000) })
          .where(eq(posts.id, postId));
        return postId;
      },
    ],
    ["a post for another team", async () => (await makeLivePost({ teams: [await makeTeam()] })).postId],
    ["a post that does not exist", async () => 2_000_000_000],
  ])("%s is refused as not_found and nothing is written", async (_what, makePost) => {
    const advocate = await makeUser(["advocate"], await makeTeam());
    const postId = await makePost();
    const error = await rejection(recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN }));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("not_found");
    expect(await sharesOf(advocate.id)).toEqual([]);
    expect(
      await db.select({ id: trackedLinks.id }).from(trackedLinks).where(eq(trackedLinks.advocateId, advocate.id)),
    ).toEqual([]);
    expect(
      await db.select({ day: rollupDaily.day }).from(rollupDaily).where(eq(rollupDaily.advocateId, advocate.id)),
    ).toEqual([]);
  });
});
