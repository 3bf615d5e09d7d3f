import { randomBytes } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { auditEvents, rollupDaily, settings, trackedLinks, users, type Network } from "@/db/schema";
import { writeClicks, type PendingClick } from "@/lib/click-writer";
import { getLeaderboard, getTeamLeaderboard } from "@/lib/leaderboard";
import { resolvePeriod, type DayRange } from "@/lib/periods";
import { getSettings, getSettingsHistory, settingsInput, updateSettings } from "@/lib/settings";
import { addRollup, makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

// Every test in this file shares one database and the leaderboard is global, so each test ranks its own
// advocates in a fresh team, or in days no other test writes to.

async function teamOf(size: number, names?: string[]) {
  const teamId = await makeTeam();
  const people = [];
  for (let i = 0; i < size; i++) {
    const person = await makeUser(["advocate"], teamId);
    if (names?.[i]) await db.update(users).set({ name: names[i] }).where(eq(users.id, person.id));
    people.push(person);
  }
  return { teamId, people };
}

/** Restores the settings row after a test that changes it. */
async function withSettings<T>(patch: Partial<typeof settings.$inferInsert>, run: () => Promise<T>): Promise<T> {
  const { id: _id, ...before } = await getSettings();
  if (Object.keys(patch).length) await db.update(settings).set(patch).where(eq(settings.id, 1));
  try {
    return await run();
  } finally {
    await db.update(settings).set(before).where(eq(settings.id, 1));
  }
}

describe("ranking", () => {
  test("ties share a rank (1, 2, 2, 4) and order by name within a tie", async () => {
    const { teamId, people } = await teamOf(4, ["Dana", "Bea", "Carl", "Abe"]);
    const { postId } = await makeLivePost();
    const [dana, bea, carl, abe] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    await addRollup(dana.id, postId, "2024-05-01", { countedClicks: 10 }); // 20
    await addRollup(bea.id, postId, "2024-05-01", { reshares: 3 }); // 15
    await addRollup(carl.id, postId, "2024-05-02", { countedClicks: 5, scoredShares: 5, shares: 5 }); // 15
    await addRollup(abe.id, postId, "2024-05-02", { shares: 2, scoredShares: 2 }); // 2

    const { items, total } = await getLeaderboard({ teamId });
    expect(total).toBe(4);
    expect(items.map((r) => [r.rank, r.name, r.points])).toEqual([
      [1, "Dana", 20],
      [2, "Bea", 15],
      [2, "Carl", 15],
      [4, "Abe", 2],
    ]);
    expect(items[2]).toMatchObject({ shares: 5, countedClicks: 5, reshares: 0 });
  });

  test("pages are stable, and the viewer's own row comes back when it is on another page", async () => {
    const { teamId, people } = await teamOf(7);
    const { postId } = await makeLivePost();
    for (const [i, person] of people.entries())
      await addRollup(person.id, postId, "2024-05-03", { countedClicks: 10 - i });
    const last = people[6]!;

    const first = await getLeaderboard({ teamId, pageSize: 3, viewerId: last.id });
    expect(first.total).toBe(7);
    expect(first.items.map((r) => r.advocateId)).toEqual(people.slice(0, 3).map((p) => p.id));
    expect(first.meOnPage).toBe(false);
    expect(first.me).toMatchObject({ advocateId: last.id, rank: 7, countedClicks: 4, points: 8 });

    const third = await getLeaderboard({ teamId, pageSize: 3, page: 3, viewerId: last.id });
    expect(third.items.map((r) => r.advocateId)).toEqual([last.id]);
    expect(third.meOnPage).toBe(true);

    const pastTheEnd = await getLeaderboard({ teamId, pageSize: 3, page: 9, viewerId: people[0]!.id });
    expect(pastTheEnd.items).toEqual([]);
    expect(pastTheEnd.total).toBe(7);
    expect(pastTheEnd.me?.rank).toBe(1);

    const stranger = await makeUser();
    const outside = await getLeaderboard({ teamId, viewerId: stranger.id });
    expect(outside.me).toBeNull();
  });

  test("the team filter ranks only that team's advocates among themselves", async () => {
    const a = await teamOf(2);
    const b = await teamOf(1);
    const { postId } = await makeLivePost();
    await addRollup(a.people[0]!.id, postId, "2024-05-04", { countedClicks: 3 });
    await addRollup(a.people[1]!.id, postId, "2024-05-04", { countedClicks: 1 });
    await addRollup(b.people[0]!.id, postId, "2024-05-04", { countedClicks: 50 });

    const board = await getLeaderboard({ teamId: a.teamId });
    expect(board.items.map((r) => [r.rank, r.advocateId])).toEqual([
      [1, a.people[0]!.id],
      [2, a.people[1]!.id],
    ]);
    expect(board.total).toBe(2);
    const other = await getLeaderboard({ teamId: b.teamId, viewerId: a.people[0]!.id });
    expect(other.items.map((r) => r.advocateId)).toEqual([b.people[0]!.id]);
    expect(other.me).toBeNull();
  });

  test("a period counts only its days; all time counts everything", async () => {
    const { teamId, people } = await teamOf(2);
    const { postId } = await makeLivePost();
    const [early, late] = people as [(typeof people)[0], (typeof people)[0]];
    await addRollup(early.id, postId, "2024-06-30", { countedClicks: 10 });
    await addRollup(late.id, postId, "2024-07-01", { countedClicks: 1 });
    await addRollup(late.id, postId, "2024-07-31", { countedClicks: 1 });
    await addRollup(late.id, postId, "2024-08-01", { countedClicks: 100 });

    const july: DayRange = { from: "2024-07-01", to: "2024-07-31" };
    const inJuly = await getLeaderboard({ teamId, range: july });
    expect(inJuly.items.map((r) => [r.advocateId, r.countedClicks])).toEqual([[late.id, 2]]);
    const allTime = await getLeaderboard({ teamId });
    expect(allTime.items.map((r) => [r.advocateId, r.countedClicks])).toEqual([
      [late.id, 102],
      [early.id, 10],
    ]);
  });

  test("hidden names rank as “Anonymous advocate”; deactivated advocates leave the board", async () => {
    const { teamId, people } = await teamOf(3, ["Visible", "Hidden", "Gone"]);
    const { postId } = await makeLivePost();
    for (const person of people) await addRollup(person.id, postId, "2024-05-05", { countedClicks: 1 });
    await db.update(users).set({ hideName: true }).where(eq(users.id, people[1]!.id));
    await db.update(users).set({ active: false }).where(eq(users.id, people[2]!.id));

    const { items } = await getLeaderboard({ teamId });
    expect(items.map((r) => [r.rank, r.name])).toEqual([
      [1, "Anonymous advocate"],
      [1, "Visible"],
    ]);
  });

  test("Facebook shares score the Facebook share value; shares past the daily cap score nothing", async () => {
    const { teamId, people } = await teamOf(1);
    const { postId } = await makeLivePost();
    await addRollup(people[0]!.id, postId, "2024-05-06", { shares: 3, scoredShares: 2 }, "linkedin");
    await addRollup(people[0]!.id, postId, "2024-05-06", { shares: 1, scoredShares: 1 }, "facebook");
    const [row] = (await getLeaderboard({ teamId })).items;
    expect(row).toMatchObject({ shares: 4, points: 2 });
    await withSettings({ pointsShareFacebook: 4 }, async () => {
      expect((await getLeaderboard({ teamId })).items[0]?.points).toBe(6);
    });
  });
});

describe("re-scoring", () => {
  test("a change of point values in the admin settings re-scores and re-ranks all history, audited", async () => {
    const { teamId, people } = await teamOf(2, ["Clicker", "Resharer"]);
    const [clicker, resharer] = people as [(typeof people)[0], (typeof people)[0]];
    const { postId } = await makeLivePost();
    await addRollup(clicker.id, postId, "2023-03-01", { countedClicks: 10 });
    await addRollup(resharer.id, postId, "2023-03-01", { reshares: 3 });
    expect((await getLeaderboard({ teamId })).items.map((r) => [r.name, r.points])).toEqual([
      ["Clicker", 20],
      ["Resharer", 15],
    ]);

    const admin = await makeUser(["advocate", "admin"]);
    const current = await getSettings();
    const input = settingsInput.parse({
      pointsShare: String(current.pointsShare),
      pointsShareFacebook: String(current.pointsShareFacebook),
      pointsClick: String(current.pointsClick),
      pointsReshare: "10",
      dailyShareCap: String(current.dailyShareCap),
      embedReshareDailyCap: String(current.embedReshareDailyCap),
      reportedReshareEventCap: String(current.reportedReshareEventCap),
      timeZone: current.timeZone,
      costPerClick: current.costPerClick,
      leaderboardBadges: current.leaderboardBadges ? "shown" : "off",
    });
    await withSettings({}, async () => {
      expect(await updateSettings(admin.id, input)).toEqual({ changed: ["pointsReshare"] });
      expect((await getLeaderboard({ teamId })).items.map((r) => [r.rank, r.name, r.points])).toEqual([
        [1, "Resharer", 30],
        [2, "Clicker", 20],
      ]);
      const [event] = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.actorId, admin.id))
        .orderBy(desc(auditEvents.id))
        .limit(1);
      expect(event).toMatchObject({
        action: "settings.update",
        target: "settings",
        details: { changes: { pointsReshare: { from: 5, to: 10 } } },
      });
      expect((await getSettingsHistory(1))[0]).toMatchObject({
        actor: admin.name,
        changes: { pointsReshare: { from: 5, to: 10 } },
      });
      // Saving the same values again changes nothing and writes no audit event.
      expect(await updateSettings(admin.id, input)).toEqual({ changed: [] });
      expect(await db.select().from(auditEvents).where(eq(auditEvents.actorId, admin.id))).toHaveLength(1);
    });
  });

  test("the settings form refuses an unknown time zone, negative points and odd amounts", () => {
    const valid = {
      pointsShare: "1",
      pointsShareFacebook: "0",
      pointsClick: "2",
      pointsReshare: "5",
      dailyShareCap: "10",
      embedReshareDailyCap: "10",
      reportedReshareEventCap: "50",
      timeZone: "Europe/Lisbon",
      costPerClick: "1.5",
      leaderboardBadges: "shown",
    };
    expect(settingsInput.parse(valid)).toMatchObject({
      timeZone: "Europe/Lisbon",
      costPerClick: "1.50",
      pointsClick: 2,
      leaderboardBadges: true,
    });
    expect(settingsInput.parse({ ...valid, timeZone: "UTC" }).timeZone).toBe("UTC");
    const bad = settingsInput.safeParse({
      ...valid,
      timeZone: "Mars/Olympus",
      pointsClick: "-1",
      costPerClick: "1.505",
      dailyShareCap: "ten",
      embedReshareDailyCap: "-1",
      reportedReshareEventCap: "0",
      leaderboardBadges: "yes",
    });
    expect(bad.success).toBe(false);
    expect(Object.keys(bad.error!.flatten().fieldErrors).sort()).toEqual([
      "costPerClick",
      "dailyShareCap",
      "embedReshareDailyCap",
      "leaderboardBadges",
      "pointsClick",
      "reportedReshareEventCap",
      "timeZone",
    ]);
  });
});

describe("periods in the company time zone", () => {
  const LA = "America/Los_Angeles";

  /** A real click through the batched writer, which files it under its day in the company time zone. */
  async function clickAt(link: { id: number; advocateId: string; postId: number; network: Network }, at: string) {
    const visitor = randomBytes(6).toString("hex");
    const click: PendingClick = {
      linkId: link.id,
      advocateId: link.advocateId,
      postId: link.postId,
      network: link.network,
      at: new Date(at),
      requestReason: null,
      visitorHash: visitor,
      previousVisitorHash: `${visitor}-y`,
      addressHash: visitor,
      previousAddressHash: `${visitor}-y`,
      sessionToken: null,
      country: null,
      device: "desktop",
      referrerHost: null,
    };
    await writeClicks([click]);
  }

  async function linkFor(advocateId: string) {
    const { postId } = await makeLivePost();
    const [link] = await db
      .insert(trackedLinks)
      .values({ code: randomBytes(6).toString("hex"), advocateId, postId, network: "linkedin" })
      .returning({ id: trackedLinks.id });
    return { id: link!.id, advocateId, postId, network: "linkedin" as const };
  }

  test("a month ends at midnight in the company's zone, not UTC's", async () => {
    const { teamId, people } = await teamOf(1);
    const link = await linkFor(people[0]!.id);
    await withSettings({ timeZone: LA }, async () => {
      await clickAt(link, "2026-03-01T07:30:00Z"); // 23:30 on 28 February in Los Angeles
      await clickAt(link, "2026-03-01T08:30:00Z"); // 00:30 on 1 March in Los Angeles
      await clickAt(link, "2026-03-31T23:30:00Z"); // 16:30 on 31 March in Los Angeles
    });
    const days = await db
      .select({ day: rollupDaily.day, n: rollupDaily.countedClicks })
      .from(rollupDaily)
      .where(eq(rollupDaily.advocateId, link.advocateId))
      .orderBy(rollupDaily.day);
    expect(days).toEqual([
      { day: "2026-02-28", n: 1 },
      { day: "2026-03-01", n: 1 },
      { day: "2026-03-31", n: 1 },
    ]);

    const lateFebruary = resolvePeriod(
      { period: "month" },
      { timeZone: LA, now: new Date("2026-03-01T07:45:00Z") },
    ).period;
    expect(lateFebruary).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect((await getLeaderboard({ teamId, range: lateFebruary })).items[0]?.countedClicks).toBe(1);

    const earlyMarch = resolvePeriod(
      { period: "month" },
      { timeZone: LA, now: new Date("2026-03-01T08:45:00Z") },
    ).period;
    expect(earlyMarch).toMatchObject({ from: "2026-03-01", to: "2026-03-01" });
    expect((await getLeaderboard({ teamId, range: earlyMarch })).items[0]?.countedClicks).toBe(1);

    const endOfMarch = resolvePeriod(
      { period: "month" },
      { timeZone: LA, now: new Date("2026-04-01T06:00:00Z") },
    ).period;
    expect(endOfMarch).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
    expect((await getLeaderboard({ teamId, range: endOfMarch })).items[0]?.countedClicks).toBe(2);
  });

  test("a week starts on Monday in the company's zone; a quarter on the first of its month", async () => {
    const { teamId, people } = await teamOf(1);
    const link = await linkFor(people[0]!.id);
    await withSettings({ timeZone: LA }, async () => {
      await clickAt(link, "2026-05-04T06:30:00Z"); // Sunday 3 May, 23:30 in Los Angeles
      await clickAt(link, "2026-05-04T07:30:00Z"); // Monday 4 May, 00:30 in Los Angeles
      await clickAt(link, "2026-05-04T08:30:00Z");
    });
    const monday = resolvePeriod({ period: "week" }, { timeZone: LA, now: new Date("2026-05-04T09:00:00Z") }).period;
    expect(monday).toMatchObject({ kind: "week", from: "2026-05-04", to: "2026-05-04" });
    expect((await getLeaderboard({ teamId, range: monday })).items[0]?.countedClicks).toBe(2);
    // Still Sunday in Los Angeles, though Monday in UTC: the week before.
    const sunday = resolvePeriod({ period: "week" }, { timeZone: LA, now: new Date("2026-05-04T06:45:00Z") }).period;
    expect(sunday).toMatchObject({ from: "2026-04-27", to: "2026-05-03" });
    expect((await getLeaderboard({ teamId, range: sunday })).items[0]?.countedClicks).toBe(1);

    const quarter = resolvePeriod(
      { period: "quarter" },
      { timeZone: LA, now: new Date("2026-05-04T09:00:00Z") },
    ).period;
    expect(quarter).toMatchObject({ from: "2026-04-01", to: "2026-05-04" });
    expect((await getLeaderboard({ teamId, range: quarter })).items[0]?.countedClicks).toBe(3);
  });
});

describe("teams against each other", () => {
  test("teams rank by points per active member; ties share a rank", async () => {
    const { postId } = await makeLivePost();
    const big = await teamOf(4);
    const small = await teamOf(1);
    const even = await teamOf(2);
    // big: 40 points over 4 members = 10; small: 20 over 1 = 20; even: 20 over 2 = 10.
    await addRollup(big.people[0]!.id, postId, "2022-02-01", { countedClicks: 20, shares: 1 });
    await addRollup(small.people[0]!.id, postId, "2022-02-01", { countedClicks: 10 });
    await addRollup(even.people[0]!.id, postId, "2022-02-01", { countedClicks: 5 });
    await addRollup(even.people[1]!.id, postId, "2022-02-02", { countedClicks: 5, shares: 2 });

    const range = { from: "2022-02-01", to: "2022-02-28" };
    const board = await getTeamLeaderboard({ range });
    const row = (teamId: number) => board.find((r) => r.teamId === teamId);
    expect(row(small.teamId)).toMatchObject({ points: 20, members: 1, sharers: 0, pointsPerMember: 20 });
    expect(row(big.teamId)).toMatchObject({ points: 40, members: 4, sharers: 1, shares: 1, pointsPerMember: 10 });
    expect(row(even.teamId)).toMatchObject({
      points: 20,
      members: 2,
      sharers: 1,
      shares: 2,
      countedClicks: 10,
      pointsPerMember: 10,
    });
    const rankOf = (teamId: number) => row(teamId)!.rank;
    expect(rankOf(big.teamId)).toBe(rankOf(even.teamId));
    expect(rankOf(small.teamId)).toBeLessThan(rankOf(big.teamId));
  });
});
