import { sql, type SQL } from "drizzle-orm";
import { readRows } from "@/db/client";
import { campaigns, hashtags, NETWORKS, postHashtags, posts, rollupDaily, users, type Network } from "@/db/schema";
import { bucketFor, bucketLabel, bucketStart, bucketStarts, type Bucket, type DayRange } from "@/lib/periods";
import { clickRollupRows, clickRollupRowsBy, dayFilter, type RollupDimension } from "@/lib/rollup-rows";
import { getSettings } from "@/lib/settings";

/**
 * The leadership dashboard (docs/product.md#reports). Every figure is read from rollup_daily (advocate × post ×
 * network × day), never from raw clicks, so the page stays fast at millions of clicks.
 */
export type Scope = { range: DayRange; teamId?: number | null; advocateId?: string };

/** The rollup rows (`r`) a scope covers: its days, and one team's or one advocate's rows when asked. */
export function scopeFilter({ range, teamId, advocateId }: Scope): SQL {
  const team = teamId != null ? sql` and r.advocate_id in (select id from ${users} where team_id = ${teamId})` : sql``;
  const advocate = advocateId ? sql` and r.advocate_id = ${advocateId}` : sql``;
  return sql`${dayFilter(range)}${team}${advocate}`;
}

/** A team's or one advocate's view: only the advocate rows of the per-dimension tables can be filtered to it. */
const isScoped = (scope: Scope) => scope.teamId != null || !!scope.advocateId;

/** A rollup's two row sources: every key column, or one dimension's (lib/rollup-rows.ts). */
export type RowSources = {
  full: (range: DayRange | undefined) => SQL;
  by: (range: DayRange | undefined, dimension: RollupDimension) => SQL;
};

/**
 * A scope's rollup rows keyed by one dimension ("total" when any will do): company-wide, any dimension; for a
 * team or one advocate only the advocate rows can be filtered, so other breakdowns read the full rows instead.
 */
export function sourceFor(scope: Scope, dimension: RollupDimension | "total", sources: RowSources): SQL {
  if (dimension === "total") return sources.by(scope.range, isScoped(scope) ? "advocate" : "network");
  if (isScoped(scope) && dimension !== "advocate") return sources.full(scope.range);
  return sources.by(scope.range, dimension);
}

/** The click rollup's rows for a scope, keyed by one dimension (`sourceFor`). */
export function rowsBy(scope: Scope, dimension: RollupDimension | "total"): SQL {
  return sourceFor(scope, dimension, { full: clickRollupRows, by: clickRollupRowsBy });
}

/** Rows to bucket by day, week or month: month rows fit only month buckets; per-network rows are daily. */
function timelineRows(scope: Scope, bucket: Bucket): SQL {
  if (!isScoped(scope)) return rowsBy(scope, "network");
  return bucket === "month" ? rowsBy(scope, "total") : sql`${rollupDaily}`;
}

export type TimelinePoint = {
  start: string;
  label: string;
  shares: number;
  clicks: number;
  countedClicks: number;
  reshares: number;
};
export type Timeline = { bucket: Bucket; from: string; to: string; points: TimelinePoint[] };

/**
 * Activity per day, week or month across the scope's range, quiet buckets included as zero. An open
 * range ("all time") starts at the scope's first day of activity.
 */
export async function getTimeline(scope: Scope, today: string): Promise<Timeline> {
  // The chart stops today: a range that reaches into the future would only draw empty days.
  let from = scope.range.from;
  const to = !scope.range.to || scope.range.to > today ? (from && from > today ? from : today) : scope.range.to;
  if (!from) {
    const [first] = await readRows<{ day: string | null }>(
      sql`select min(r.day)::text as day from ${rollupDaily} r where ${scopeFilter(scope)}`,
    );
    from = first?.day && first.day < to ? first.day : to;
  }
  const bucket = bucketFor(from, to);
  const found = await readRows<{
    start: string;
    shares: number;
    clicks: number;
    counted_clicks: number;
    reshares: number;
  }>(sql`
    select date_trunc(${bucket}, r.day::timestamp)::date::text as start,
           sum(r.shares)::int as shares, sum(r.clicks)::int as clicks,
           sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
    from ${timelineRows({ ...scope, range: { from, to } }, bucket)} r
    where ${scopeFilter({ ...scope, range: { from, to } })}
    group by 1`);
  const byStart = new Map(found.map((row) => [row.start, row]));
  const points = bucketStarts(bucketStart(from, bucket), to, bucket).map((start) => {
    const row = byStart.get(start);
    return {
      start,
      label: bucketLabel(start, bucket),
      shares: row?.shares ?? 0,
      clicks: row?.clicks ?? 0,
      countedClicks: row?.counted_clicks ?? 0,
      reshares: row?.reshares ?? 0,
    };
  });
  return { bucket, from, to, points };
}

export type Summary = {
  shares: number;
  clicks: number;
  countedClicks: number;
  reshares: number;
  /** Active advocates who shared at least once in the period. */
  sharers: number;
  /** Advocates whose accounts are active (in the team, when filtered): participation's denominator. */
  activeAdvocates: number;
  /** sharers ÷ activeAdvocates, 0–1. */
  participation: number;
  costPerClick: number;
  /** countedClicks × costPerClick, rounded to cents. */
  earnedMediaValue: number;
};

export async function getSummary(scope: Scope): Promise<Summary> {
  const team = scope.teamId != null ? sql` and u.team_id = ${scope.teamId}` : sql``;
  const [[totals], [people], settings] = await Promise.all([
    readRows<{ shares: number; clicks: number; counted_clicks: number; reshares: number }>(sql`
      select coalesce(sum(r.shares), 0)::int as shares, coalesce(sum(r.clicks), 0)::int as clicks,
             coalesce(sum(r.counted_clicks), 0)::int as counted_clicks, coalesce(sum(r.reshares), 0)::int as reshares
      from ${rowsBy(scope, "total")} r where ${scopeFilter(scope)}`),
    readRows<{ active: number; sharers: number }>(sql`
      with sharers as (select distinct r.advocate_id from ${rowsBy(scope, "advocate")} r where ${scopeFilter(scope)} and r.shares > 0)
      select count(*)::int as active, count(s.advocate_id)::int as sharers
      from ${users} u left join sharers s on s.advocate_id = u.id
      where u.active and 'advocate' = any(u.roles)${team}`),
    getSettings(),
  ]);
  const costPerClick = Number(settings.costPerClick);
  const countedClicks = totals?.counted_clicks ?? 0;
  const activeAdvocates = people?.active ?? 0;
  const sharers = people?.sharers ?? 0;
  return {
    shares: totals?.shares ?? 0,
    clicks: totals?.clicks ?? 0,
    countedClicks,
    reshares: totals?.reshares ?? 0,
    sharers,
    activeAdvocates,
    participation: activeAdvocates ? sharers / activeAdvocates : 0,
    costPerClick,
    earnedMediaValue: Math.round(countedClicks * Math.round(costPerClick * 100)) / 100,
  };
}

export type NetworkRow = { network: Network; shares: number; clicks: number; countedClicks: number; reshares: number };

/** Reach by network, every network listed (zero when unused) in the fixed order of NETWORKS. */
export async function getNetworkReach(scope: Scope): Promise<NetworkRow[]> {
  const found = await readRows<{
    network: Network;
    shares: number;
    clicks: number;
    counted_clicks: number;
    reshares: number;
  }>(sql`
    select r.network::text as network, sum(r.shares)::int as shares, sum(r.clicks)::int as clicks,
           sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
    from ${rowsBy(scope, "network")} r where ${scopeFilter(scope)} group by r.network`);
  return NETWORKS.map((network) => {
    const row = found.find((r) => r.network === network);
    return {
      network,
      shares: row?.shares ?? 0,
      clicks: row?.clicks ?? 0,
      countedClicks: row?.counted_clicks ?? 0,
      reshares: row?.reshares ?? 0,
    };
  });
}

export type TopPostRow = {
  postId: number;
  title: string;
  campaign: string | null;
  advocates: number;
  shares: number;
  countedClicks: number;
  reshares: number;
};

/** Posts by counted clicks, then reshares, then shares; `limit` null for all (the export). */
export async function getTopPosts(scope: Scope, limit: number | null = 10): Promise<TopPostRow[]> {
  type Raw = {
    post_id: number;
    title: string;
    campaign: string | null;
    advocates: number;
    shares: number;
    counted_clicks: number;
    reshares: number;
  };
  const order = sql`order by counted_clicks desc, reshares desc, shares desc, post_id`;
  // "Advocates who shared" needs a distinct count, costly over every row: for the top few it is counted per
  // post from the (post_id, day) index; for the whole list, by first adding up each advocate's rows per post.
  const totals = limit
    ? sql`
      top as (
        select r.post_id, sum(r.shares)::int as shares, sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
        from ${rowsBy(scope, "post")} r where ${scopeFilter(scope)} group by r.post_id ${order} limit ${limit}
      ),
      t as (
        select top.*, a.advocates from top cross join lateral (
          select count(distinct r.advocate_id)::int as advocates from ${clickRollupRows(scope.range)} r
          where r.post_id = top.post_id and r.shares > 0 and ${scopeFilter(scope)}
        ) a
      )`
    : sql`
      per_advocate as (
        select r.post_id, r.advocate_id, sum(r.shares) as shares, sum(r.counted_clicks) as counted_clicks, sum(r.reshares) as reshares
        from ${clickRollupRows(scope.range)} r where ${scopeFilter(scope)} group by r.post_id, r.advocate_id
      ),
      t as (
        select post_id, (count(*) filter (where shares > 0))::int as advocates,
               sum(shares)::int as shares, sum(counted_clicks)::int as counted_clicks, sum(reshares)::int as reshares
        from per_advocate group by post_id
      )`;
  const found = await readRows<Raw>(sql`
    with ${totals}
    select t.*, p.title, c.name as campaign
    from t join ${posts} p on p.id = t.post_id left join ${campaigns} c on c.id = p.campaign_id
    order by t.counted_clicks desc, t.reshares desc, t.shares desc, t.post_id`);
  return found.map((r) => ({
    postId: r.post_id,
    title: r.title,
    campaign: r.campaign,
    advocates: r.advocates,
    shares: r.shares,
    countedClicks: r.counted_clicks,
    reshares: r.reshares,
  }));
}

export type TopHashtagRow = { tag: string; posts: number; shares: number; countedClicks: number; reshares: number };

/** Hashtags by the counted clicks of the posts that carry them (a post with two hashtags counts for both). */
export async function getTopHashtags(scope: Scope, limit: number | null = 10): Promise<TopHashtagRow[]> {
  const found = await readRows<{
    tag: string;
    posts: number;
    shares: number;
    counted_clicks: number;
    reshares: number;
  }>(sql`
    with per_post as (
      select r.post_id, sum(r.shares)::int as shares, sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
      from ${rowsBy(scope, "post")} r where ${scopeFilter(scope)} group by r.post_id
    )
    select h.tag, count(*)::int as posts, sum(pp.shares)::int as shares, sum(pp.counted_clicks)::int as counted_clicks, sum(pp.reshares)::int as reshares
    from per_post pp join ${postHashtags} ph on ph.post_id = pp.post_id join ${hashtags} h on h.id = ph.hashtag_id
    group by h.tag
    order by counted_clicks desc, reshares desc, shares desc, h.tag
    ${limit ? sql`limit ${limit}` : sql``}`);
  return found.map((r) => ({
    tag: r.tag,
    posts: r.posts,
    shares: r.shares,
    countedClicks: r.counted_clicks,
    reshares: r.reshares,
  }));
}

export type TopCampaignRow = {
  campaignId: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  shares: number;
  countedClicks: number;
  reshares: number;
  goal: number | null;
  /** Counted clicks toward the goal: the campaign's posts, every team, within the campaign's own dates. */
  goalClicks: number;
  /** goalClicks ÷ goal, 0–∞ (over 1 when the goal is beaten); null without a goal. */
  goalProgress: number | null;
};

/** Campaigns by counted clicks in the scope, each with progress toward its click goal. */
export async function getTopCampaigns(scope: Scope, limit: number | null = 10): Promise<TopCampaignRow[]> {
  type Raw = {
    campaign_id: number;
    name: string;
    starts_on: string | null;
    ends_on: string | null;
    click_goal: number | null;
    shares: number;
    counted_clicks: number;
    reshares: number;
    goal_clicks: number;
  };
  const found = await readRows<Raw>(sql`
    with t as (
      select p.campaign_id, sum(r.shares)::int as shares, sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
      from ${rowsBy(scope, "post")} r join ${posts} p on p.id = r.post_id
      where ${scopeFilter(scope)} and p.campaign_id is not null
      group by p.campaign_id
      order by counted_clicks desc, reshares desc, shares desc, p.campaign_id
      ${limit ? sql`limit ${limit}` : sql``}
    )
    select t.*, c.name, c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.click_goal, goal.goal_clicks
    from t join ${campaigns} c on c.id = t.campaign_id
    -- Per post and within the campaign's dates, so each post's rows come from the (post_id, day) index.
    cross join lateral (
      select coalesce(sum(g.counted_clicks), 0)::int as goal_clicks
      from ${posts} gp join ${rollupDaily} g on g.post_id = gp.id
       and g.day >= coalesce(c.starts_on, '-infinity'::date) and g.day <= coalesce(c.ends_on, 'infinity'::date)
      where gp.campaign_id = c.id
    ) goal
    order by t.counted_clicks desc, t.reshares desc, t.shares desc, t.campaign_id`);
  return found.map((r) => ({
    campaignId: r.campaign_id,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    shares: r.shares,
    countedClicks: r.counted_clicks,
    reshares: r.reshares,
    goal: r.click_goal,
    goalClicks: r.goal_clicks,
    goalProgress: r.click_goal ? r.goal_clicks / r.click_goal : null,
  }));
}

export type Dashboard = {
  summary: Summary;
  timeline: Timeline;
  networks: NetworkRow[];
  topPosts: TopPostRow[];
  topHashtags: TopHashtagRow[];
  topCampaigns: TopCampaignRow[];
};

/** Everything the dashboard shows, its queries run side by side. */
export async function getDashboard(scope: Scope, today: string): Promise<Dashboard> {
  const [summary, timeline, networks, topPosts, topHashtags, topCampaigns] = await Promise.all([
    getSummary(scope),
    getTimeline(scope, today),
    getNetworkReach(scope),
    getTopPosts(scope),
    getTopHashtags(scope),
    getTopCampaigns(scope),
  ]);
  return { summary, timeline, networks, topPosts, topHashtags, topCampaigns };
}
