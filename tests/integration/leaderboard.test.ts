import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { rollupDaily, scoreSnapshots, teams, users, type Network } from "@/db/schema";
import { writeClicks } from "@/lib/click-writer";
import { getLeaderboard, LEADERBOARD_PAGE_SIZE, type LeaderboardRow } from "@/lib/leaderboard";
import { recordShare } from "@/lib/links";
import { recordReportedReshares } from "@/lib/reshares";
import { makeLivePost, makeSharedLink, makeTeam, makeUser, ORIGIN, pendingClick, withSettings } from "@/tests/helpers";

// Every test in this file shares one database, so assertions look only at the test's own advocates and
// place "top" advocates above whatever earlier tests left behind.

type Totals = { shares?: number; scoredShares?: number; countedClicks?: number; reshares?: number };

/** A rollup row written directly: the leaderboard reads only rollups, never raw clicks. */
async function addRollup(
  advocateId: string,
  postId: number,
  totals: Totals,
  network: Network = "linkedin",
  day = "2025-01-15",
) {
  await db
    .insert(rollupDaily)
    .values({ day, advocateId, postId, network, clicks: totals.countedClicks ?? 0, ...totals });
}

async function topPoints(): Promise<number> {
  return (await getLeaderboard()).items[0]?.points ?? 0;
}

async function allRows(): Promise<LeaderboardRow[]> {
  const { total } = await getLeaderboard();
  const rows: LeaderboardRow[] = [];
  for (let page = 1; (page - 1) * LEADERBOARD_PAGE_SIZE < total; page++)
    rows.push(...(await getLeaderboard({ page })).items);
  return rows;
}

async function rowOf(advocateId: string): Promise<LeaderboardRow | null> {
  return (await getLeaderboard({ viewerId: advocateId })).me;
}

describe("getLeaderboard", () => {
  test("points are scored shares × share points (Facebook 0) + counted clicks × 2 + reshares × 5", async () => {
    const team = await makeTeam();
    const advocate = await makeUser(["advocate"], team);
    const [p1, p2] = [(await makeLivePost()).postId, (await makeLivePost()).postId];
    const linkedin = await makeSharedLink(advocate, "linkedin", p1);
    await recordShare(advocate, { postId: p1, network: "linkedin", origin: ORIGIN }); // repeat: no share points
    await recordShare(advocate, { postId: p2, network: "x", origin: ORIGIN });
    const facebook = await makeSharedLink(advocate, "facebook", p2);
    const at = new Date("2025-01-15T10:00:00Z");
    await writeClicks([
      pendingClick(linkedin, { at, visitorHash: "a", previousVisitorHash: "a0" }),
      pendingClick(linkedin, { at, visitorHash: "b", previousVisitorHash: "b0" }),
      pendingClick(linkedin, { at, visitorHash: "c", previousVisitorHash: "c0" }),
      pendingClick(linkedin, { at, visitorHash: "a", previousVisitorHash: "a0" }), // duplicate
      pendingClick(linkedin, { at, visitorHash: "d", previousVisitorHash: "d0", requestReason: "bot" }),
      pendingClick(facebook, { at, visitorHash: "e", previousVisitorHash: "e0" }), // Facebook clicks still count
    ]);
    await recordReportedReshares({ eventId: `evt-${advocate.id}`, code: linkedin.code, count: 2 });

    const [teamRow] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, team));
    expect(await rowOf(advocate.id)).toMatchObject({
      advocateId: advocate.id,
      name: advocate.name,
      team: teamRow!.name,
      shares: 4,
      countedClicks: 4,
      reshares: 2,
      points: 2 * 1 + 1 * 0 + 4 * 2 + 2 * 5,
    });
  });

  test("a rank is one more than the number of advocates with more points", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    await addRollup(advocate.id, postId, { countedClicks: 3 });
    const me = (await rowOf(advocate.id))!;
    const rows = await allRows();
    expect(me.rank).toBe(1 + rows.filter((row) => row.points > me.points).length);
    expect(rows.find((row) => row.advocateId === advocate.id)).toEqual(me);
  });

  test("ties share a rank and the next rank skips: 1, 2, 2, 4", async () => {
    const { postId } = await makeLivePost();
    const base = Math.ceil((await topPoints()) / 2) + 1000;
    const [first, tiedA, tiedB, fourth] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
    await addRollup(first.id, postId, { countedClicks: base + 15 });
    await addRollup(tiedA.id, postId, { countedClicks: base + 10 });
    await addRollup(tiedB.id, postId, { countedClicks: base, reshares: 4 });
    await addRollup(fourth.id, postId, { countedClicks: base + 5 });

    const { items } = await getLeaderboard();
    const rankOf = (id: string) => items.find((row) => row.advocateId === id)?.rank;
    expect([first, tiedA, tiedB, fourth].map((u) => rankOf(u.id))).toEqual([1, 2, 2, 4]);
    expect(items.slice(0, 4).map((row) => row.rank)).toEqual([1, 2, 2, 4]);
  });

  test("changing point values in settings re-scores past activity", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    await addRollup(advocate.id, postId, { shares: 2, scoredShares: 1, countedClicks: 3, reshares: 1 }, "linkedin");
    await addRollup(advocate.id, postId, { shares: 1, scoredShares: 1 }, "facebook");
    const points = async () => (await rowOf(advocate.id))!.points;

    expect(await points()).toBe(1 + 0 + 3 * 2 + 5);
    expect(await withSettings({ pointsClick: 3 }, points)).toBe(1 + 0 + 3 * 3 + 5);
    expect(await withSettings({ pointsReshare: 10, pointsShare: 2 }, points)).toBe(2 + 0 + 3 * 2 + 10);
    expect(await withSettings({ pointsShareFacebook: 2 }, points)).toBe(1 + 2 + 3 * 2 + 5);
    expect(await points()).toBe(12);
  });

  test("an advocate who hides their name is shown as 'Anonymous advocate' and still ranked", async () => {
    const { postId } = await makeLivePost();
    const advocate = await makeUser();
    await addRollup(advocate.id, postId, { countedClicks: Math.ceil((await topPoints()) / 2) + 5000 });
    const before = (await rowOf(advocate.id))!;
    expect(before.name).toBe(advocate.name);

    await db.update(users).set({ hideName: true }).where(eq(users.id, advocate.id));
    const board = await getLeaderboard({ viewerId: advocate.id });
    const onPage = board.items.find((row) => row.advocateId === advocate.id);
    expect(board.me).toEqual({ ...before, name: "Anonymous advocate" });
    expect(onPage).toEqual(board.me);
    expect(board.items.some((row) => row.name === advocate.name)).toBe(false);
  });

  test("the viewer's own row comes back as `me` when it is off the first page", async () => {
    const { postId } = await makeLivePost();
    const base = Math.ceil((await topPoints()) / 2) + 1000;
    const leaders = await Promise.all(Array.from({ length: LEADERBOARD_PAGE_SIZE + 1 }, () => makeUser()));
    for (const [i, leader] of leaders.entries()) await addRollup(leader.id, postId, { countedClicks: base + i });
    const viewer = await makeUser();
    await addRollup(viewer.id, postId, { countedClicks: 1 });

    const board = await getLeaderboard({ viewerId: viewer.id });
    expect(board.items).toHaveLength(LEADERBOARD_PAGE_SIZE);
    expect(board.items.some((row) => row.advocateId === viewer.id)).toBe(false);
    expect(board.meOnPage).toBe(false);
    expect(board.me).toMatchObject({ advocateId: viewer.id, countedClicks: 1, points: 2 });
    expect(board.me!.rank).toBeGreaterThan(LEADERBOARD_PAGE_SIZE + 1);
    expect(new Set(board.items.map((row) => row.advocateId))).toEqual(new Set(leaders.slice(1).map((u) => u.id)));
  });

  test("a viewer on the first page is flagged as on the page", async () => {
    const { postId } = await makeLivePost();
    const viewer = await makeUser();
    await addRollup(viewer.id, postId, { countedClicks: Math.ceil((await topPoints()) / 2) + 1000 });
    const board = await getLeaderboard({ viewerId: viewer.id });
    expect(board.meOnPage).toBe(true);
    expect(board.me).toMatchObject({ advocateId: viewer.id, rank: 1 });
  });

  test("each row carries the latest weekly snapshot's score, whatever the period; null before one", async () => {
    const { postId } = await makeLivePost();
    const [scored, lapsed, fresh] = [await makeUser(), await makeUser(), await makeUser()];
    for (const advocate of [scored, lapsed, fresh]) await addRollup(advocate.id, postId, { countedClicks: 1 });
    const snapshot = (week: string, advocateId: string, score: number) => ({
      week,
      advocateId,
      score,
      ...{ consistency: 0, reach: 0, resonance: 0, amplification: 0 },
      ...{ weeksWithShare: 0, shares: 0, countedClicks: 0, reshares: 0 },
    });
    // Weeks after any other test's: the latest week is 2099-01-12, where only `scored` has a row.
    await db
      .insert(scoreSnapshots)
      .values([
        snapshot("2099-01-05", scored.id, 10),
        snapshot("2099-01-05", lapsed.id, 70),
        snapshot("2099-01-12", scored.id, 42),
      ]);
    expect((await rowOf(scored.id))?.score).toBe(42);
    expect((await rowOf(lapsed.id))?.score).toBeNull();
    expect((await rowOf(fresh.id))?.score).toBeNull();
    const january = await getLeaderboard({ viewerId: scored.id, range: { from: "2025-01-01", to: "2025-01-31" } });
    expect(january.me?.score).toBe(42);
  });

  test("totals add up across days and networks", async () => {
    const { postId } = await makeLivePost();
    const advocate = await makeUser();
    await addRollup(advocate.id, postId, { shares: 1, scoredShares: 1, countedClicks: 2 }, "linkedin", "2025-01-01");
    await addRollup(
      advocate.id,
      postId,
      { shares: 1, scoredShares: 1, countedClicks: 1, reshares: 1 },
      "linkedin",
      "2025-02-01",
    );
    await addRollup(advocate.id, postId, { shares: 3, scoredShares: 2, countedClicks: 4 }, "x", "2025-02-01");
    expect(await rowOf(advocate.id)).toMatchObject({ shares: 5, countedClicks: 7, reshares: 1, points: 4 + 7 * 2 + 5 });
  });
});
