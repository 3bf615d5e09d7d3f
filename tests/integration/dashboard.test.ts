import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { campaigns, posts, settings, trackedLinks, users } from "@/db/schema";
import { getDashboard, getTimeline } from "@/lib/dashboard";
import { getLeaderboard } from "@/lib/leaderboard";
import { EXPORTS } from "@/lib/exports";
import { getMyLinks, getMyStats } from "@/lib/stats";
import { resolvePeriod, todayIn } from "@/lib/periods";
import { getSettings } from "@/lib/settings";
import { LEADERBOARD_CSV_HEADER } from "@/tests/fixtures/leaderboard-csv";
import { addRollup, makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

// One database for the whole file: each test works in its own team, or its own advocate, and its own days.

async function makeCampaign(
  name: string,
  clickGoal: number | null,
  startsOn: string | null = null,
  endsOn: string | null = null,
) {
  const [row] = await db
    .insert(campaigns)
    .values({
      name,
      slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${randomBytes(3).toString("hex")}`,
      clickGoal,
      startsOn,
      endsOn,
    })
    .returning({ id: campaigns.id });
  return row!.id;
}

describe("leadership dashboard", () => {
  test("summary, timeline, networks, top posts, hashtags and campaigns for one team and period", async () => {
    const teamId = await makeTeam();
    // The third, who never shares, makes participation 2 of 3 active members.
    const [ana, ben, _neverShares, gone] = await Promise.all([
      makeUser(["advocate"], teamId),
      makeUser(["advocate"], teamId),
      makeUser(["advocate"], teamId),
      makeUser(["advocate"], teamId),
    ]);
    await db.update(users).set({ active: false }).where(eq(users.id, gone!.id));
    const outsider = await makeUser(["advocate"], await makeTeam());

    const launch = await makeCampaign("Launch", 100, "2021-03-01", "2021-03-31");
    const { postId: p1 } = await makeLivePost({ title: "Post one", hashtags: ["cloud", "launch"] });
    const { postId: p2 } = await makeLivePost({ title: "Post two", hashtags: ["cloud"] });
    await db.update(posts).set({ campaignId: launch }).where(eq(posts.id, p1));

    await addRollup(ana!.id, p1, "2021-03-02", {
      shares: 1,
      scoredShares: 1,
      clicks: 12,
      countedClicks: 10,
      reshares: 1,
    });
    await addRollup(ana!.id, p1, "2021-03-04", { clicks: 5, countedClicks: 5 }, "linkedin");
    await addRollup(ben!.id, p2, "2021-03-04", { shares: 2, scoredShares: 2, clicks: 3, countedClicks: 3 }, "x");
    await addRollup(ben!.id, p1, "2021-03-04", { clicks: 4, countedClicks: 2, reshares: 2 }, "facebook");
    // Outside the period, outside the team, and a deactivated member: none of them in the numbers below…
    await addRollup(ana!.id, p1, "2021-02-28", { shares: 1, countedClicks: 100 });
    await addRollup(outsider.id, p1, "2021-03-03", { shares: 1, countedClicks: 50 });
    // …though a deactivated member's history still counts toward the programme's results.
    await addRollup(gone!.id, p2, "2021-03-05", { countedClicks: 1 }, "email");

    const range = { from: "2021-03-01", to: "2021-03-07" };
    const d = await getDashboard({ range, teamId }, "2021-03-07");
    const cost = Number((await getSettings()).costPerClick);

    expect(d.summary).toMatchObject({
      shares: 3,
      clicks: 25,
      countedClicks: 21,
      reshares: 3,
      sharers: 2,
      activeAdvocates: 3,
    });
    expect(d.summary.participation).toBeCloseTo(2 / 3);
    expect(d.summary.earnedMediaValue).toBeCloseTo(21 * cost);

    expect(d.timeline.bucket).toBe("day");
    expect(d.timeline.points.map((p) => [p.start, p.countedClicks, p.reshares])).toEqual([
      ["2021-03-01", 0, 0],
      ["2021-03-02", 10, 1],
      ["2021-03-03", 0, 0],
      ["2021-03-04", 10, 2],
      ["2021-03-05", 1, 0],
      ["2021-03-06", 0, 0],
      ["2021-03-07", 0, 0],
    ]);

    expect(d.networks.map((r) => [r.network, r.shares, r.countedClicks, r.reshares])).toEqual([
      ["linkedin", 1, 15, 1],
      ["x", 2, 3, 0],
      ["facebook", 0, 2, 2],
      ["email", 0, 1, 0],
      ["copy", 0, 0, 0],
    ]);

    expect(d.topPosts.map((r) => [r.title, r.campaign, r.advocates, r.shares, r.countedClicks, r.reshares])).toEqual([
      ["Post one", "Launch", 1, 1, 17, 3],
      ["Post two", null, 1, 2, 4, 0],
    ]);
    expect(d.topHashtags.map((r) => [r.tag, r.posts, r.countedClicks])).toEqual([
      ["cloud", 2, 21],
      ["launch", 1, 17],
    ]);
    // Goal progress is the campaign's own: every team, within its dates (so not 28 February's 100).
    expect(d.topCampaigns).toEqual([
      expect.objectContaining({
        name: "Launch",
        countedClicks: 17,
        reshares: 3,
        goal: 100,
        goalClicks: 67,
        goalProgress: 0.67,
      }),
    ]);
  });

  test("all time starts the timeline at the first day of activity, in weeks or months when long", async () => {
    const teamId = await makeTeam();
    const advocate = await makeUser(["advocate"], teamId);
    const { postId } = await makeLivePost();
    await addRollup(advocate.id, postId, "2020-01-15", { countedClicks: 2 });
    await addRollup(advocate.id, postId, "2020-03-02", { countedClicks: 3 });

    const months = await getTimeline({ range: { from: null, to: null }, teamId }, "2020-12-31");
    expect(months.bucket).toBe("month");
    expect(months.points[0]).toMatchObject({ start: "2020-01-01", label: "Jan 2020", countedClicks: 2 });
    expect(months.points).toHaveLength(12);
    expect(months.points[2]).toMatchObject({ start: "2020-03-01", countedClicks: 3 });

    const weeks = await getTimeline({ range: { from: "2020-01-01", to: "2020-03-31" }, teamId }, "2020-12-31");
    expect(weeks.bucket).toBe("week");
    expect(weeks.points[0]!.start).toBe("2019-12-30"); // the Monday of the week 1 January falls in
    expect(weeks.points.find((p) => p.start === "2020-03-02")).toMatchObject({ label: "w/c 2 Mar", countedClicks: 3 });
    expect(weeks.points.reduce((sum, p) => sum + p.countedClicks, 0)).toBe(5);

    const empty = await getTimeline({ range: { from: null, to: null }, teamId: await makeTeam() }, "2020-12-31");
    expect(empty.points).toEqual([expect.objectContaining({ start: "2020-12-31", clicks: 0 })]);
  });

  test("participation counts only active advocates of the team, and is 0 for an empty team", async () => {
    const empty = await getDashboard(
      { range: { from: "2019-01-01", to: "2019-01-31" }, teamId: await makeTeam() },
      "2019-01-31",
    );
    expect(empty.summary).toMatchObject({ activeAdvocates: 0, sharers: 0, participation: 0, earnedMediaValue: 0 });
  });

  test("the cost per click values earned media to the cent", async () => {
    const teamId = await makeTeam();
    const advocate = await makeUser(["advocate"], teamId);
    const { postId } = await makeLivePost();
    await addRollup(advocate.id, postId, "2019-06-01", { countedClicks: 3 });
    const { id: _id, ...before } = await getSettings();
    await db.update(settings).set({ costPerClick: "0.35" }).where(eq(settings.id, 1));
    try {
      const d = await getDashboard({ range: { from: "2019-06-01", to: "2019-06-30" }, teamId }, "2019-06-30");
      expect(d.summary.earnedMediaValue).toBe(1.05);
    } finally {
      await db.update(settings).set(before).where(eq(settings.id, 1));
    }
  });

  test("each export table has the screen's columns and every row", async () => {
    const teamId = await makeTeam();
    const advocate = await makeUser(["advocate"], teamId);
    const { postId } = await makeLivePost({ title: "Exported, with a comma" });
    await addRollup(advocate.id, postId, "2018-05-05", { shares: 1, scoredShares: 1, countedClicks: 4 });
    const period = resolvePeriod({ from: "2018-05-01", to: "2018-05-31" }, { timeZone: "UTC" }).period;
    const scope = { range: period, teamId };
    expect(await EXPORTS.posts!.rows(scope, period)).toEqual([
      expect.objectContaining({ title: "Exported, with a comma", countedClicks: 4 }),
    ]);
    const leaderboard = (await EXPORTS.leaderboard!.rows(scope, period)) as { rank: number; points: number }[];
    expect(leaderboard.map((r) => [r.rank, r.points])).toEqual([[1, 9]]);
    // The Influenced column is in the CSV only for those the admin shows it to (the route filters it).
    expect(EXPORTS.leaderboard!.columns.map((c) => c.header)).toEqual(LEADERBOARD_CSV_HEADER);
    expect(EXPORTS.leaderboard!.columns.filter((c) => c.influenced).map((c) => c.header)).toEqual(["Influenced"]);
    const summary = (await EXPORTS.summary!.rows(scope, period)) as [string, string | number][];
    expect(Object.fromEntries(summary)).toMatchObject({
      "Counted clicks": 4,
      "Active advocates": 1,
      Participation: "100.0%",
    });
  });
});

describe("my stats", () => {
  test("my standing, overall and in my team, is the one the full and the team boards give me (ties, no activity)", async () => {
    const { timeZone } = await getSettings();
    const day = todayIn(timeZone);
    const teamId = await makeTeam();
    const [top, tiedA, tiedB, idle] = await Promise.all([1, 2, 3, 4].map(() => makeUser(["advocate"], teamId)));
    const outsider = await makeUser(["advocate"], await makeTeam());
    const { postId } = await makeLivePost({ title: "Standing" });
    await addRollup(top!.id, postId, day, { countedClicks: 900 });
    await addRollup(tiedA!.id, postId, day, { countedClicks: 500 });
    await addRollup(tiedB!.id, postId, day, { countedClicks: 500 });
    await addRollup(outsider.id, postId, day, { countedClicks: 700 });
    for (const kind of ["all", "30d"] as const) {
      const period = resolvePeriod({ period: kind }, { timeZone }).period;
      for (const person of [top!, tiedA!, tiedB!, idle!, outsider]) {
        const [everyone, team] = await Promise.all([
          getLeaderboard({ viewerId: person.id, range: period, pageSize: 1 }),
          getLeaderboard({ viewerId: person.id, range: period, teamId: person.teamId, pageSize: 1 }),
        ]);
        const { overall, inTeam } = await getMyStats(person, period);
        expect(overall).toEqual({ row: everyone.me, rankedAdvocates: everyone.total });
        expect(inTeam).toEqual({ row: team.me, rankedAdvocates: team.total });
      }
    }
    const mine = await getMyStats(tiedB!, resolvePeriod({ period: "all" }, { timeZone }).period);
    expect(mine.inTeam).toMatchObject({ row: { rank: 2 }, rankedAdvocates: 3 });
    expect((await getMyStats(idle!, resolvePeriod({ period: "all" }, { timeZone }).period)).inTeam?.row).toBeNull();
  });

  test("points, rank overall and in my team, best posts, networks and the weekly streak", async () => {
    const { timeZone } = await getSettings();
    const today = todayIn(timeZone);
    const weeksAgo = (n: number) => {
      const d = new Date(`${today}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 7 * n);
      return d.toISOString().slice(0, 10);
    };
    const teamId = await makeTeam();
    const me = await makeUser(["advocate"], teamId);
    const teammate = await makeUser(["advocate"], teamId);
    const { postId: best } = await makeLivePost({ title: "Best" });
    const { postId: other } = await makeLivePost({ title: "Other" });
    // Shares in the last three weeks (not this one) and one long before: a streak of 3, longest 3.
    for (const n of [1, 2, 3, 10]) await addRollup(me.id, other, weeksAgo(n), { shares: 1, scoredShares: 1 }, "x");
    await addRollup(me.id, best, weeksAgo(1), { countedClicks: 6, reshares: 1 }, "linkedin");
    await addRollup(teammate.id, best, weeksAgo(1), { countedClicks: 100 });

    const period = resolvePeriod({ period: "all" }, { timeZone }).period;
    const stats = await getMyStats(me, period);
    expect(stats.overall.row).toMatchObject({ shares: 4, countedClicks: 6, reshares: 1, points: 4 + 12 + 5 });
    expect(stats.overall.rankedAdvocates).toBeGreaterThanOrEqual(2);
    expect(stats.inTeam).toMatchObject({ row: { rank: 2 }, rankedAdvocates: 2 });
    expect(stats.bestPosts.map((p) => [p.title, p.points])).toEqual([
      ["Best", 17],
      ["Other", 4],
    ]);
    expect(stats.networks.map((r) => [r.network, r.points])).toEqual([
      ["linkedin", 17],
      ["x", 4],
    ]);
    expect(stats.streak).toEqual({ current: 3, longest: 3, sharedThisWeek: false });
    expect(stats.timeline.points.reduce((s, p) => s + p.countedClicks, 0)).toBe(6);

    const nobody = await makeUser();
    const empty = await getMyStats(nobody, period);
    expect(empty.overall.row).toBeNull();
    expect(empty.streak).toEqual({ current: 0, longest: 0, sharedThisWeek: false });
  });

  test("my tracked links with their clicks, including reach through links visitors made from mine", async () => {
    const me = await makeUser();
    const { postId: p1 } = await makeLivePost({ title: "Linked" });
    const { postId: p2 } = await makeLivePost({ title: "Quiet" });
    const code = (s: string) => `${s}${randomBytes(4).toString("hex")}`;
    const [mine] = await db
      .insert(trackedLinks)
      .values({ code: code("L"), advocateId: me.id, postId: p1, network: "linkedin" })
      .returning({ code: trackedLinks.code });
    const [quiet] = await db
      .insert(trackedLinks)
      .values({ code: code("Q"), advocateId: me.id, postId: p2, network: "x" })
      .returning({ code: trackedLinks.code });
    // A visitor's child link (via /embed.js) on Facebook credits me, on a network I never shared to.
    await db
      .insert(trackedLinks)
      .values({ code: code("E"), advocateId: me.id, postId: p1, network: "facebook", origin: "embed" });
    await addRollup(me.id, p1, "2017-01-01", { shares: 1, clicks: 9, countedClicks: 7 }, "linkedin");
    await addRollup(me.id, p1, "2017-01-02", { clicks: 2, countedClicks: 2 }, "facebook");

    const { items, total } = await getMyLinks(me.id);
    expect(total).toBe(3);
    expect(items.map((l) => [l.title, l.network, l.code, l.clicks, l.countedClicks])).toEqual([
      ["Linked", "linkedin", mine!.code, 9, 7],
      ["Linked", "facebook", null, 2, 2],
      ["Quiet", "x", quiet!.code, 0, 0],
    ]);
    expect((await getMyLinks(me.id, 5)).items).toEqual([]);
  });
});
