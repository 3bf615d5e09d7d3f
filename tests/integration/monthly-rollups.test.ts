import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, test, vi } from "vitest";
import { db } from "@/db/client";
import {
  campaigns,
  NETWORKS,
  posts,
  rollupByDay,
  rollupByMonth,
  rollupDaily,
  rollupMonthly,
  rollupOutcomes,
} from "@/db/schema";
import { getDashboard } from "@/lib/dashboard";
import { getLeaderboardRows, getTeamLeaderboard } from "@/lib/leaderboard";
import { getOutcomeReport, getOutcomesBy, OUTCOME_DIMENSIONS } from "@/lib/outcomes/reports";
import { dateToDay, dayToDate, resolvePeriod, type DayRange } from "@/lib/periods";
import { monthlyRollupDrift, rebuildMonthlyRollups, splitByMonth } from "@/lib/rollup-rows";
import { makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

// The reports read whole months from the monthly tables. The reference is the same code reading every day from the
// daily tables, as it did before the monthly tables existed: with `daily.only` the row sources below do just that.
const daily = vi.hoisted(() => ({ only: false }));
vi.mock("@/lib/rollup-rows", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/rollup-rows")>();
  const { sql: q } = await import("drizzle-orm");
  const dailyRows = (table: string, columns: string) => (range: DayRange | undefined) =>
    q`(select day, ${q.raw(columns)} from ${q.raw(table)} r where ${real.dayFilter(range)})`;
  const clicks = dailyRows(
    "rollup_daily",
    "advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares",
  );
  const outcomes = dailyRows(
    "rollup_outcomes",
    "advocate_id, post_id, network, currency, conversions, leads, signups, opportunities, won, pipeline, revenue",
  );
  // The single-dimension sources (rollup_by_month for whole months) against every daily row, Facebook shares apart.
  const clicksBy = dailyRows(
    "rollup_daily",
    "advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares, case when network = 'facebook' then scored_shares else 0 end as facebook_scored_shares",
  );
  type Dimension = Parameters<typeof real.clickRollupRowsBy>[1];
  return {
    ...real,
    clickRollupRows: (range: DayRange | undefined) => (daily.only ? clicks(range) : real.clickRollupRows(range)),
    outcomeRollupRows: (range: DayRange | undefined) => (daily.only ? outcomes(range) : real.outcomeRollupRows(range)),
    clickRollupRowsBy: (range: DayRange | undefined, dimension: Dimension) =>
      daily.only ? clicksBy(range) : real.clickRollupRowsBy(range, dimension),
    outcomeRollupRowsBy: (range: DayRange | undefined, dimension: Dimension) =>
      daily.only ? outcomes(range) : real.outcomeRollupRowsBy(range, dimension),
  };
});

/** A small deterministic random generator, so a failing data set can be replayed from its seed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const shift = (day: string, days: number) => dateToDay(new Date(dayToDate(day).getTime() + days * 86_400_000));

test("a day range splits into its whole months and the days at either end", () => {
  expect(splitByMonth({ from: "2026-01-15", to: "2026-04-10" })).toEqual({
    days: [
      { from: "2026-01-15", to: "2026-01-31" },
      { from: "2026-04-01", to: "2026-04-10" },
    ],
    months: { from: "2026-02-01", to: "2026-03-01" },
  });
  expect(splitByMonth({ from: "2026-02-01", to: "2026-02-28" })).toEqual({
    days: [],
    months: { from: "2026-02-01", to: "2026-02-01" },
  });
  expect(splitByMonth({ from: "2026-02-02", to: "2026-03-30" })).toEqual({
    days: [{ from: "2026-02-02", to: "2026-03-30" }],
    months: null,
  });
  expect(splitByMonth({ from: null, to: null })).toEqual({ days: [], months: { from: null, to: null } });
  expect(splitByMonth({ from: "2025-12-31", to: null })).toEqual({
    days: [{ from: "2025-12-31", to: "2025-12-31" }],
    months: { from: "2026-01-01", to: null },
  });
});

test("dashboard, outcome reports and leaderboards read the same figures from months as from days", async () => {
  const next = random(20261202);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const teamIds = [await makeTeam(), await makeTeam()];
  const advocates = await Promise.all(Array.from({ length: 8 }, (_, i) => makeUser(["advocate"], teamIds[i % 2]!)));
  const livePosts = await Promise.all(Array.from({ length: 5 }, (_, i) => makeLivePost({ hashtags: [`tag${i % 3}`] })));
  const [campaign] = await db
    .insert(campaigns)
    .values({ name: "Months", slug: `months-${randomBytes(3).toString("hex")}`, clickGoal: 50 })
    .returning({ id: campaigns.id });
  for (const { postId } of livePosts.slice(0, 3))
    await db.update(posts).set({ campaignId: campaign!.id }).where(sql`id = ${postId}`);

  // Activity on random days over the 15 months before today, a few keys hit more than once.
  const today = resolvePeriod({ period: "all" }, { timeZone: "UTC" }).period.today;
  const day = () => shift(today, -Math.floor(next() * 450));
  const clickRows = new Map<string, typeof rollupDaily.$inferInsert>();
  for (let i = 0; i < 400; i++) {
    const row = { day: day(), advocateId: pick(advocates).id, postId: pick(livePosts).postId, network: pick(NETWORKS) };
    const shares = Math.floor(next() * 3);
    const clicks = Math.floor(next() * 20);
    const counted = Math.floor(clicks * next());
    clickRows.set(JSON.stringify(row), {
      ...row,
      shares,
      scoredShares: Math.min(shares, 1),
      clicks,
      countedClicks: counted,
      reshares: Math.floor(next() * 2),
    });
  }
  await db.insert(rollupDaily).values([...clickRows.values()]);
  for (let i = 0; i < 150; i++) {
    const unattributed = next() < 0.15;
    const advocate = pick(advocates);
    const currency = pick(["", "EUR", "USD"] as const);
    await db
      .insert(rollupOutcomes)
      .values({
        day: day(),
        advocateId: unattributed ? null : advocate.id,
        postId: unattributed ? null : pick(livePosts).postId,
        network: unattributed ? null : pick(NETWORKS),
        currency,
        conversions: 1,
        leads: currency ? 0 : 1,
        opportunities: currency ? 1 : 0,
        won: currency && next() < 0.5 ? 1 : 0,
        pipeline: currency ? (next() * 1000).toFixed(2) : "0",
        revenue: currency ? (next() * 1000).toFixed(2) : "0",
      })
      .onConflictDoNothing();
  }
  expect(await monthlyRollupDrift()).toEqual([]);

  const periods: DayRange[] = [
    { from: null, to: null },
    { from: shift(today, -89), to: today },
    { from: shift(today, -400), to: shift(today, -30) },
    { from: `${today.slice(0, 7)}-01`, to: today },
    { from: shift(today, -200), to: shift(today, 20) },
    { from: "2000-01-01", to: shift(today, -120) },
  ];
  const report = async (range: DayRange, teamId: number | null) => {
    const scope = { range, teamId };
    return {
      dashboard: await getDashboard(scope, today),
      outcomes: await getOutcomeReport(scope, today),
      outcomesByPost: await getOutcomesBy("post", scope, null),
      leaderboard: await getLeaderboardRows({ range: range.from || range.to ? range : undefined, teamId }),
      teams: await getTeamLeaderboard({ range: range.from || range.to ? range : undefined }),
    };
  };
  for (const range of periods)
    for (const teamId of [null, teamIds[0]!]) {
      daily.only = false;
      const fromMonths = await report(range, teamId);
      daily.only = true;
      const fromDays = await report(range, teamId);
      daily.only = false;
      expect(fromMonths, JSON.stringify({ range, teamId })).toEqual(fromDays);
      expect(fromMonths.dashboard.summary.clicks + fromMonths.outcomes.summary.conversions).toBeGreaterThan(0);
      // A breakdown's top few (ties at the cut included before the final order) are the head of the whole list.
      for (const dimension of OUTCOME_DIMENSIONS) {
        const all = await getOutcomesBy(dimension, { range, teamId }, null);
        expect(await getOutcomesBy(dimension, { range, teamId }, 3), dimension).toEqual(all.slice(0, 3));
      }
    }
  // Six periods × two scopes × every report twice: ~12 s on a quiet machine, over 30 s on a busy one.
}, 120_000);

test("a damaged monthly rollup shows as drift and the rebuild repairs it; emptied months disappear", async () => {
  const advocate = await makeUser();
  const { postId } = await makeLivePost();
  const key = { advocateId: advocate.id, postId, network: "x" as const };
  await db.insert(rollupDaily).values([
    { ...key, day: "2024-03-05", clicks: 3, countedClicks: 2 },
    { ...key, day: "2024-03-20", shares: 1, scoredShares: 1 },
  ]);
  await db
    .insert(rollupDaily)
    .values({ ...key, day: "2024-03-05", clicks: 1, countedClicks: 1 })
    .onConflictDoUpdate({
      target: [rollupDaily.day, rollupDaily.advocateId, rollupDaily.postId, rollupDaily.network],
      set: { clicks: sql`${rollupDaily.clicks} + 1`, countedClicks: sql`${rollupDaily.countedClicks} + 1` },
    });
  const month = () => db.select().from(rollupMonthly).where(sql`advocate_id = ${advocate.id}`);
  expect(await month()).toEqual([
    { ...key, month: "2024-03-01", shares: 1, scoredShares: 1, clicks: 4, countedClicks: 3, reshares: 0 },
  ]);
  expect(await monthlyRollupDrift()).toEqual([]);

  await db.update(rollupMonthly).set({ clicks: 99 }).where(sql`advocate_id = ${advocate.id}`);
  expect((await monthlyRollupDrift()).map((row) => row.table)).toEqual(["rollup_monthly", "rollup_monthly"]);
  expect(await db.transaction((tx) => rebuildMonthlyRollups(tx))).toBeGreaterThan(0);
  expect(await monthlyRollupDrift()).toEqual([]);

  // The single-dimension rows follow: one per advocate, post and network for the month, and a damaged one is drift.
  const byMonth = () =>
    db
      .select()
      .from(rollupByMonth)
      .where(sql`(dim, key) in (('advocate', ${advocate.id}), ('post', ${String(postId)}))`)
      .orderBy(rollupByMonth.dim);
  const sums = { month: "2024-03-01", shares: 1, scoredShares: 1, clicks: 4, countedClicks: 3, reshares: 0 };
  expect(await byMonth()).toEqual([
    { ...sums, dim: "advocate", key: advocate.id, facebookScoredShares: 0 },
    { ...sums, dim: "post", key: String(postId), facebookScoredShares: 0 },
  ]);
  await db
    .update(rollupByMonth)
    .set({ clicks: 7 })
    .where(sql`dim = 'post' and key = ${String(postId)}`);
  expect((await monthlyRollupDrift()).map((row) => row.table)).toEqual(["rollup_by_month", "rollup_by_month"]);
  await db.transaction((tx) => rebuildMonthlyRollups(tx));
  expect(await monthlyRollupDrift()).toEqual([]);
  expect((await byMonth()).map((row) => row.clicks)).toEqual([4, 4]);
  // And the per-day, per-network rows (company totals, reach, the timeline).
  const byDay = () => db.select().from(rollupByDay).where(sql`day = '2024-03-05' and network = 'x'`);
  expect((await byDay()).map((row) => row.clicks)).toEqual([4]);
  await db.update(rollupByDay).set({ clicks: 1 }).where(sql`day = '2024-03-05' and network = 'x'`);
  expect((await monthlyRollupDrift()).map((row) => row.table)).toEqual(["rollup_by_day", "rollup_by_day"]);
  await db.transaction((tx) => rebuildMonthlyRollups(tx));
  expect(await monthlyRollupDrift()).toEqual([]);
  expect((await byDay()).map((row) => row.clicks)).toEqual([4]);

  await db.delete(rollupDaily).where(sql`advocate_id = ${advocate.id}`);
  expect(await month()).toEqual([]);
  expect(await byMonth()).toEqual([]);
  expect(await byDay()).toEqual([]);
  expect(await monthlyRollupDrift()).toEqual([]);
});
