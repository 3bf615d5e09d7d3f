import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { reshares, rollupDaily, trackedLinks } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { getLeaderboard } from "@/lib/leaderboard";
import { recordShare } from "@/lib/links";
import { createEmbedChildLink, listColleagueShares, recordReportedReshares, reshareInternally } from "@/lib/reshares";
import { makeLivePost, makeSharedLink, makeUser, ORIGIN } from "@/tests/helpers";

async function resharesCredited(advocateId: string): Promise<number> {
  const rows = await db
    .select({ n: rollupDaily.reshares })
    .from(rollupDaily)
    .where(eq(rollupDaily.advocateId, advocateId));
  return rows.reduce((sum, row) => sum + row.n, 0);
}

describe("internal reshares", () => {
  test("a colleague's reshare makes a child link with its parent and credits the first advocate once", async () => {
    const parent = await makeSharedLink(undefined, "x");
    const colleague = await makeUser();
    const feed = await listColleagueShares(colleague, { page: 1 });
    expect(feed.items.map((item) => item.linkId)).toContain(parent.id);

    const result = await reshareInternally(colleague, { parentLinkId: parent.id, network: "linkedin", origin: ORIGIN });
    expect(result.credited).toBe(true);
    const [child] = await db.select().from(trackedLinks).where(eq(trackedLinks.code, result.code));
    expect(child).toMatchObject({
      advocateId: colleague.id,
      parentLinkId: parent.id,
      origin: "reshare",
      network: "linkedin",
    });
    expect(await resharesCredited(parent.advocateId)).toBe(1);

    // Resharing again reuses the colleague's link and credits nothing new.
    const again = await reshareInternally(colleague, { parentLinkId: parent.id, network: "linkedin", origin: ORIGIN });
    expect(again.code).toBe(result.code);
    expect(again.credited).toBe(false);
    expect(await resharesCredited(parent.advocateId)).toBe(1);
  });

  test("the reshare is also the colleague's own share, and shows in points", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    const colleague = await makeUser();
    await reshareInternally(colleague, { parentLinkId: parent.id, network: "x", origin: ORIGIN });
    const board = await getLeaderboard({ viewerId: parent.advocateId });
    expect(board.me).toMatchObject({ shares: 1, reshares: 1, points: 1 + 5 });
    const colleagueBoard = await getLeaderboard({ viewerId: colleague.id });
    expect(colleagueBoard.me).toMatchObject({ shares: 1, reshares: 0, points: 1 });
  });

  test("a colleague who already shared the post on that network is not credited to anyone", async () => {
    const { postId } = await makeLivePost();
    const parent = await makeSharedLink(undefined, "x", postId);
    const colleague = await makeUser();
    const own = await recordShare(colleague, { postId, network: "x", origin: ORIGIN });
    const result = await reshareInternally(colleague, { parentLinkId: parent.id, network: "x", origin: ORIGIN });
    expect(result.code).toBe(own.code);
    expect(result.credited).toBe(false);
    expect(await resharesCredited(parent.advocateId)).toBe(0);
  });

  test("nobody can reshare their own share, and unknown links are refused", async () => {
    const parent = await makeSharedLink();
    await expect(
      reshareInternally(parent.advocate, { parentLinkId: parent.id, network: "x", origin: ORIGIN }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      reshareInternally(await makeUser(), { parentLinkId: 987654, network: "x", origin: ORIGIN }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await resharesCredited(parent.advocateId)).toBe(0);
  });
});

describe("embed child links", () => {
  test("a visitor's onward share gets a child link credited to the original advocate, once per visitor and network", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    const first = await createEmbedChildLink({
      parentCode: parent.code,
      network: "x",
      visitorHash: "visitor-1",
      origin: ORIGIN,
    });
    expect(first.created).toBe(true);
    expect(first.intentUrl).toContain("x.com/intent/post");
    const [child] = await db.select().from(trackedLinks).where(eq(trackedLinks.code, first.code));
    expect(child).toMatchObject({
      advocateId: parent.advocateId,
      parentLinkId: parent.id,
      origin: "embed",
      network: "x",
    });

    const repeat = await createEmbedChildLink({
      parentCode: parent.code,
      network: "x",
      visitorHash: "visitor-1",
      origin: ORIGIN,
    });
    expect(repeat).toMatchObject({ code: first.code, created: false });
    const other = await createEmbedChildLink({
      parentCode: parent.code,
      network: "x",
      visitorHash: "visitor-2",
      origin: ORIGIN,
    });
    expect(other.code).not.toBe(first.code);
    expect(await resharesCredited(parent.advocateId)).toBe(2);

    // A child of a child still credits the original advocate.
    const grandchild = await createEmbedChildLink({
      parentCode: first.code,
      network: "facebook",
      visitorHash: "visitor-3",
      origin: ORIGIN,
    });
    const [row] = await db.select().from(trackedLinks).where(eq(trackedLinks.code, grandchild.code));
    expect(row!.advocateId).toBe(parent.advocateId);
    expect(await resharesCredited(parent.advocateId)).toBe(3);
  });

  test("an unknown code is refused and nothing is created", async () => {
    const before = await db.$count(trackedLinks);
    await expect(
      createEmbedChildLink({ parentCode: "Nope1234", network: "x", visitorHash: "v", origin: ORIGIN }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.$count(trackedLinks)).toBe(before);
  });
});

describe("reported reshares", () => {
  test("an event counts once by its id, with its count", async () => {
    const parent = await makeSharedLink();
    const eventId = `evt-${parent.code}`;
    expect(await recordReportedReshares({ eventId, code: parent.code, count: 4 })).toEqual({ recorded: true });
    expect(await recordReportedReshares({ eventId, code: parent.code, count: 4 })).toEqual({ recorded: false });
    expect(await resharesCredited(parent.advocateId)).toBe(4);
    expect(await db.$count(reshares, and(eq(reshares.eventId, eventId), eq(reshares.kind, "reported")))).toBe(1);
  });

  test("concurrent deliveries of one event still count once", async () => {
    const parent = await makeSharedLink();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        recordReportedReshares({ eventId: `evt-race-${parent.code}`, code: parent.code, count: 1 }),
      ),
    );
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await resharesCredited(parent.advocateId)).toBe(1);
  });

  test("an unknown code is refused", async () => {
    await expect(recordReportedReshares({ eventId: "evt-unknown", code: "Nope1234", count: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
