import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { subDays } from "date-fns";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { rows } from "@/db/client";
import { getLeaderboard } from "@/lib/leaderboard";
import { outcomeRollupDrift } from "@/lib/outcomes/rollup";
import { quarterAt } from "@/lib/outcomes/targets";
import { dateToDay } from "@/lib/periods";
import { listFeed } from "@/lib/posts";
import { challengesFor } from "@/lib/recognition/challenges";
import { monthlyRollupDrift } from "@/lib/rollup-rows";
import { rollupDrift } from "@/lib/rollups";
import { getStorage, LocalFileStorage } from "@/lib/storage";
import { DEMO_IMAGE_DIR, type DemoSummary, seedDemo } from "@/scripts/demo-seed";

// The demo's first look (README "Try it"): a quarter of a real-looking programme, written by the app's own writers.
const now = new Date();
let summary: DemoSummary | null;
let seconds = 0;

beforeAll(async () => {
  (globalThis as { __chorusStorage?: unknown }).__chorusStorage = new LocalFileStorage(
    mkdtempSync(path.join(tmpdir(), "chorus-demo-uploads-")),
  );
  const started = Date.now();
  summary = await seedDemo({ now });
  seconds = (Date.now() - started) / 1000;
}, 180_000);

describe("the demo seed", () => {
  test("writes some forty advocates in five teams, every one of them on the quarter's leaderboard", async () => {
    expect(summary).not.toBeNull();
    console.log(`demo seed: ${JSON.stringify(summary)} in ${seconds.toFixed(1)} s`);
    const teams = await rows<{ team: string; people: number }>(sql`
      select t.name as team, count(u.id)::int as people from teams t join users u on u.team_id = t.id group by t.name`);
    expect(teams).toHaveLength(5);
    for (const team of teams) expect(team.people).toBeGreaterThanOrEqual(5);
    const board = await getLeaderboard({ pageSize: 100 });
    expect(board.total).toBeGreaterThanOrEqual(40);
    expect(board.items.every((row) => row.points > 0)).toBe(true);
  });

  test("spreads a quarter of shares and counted clicks over every week, not just the last ones", async () => {
    const weeks = await rows<{ week: string; shares: number; counted: number }>(sql`
      select date_trunc('week', day)::date::text as week, sum(shares)::int as shares, sum(counted_clicks)::int as counted
      from rollup_daily group by 1 order by 1`);
    expect(weeks.length).toBeGreaterThanOrEqual(13);
    expect(weeks[0]!.week <= dateToDay(subDays(now, 84))).toBe(true);
    for (const week of weeks) {
      expect(week.shares, week.week).toBeGreaterThan(0);
      expect(week.counted, week.week).toBeGreaterThan(0);
    }
    // No week holds most of the quarter's clicks.
    const total = weeks.reduce((sum, w) => sum + w.counted, 0);
    expect(Math.max(...weeks.map((w) => w.counted))).toBeLessThan(total / 4);
  });

  test("the rollups equal a rebuild from the raw rows, by day, by month and for outcomes", async () => {
    expect(await rollupDrift()).toEqual([]);
    expect(await outcomeRollupDrift()).toEqual([]);
    expect(await monthlyRollupDrift()).toEqual([]);
    const [raw] = await rows<{ shares: number; clicks: number; reshares: number; conversions: number }>(sql`
      select (select count(*) from shares)::int as shares, (select count(*) from clicks)::int as clicks,
             (select coalesce(sum(count), 0) from reshares)::int as reshares,
             (select count(*) from conversions where reached_lead)::int as conversions`);
    expect(raw!.shares).toBe(summary!.shares);
    expect(raw!.clicks).toBe(summary!.clicks);
    expect(raw!.reshares).toBeGreaterThan(20);
    expect(raw!.conversions).toBeGreaterThan(20);
  });

  test("every live post has its image stored like an upload; the images shipped are small", async () => {
    const [advocate] = await rows<{ id: string; team_id: number }>(
      sql`select id, team_id from users where email = 'eli@chorus.local'`,
    );
    const feed = await listFeed(
      { id: advocate!.id, name: null, email: "eli@chorus.local", roles: ["advocate"], teamId: advocate!.team_id },
      { page: 1, order: "newest" },
    );
    expect(feed.items.length).toBeGreaterThanOrEqual(12);
    for (const post of feed.items) {
      expect(post.imageUrl, post.title).toMatch(/^\/uploads\/[0-9a-f-]{36}\.webp$/);
      const stored = await getStorage().get(post.imageUrl!.slice("/uploads/".length));
      expect(stored?.contentType).toBe("image/webp");
    }
    const files = readdirSync(DEMO_IMAGE_DIR).filter((f) => f.endsWith(".webp"));
    const sizes = files.map((f) => statSync(path.join(DEMO_IMAGE_DIR, f)).size);
    expect(Math.max(...sizes)).toBeLessThan(60 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(600 * 1024);
  });

  test("weekly scores for the quarter, badges, running challenges and this quarter's targets", async () => {
    const [recognition] = await rows<{ weeks: number; scored: number; badges: number; targets: number }>(sql`
      select (select count(distinct week) from score_snapshots)::int as weeks,
             (select count(distinct advocate_id) from score_snapshots where score > 0)::int as scored,
             (select count(*) from badges)::int as badges,
             (select count(*) from kpi_targets where quarter = ${quarterAt(now, "UTC").name})::int as targets`);
    expect(recognition).toMatchObject({ weeks: 13 });
    expect(recognition!.scored).toBeGreaterThanOrEqual(40);
    expect(recognition!.badges).toBeGreaterThanOrEqual(42);
    expect(recognition!.targets).toBeGreaterThanOrEqual(5);
    const [seller] = await rows<{ id: string; team_id: number }>(
      sql`select id, team_id from users where email = 'sam@chorus.local'`,
    );
    const running = await challengesFor({ id: seller!.id, teamId: seller!.team_id }, dateToDay(now));
    expect(running.length).toBe(2);
    expect(running.every((c) => c.progress > 0)).toBe(true);
  });

  test("a second run leaves the demo as it is", async () => {
    expect(await seedDemo({ now })).toBeNull();
  });
});
