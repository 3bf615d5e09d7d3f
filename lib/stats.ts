import { sql } from "drizzle-orm";
import { readRows, rows } from "@/db/client";
import { posts, rollupDaily, trackedLinks, type Network } from "@/db/schema";
import { getTimeline, scopeFilter, type Timeline } from "@/lib/dashboard";
import { getStandings, POINTS, SCORING, type LeaderboardRow } from "@/lib/leaderboard";
import { shareStreak, type Period, type Streak } from "@/lib/periods";

/**
 * An advocate's own numbers (docs/product.md#reports), all from the rollup, read like every report from the
 * read connection (a replica when DATABASE_READ_URL is set). Their own links (getMyLinks) come from the primary:
 * a link shared a moment ago is listed at once.
 */
export type Standing = { row: LeaderboardRow | null; rankedAdvocates: number };
export type MyPostRow = {
  postId: number;
  title: string;
  shares: number;
  countedClicks: number;
  reshares: number;
  points: number;
};
export type MyNetworkRow = {
  network: Network;
  shares: number;
  clicks: number;
  countedClicks: number;
  reshares: number;
  points: number;
};
export type MyStats = {
  overall: Standing;
  /** Rank among the advocate's own team; null without a team. */
  inTeam: Standing | null;
  timeline: Timeline;
  bestPosts: MyPostRow[];
  networks: MyNetworkRow[];
  streak: Streak;
};

export async function getMyStats(advocate: { id: string; teamId: number | null }, period: Period): Promise<MyStats> {
  const scope = { range: period, advocateId: advocate.id };
  const [{ overall, inTeam }, timeline, bestPosts, networks, weeks] = await Promise.all([
    getStandings(advocate, period),
    getTimeline(scope, period.today),
    readRows<{
      post_id: number;
      title: string;
      shares: number;
      counted_clicks: number;
      reshares: number;
      points: number;
    }>(sql`
      with ${SCORING},
      t as (
        select r.post_id, sum(r.shares)::int as shares, sum(r.counted_clicks)::int as counted_clicks,
               sum(r.reshares)::int as reshares, sum(${POINTS})::int as points
        from ${rollupDaily} r cross join s where ${scopeFilter(scope)} group by r.post_id
      )
      select t.*, p.title from t join ${posts} p on p.id = t.post_id
      order by t.points desc, t.counted_clicks desc, t.post_id limit 5`),
    readRows<{
      network: Network;
      shares: number;
      clicks: number;
      counted_clicks: number;
      reshares: number;
      points: number;
    }>(sql`
      with ${SCORING}
      select r.network::text as network, sum(r.shares)::int as shares, sum(r.clicks)::int as clicks,
             sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares, sum(${POINTS})::int as points
      from ${rollupDaily} r cross join s where ${scopeFilter(scope)}
      group by r.network order by points desc, counted_clicks desc`),
    // The streak is about habit, so it looks at all weeks whatever period the page shows.
    readRows<{ week: string }>(sql`
      select distinct date_trunc('week', r.day::timestamp)::date::text as week
      from ${rollupDaily} r where r.advocate_id = ${advocate.id} and r.shares > 0`),
  ]);
  return {
    overall,
    inTeam,
    timeline,
    bestPosts: bestPosts.map((r) => ({
      postId: r.post_id,
      title: r.title,
      shares: r.shares,
      countedClicks: r.counted_clicks,
      reshares: r.reshares,
      points: r.points,
    })),
    networks: networks.map((r) => ({
      network: r.network,
      shares: r.shares,
      clicks: r.clicks,
      countedClicks: r.counted_clicks,
      reshares: r.reshares,
      points: r.points,
    })),
    streak: shareStreak(
      weeks.map((w) => w.week),
      period.today,
    ),
  };
}

export type MyLinkRow = {
  postId: number;
  title: string;
  network: Network;
  /** The advocate's own short code; null for clicks that came only through links visitors made from theirs. */
  code: string | null;
  clicks: number;
  countedClicks: number;
  reshares: number;
};

export const MY_LINKS_PAGE_SIZE = 20;

/**
 * The advocate's tracked links with their clicks (all time). Totals come from the rollup, which keeps
 * (advocate, post, network): a child link a visitor made through /embed.js adds to the row of the same
 * post and network, and appears on its own row (without a code of the advocate's) when they never shared
 * there themselves, so the rows add up to the advocate's totals.
 */
export async function getMyLinks(advocateId: string, page = 1): Promise<{ items: MyLinkRow[]; total: number }> {
  const offset = (Math.max(1, page) - 1) * MY_LINKS_PAGE_SIZE;
  type Raw = {
    post_id: number;
    title: string;
    network: Network;
    code: string | null;
    clicks: number;
    counted_clicks: number;
    reshares: number;
    total: number;
  };
  const found = await rows<Raw>(sql`
    with totals as (
      select r.post_id, r.network, sum(r.clicks)::int as clicks, sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
      from ${rollupDaily} r where r.advocate_id = ${advocateId} group by r.post_id, r.network
    ),
    mine as (
      select l.post_id, l.network, l.code, l.created_at from ${trackedLinks} l where l.advocate_id = ${advocateId} and l.origin <> 'embed'
    )
    select coalesce(m.post_id, t.post_id) as post_id, p.title, coalesce(m.network, t.network)::text as network, m.code,
           coalesce(t.clicks, 0) as clicks, coalesce(t.counted_clicks, 0) as counted_clicks, coalesce(t.reshares, 0) as reshares,
           count(*) over ()::int as total
    from mine m full join totals t on t.post_id = m.post_id and t.network = m.network
    join ${posts} p on p.id = coalesce(m.post_id, t.post_id)
    order by coalesce(t.counted_clicks, 0) desc, m.created_at desc nulls last, 1, 3
    limit ${MY_LINKS_PAGE_SIZE} offset ${offset}`);
  const items = found.map((r) => ({
    postId: r.post_id,
    title: r.title,
    network: r.network,
    code: r.code,
    clicks: r.clicks,
    countedClicks: r.counted_clicks,
    reshares: r.reshares,
  }));
  return { items, total: found[0]?.total ?? 0 };
}
