import { differenceInCalendarDays } from "date-fns";
import { sql, type SQL } from "drizzle-orm";
import { readRows } from "@/db/client";
import { campaigns, type Network, posts, rollupDaily, rollupOutcomes, teams, users } from "@/db/schema";
import { rowsBy, scopeFilter, sourceFor, type Scope, type Timeline } from "@/lib/dashboard";
import { DISPLAY_NAME } from "@/lib/leaderboard";
import { bucketLabel, bucketStart, bucketStarts, dayToDate } from "@/lib/periods";
import type { OutcomeRollupRow } from "@/lib/outcomes/rollup";
import { outcomeRollupRows, outcomeRollupRowsBy, type RollupDimension } from "@/lib/rollup-rows";
import { getSettings } from "@/lib/settings";
import { NETWORK_NAMES } from "@/lib/share-intents";

/**
 * Outcome reports (README "Outcomes"): every figure from rollup_outcomes (and rollup_daily for clicks), never
 * raw conversions. Amounts stay per currency, never converted. Without a team filter the company totals include
 * unattributed conversions; a team's figures are its advocates' credited ones.
 */
export type Money = { currency: string; amount: number };

export type OutcomeTotals = {
  conversions: number;
  leads: number;
  signups: number;
  opportunities: number;
  won: number;
  pipeline: Money[];
  revenue: Money[];
};

/** One currency's sums as the database returns them (amounts as text), the rollup's columns less its keys. */
type RawTotals = Omit<OutcomeRollupRow, "day" | "advocate_id" | "post_id" | "network">;

const SUMS = sql`coalesce(sum(r.conversions), 0)::int as conversions, coalesce(sum(r.leads), 0)::int as leads,
  coalesce(sum(r.signups), 0)::int as signups, coalesce(sum(r.opportunities), 0)::int as opportunities,
  coalesce(sum(r.won), 0)::int as won, coalesce(sum(r.pipeline), 0)::text as pipeline,
  coalesce(sum(r.revenue), 0)::text as revenue`;

/** Rows of one group (one per currency) folded into counts and per-currency amounts. */
function fold(found: RawTotals[]): OutcomeTotals {
  const money = (key: "pipeline" | "revenue") =>
    found
      .filter((row) => row.currency && Number(row[key]) > 0)
      .map((row) => ({ currency: row.currency, amount: Number(row[key]) }))
      .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
  const sum = (key: "conversions" | "leads" | "signups" | "opportunities" | "won") =>
    found.reduce((total, row) => total + row[key], 0);
  return {
    conversions: sum("conversions"),
    leads: sum("leads"),
    signups: sum("signups"),
    opportunities: sum("opportunities"),
    won: sum("won"),
    pipeline: money("pipeline"),
    revenue: money("revenue"),
  };
}

/** The outcome rollup's rows for a scope, keyed by one dimension, by the same rule as clicks (`sourceFor`). */
function outcomeRowsBy(scope: Scope, dimension: RollupDimension | "total"): SQL {
  return sourceFor(scope, dimension, { full: outcomeRollupRows, by: outcomeRollupRowsBy });
}

export async function getOutcomeTotals(scope: Scope): Promise<OutcomeTotals> {
  return fold(
    await readRows<RawTotals>(
      sql`select r.currency, ${SUMS} from ${outcomeRowsBy(scope, "total")} r where ${scopeFilter(scope)} group by r.currency`,
    ),
  );
}

export type Funnel = { countedClicks: number; leads: number; opportunities: number; won: number };

export type OutcomeSummary = OutcomeTotals & {
  funnel: Funnel;
  /** Unattributed conversions in the company totals (0 when a team is chosen). */
  unattributed: number;
  programmeCost: { amount: number; currency: string; months: number };
  /** Programme cost ÷ leads, in the programme currency; null without leads or cost. */
  costPerLead: number | null;
  /** (Revenue in the programme currency − cost) ÷ cost; null without a cost. */
  roi: number | null;
  earnedMediaValue: number;
};

/** The months a range spans, for the programme cost (an open range runs from the first outcome or click). */
function monthsIn(from: string, to: string): number {
  return (differenceInCalendarDays(dayToDate(to), dayToDate(from)) + 1) / (365.25 / 12);
}

export async function getOutcomeSummary(scope: Scope, today: string): Promise<OutcomeSummary> {
  const [totals, [clicks], [unattributed], [first], settings] = await Promise.all([
    getOutcomeTotals(scope),
    readRows<{ counted_clicks: number }>(
      sql`select coalesce(sum(r.counted_clicks), 0)::int as counted_clicks from ${rowsBy(scope, "total")} r where ${scopeFilter(scope)}`,
    ),
    scope.teamId != null || scope.advocateId
      ? Promise.resolve([{ n: 0 }])
      : readRows<{ n: number }>(
          sql`select coalesce(sum(r.conversions), 0)::int as n from ${outcomeRowsBy(scope, "advocate")} r
              where r.advocate_id is null and ${scopeFilter(scope)}`,
        ),
    scope.range.from
      ? Promise.resolve([{ day: scope.range.from }])
      : readRows<{ day: string | null }>(sql`select least(
          (select min(day) from ${rollupDaily}), (select min(day) from ${rollupOutcomes}))::text as day`),
    getSettings(),
  ]);
  const to = !scope.range.to || scope.range.to > today ? today : scope.range.to;
  const from = first?.day && first.day <= to ? first.day : to;
  const months = monthsIn(from, to);
  const cost = Math.round(Number(settings.programmeCostPerMonth) * months * 100) / 100;
  const countedClicks = clicks?.counted_clicks ?? 0;
  const revenue = totals.revenue.find((m) => m.currency === settings.programmeCurrency)?.amount ?? 0;
  return {
    ...totals,
    funnel: { countedClicks, leads: totals.leads, opportunities: totals.opportunities, won: totals.won },
    unattributed: unattributed?.n ?? 0,
    programmeCost: { amount: cost, currency: settings.programmeCurrency, months },
    costPerLead: cost > 0 && totals.leads > 0 ? Math.round((cost / totals.leads) * 100) / 100 : null,
    roi: cost > 0 ? (revenue - cost) / cost : null,
    earnedMediaValue: Math.round(countedClicks * Math.round(Number(settings.costPerClick) * 100)) / 100,
  };
}

export const OUTCOME_DIMENSIONS = ["team", "post", "campaign", "network", "advocate"] as const;
export type OutcomeDimension = (typeof OUTCOME_DIMENSIONS)[number];
export type OutcomeRow = OutcomeTotals & { key: string; label: string };

/**
 * What each breakdown groups by; unattributed conversions have no team, post or network and are left out. Counts
 * are first summed by `base` (a column of the rollup, so the join below meets one row per advocate or post, not
 * every month), then joined to `key` and `label` through `r.base`; `source` is the per-dimension table read.
 */
const GROUPS: Record<OutcomeDimension, { source: RollupDimension; base: SQL; key: SQL; label: SQL; join: SQL }> = {
  team: {
    source: "advocate",
    base: sql`r.advocate_id`,
    key: sql`coalesce(u.team_id::text, 'none')`,
    label: sql`coalesce(tm.name, 'No team')`,
    join: sql`join ${users} u on u.id = r.base left join ${teams} tm on tm.id = u.team_id`,
  },
  post: {
    source: "post",
    base: sql`r.post_id`,
    key: sql`r.base::text`,
    label: sql`p.title`,
    join: sql`join ${posts} p on p.id = r.base`,
  },
  campaign: {
    source: "post",
    base: sql`r.post_id`,
    key: sql`coalesce(p.campaign_id::text, 'none')`,
    label: sql`coalesce(c.name, 'No campaign')`,
    join: sql`join ${posts} p on p.id = r.base left join ${campaigns} c on c.id = p.campaign_id`,
  },
  network: { source: "network", base: sql`r.network`, key: sql`r.base::text`, label: sql`r.base::text`, join: sql`` },
  advocate: {
    source: "advocate",
    base: sql`r.advocate_id`,
    key: sql`r.base`,
    label: sql`${DISPLAY_NAME}`,
    join: sql`join ${users} u on u.id = r.base`,
  },
};

/**
 * Credited outcomes by team, post, campaign, network or advocate, most won deals first (then leads); `limit`
 * null for all (the export). With a limit, only groups ranked within it by those counts (ties included) leave the
 * database; the final order, by label within a tie, is the same as for the whole list.
 */
export async function getOutcomesBy(
  dimension: OutcomeDimension,
  scope: Scope,
  limit: number | null = 10,
): Promise<OutcomeRow[]> {
  const group = GROUPS[dimension];
  // Groups are ranked on whole counts alone (cheap to add up for every group); the amounts, per currency, are summed
  // only for the groups that make the list.
  const top = limit
    ? sql`join (
        select key from (
          select key, rank() over (order by sum(won) desc, sum(leads) desc, sum(conversions) desc) as place
          from keyed group by key
        ) ranked where place <= ${limit}
      ) t on t.key = k.key`
    : sql``;
  const found = await readRows<RawTotals & { key: string; label: string }>(sql`
    with b as (
      select ${group.base} as base, r.currency, r.conversions, r.leads, r.signups, r.opportunities, r.won,
             r.pipeline, r.revenue
      from ${outcomeRowsBy(scope, group.source)} r
      where ${group.base} is not null and ${scopeFilter(scope)}
    ),
    counts as (
      select base, sum(won) as won, sum(leads) as leads, sum(conversions) as conversions from b group by base
    ),
    keyed as (
      select ${group.key} as key, ${group.label} as label, r.base, r.won, r.leads, r.conversions
      from counts r ${group.join}
    )
    select k.key, k.label, r.currency, ${SUMS}
    from b r join keyed k on k.base = r.base ${top}
    group by k.key, k.label, r.currency`);
  const byKey = new Map<string, { label: string; rows: RawTotals[] }>();
  for (const row of found) {
    const entry = byKey.get(row.key) ?? { label: row.label, rows: [] };
    entry.rows.push(row);
    byKey.set(row.key, entry);
  }
  const result = [...byKey.entries()]
    // Networks by their product name ("LinkedIn"), as every other report names them.
    .map(([key, { label, rows: group }]) => ({
      key,
      label: dimension === "network" ? (NETWORK_NAMES[key as Network] ?? label) : label,
      ...fold(group),
    }))
    .sort(
      (a, b) => b.won - a.won || b.leads - a.leads || b.conversions - a.conversions || a.label.localeCompare(b.label),
    );
  return limit ? result.slice(0, limit) : result;
}

export type OutcomePoint = OutcomeTotals & { start: string; label: string };

/**
 * Outcomes per bucket of the dashboard's click timeline (same days, same buckets, quiet ones as zero), so
 * revenue by period lines up with the clicks that brought it. Amounts per currency in each bucket.
 */
export async function getOutcomeTimeline(
  scope: Scope,
  { bucket, from, to }: Pick<Timeline, "bucket" | "from" | "to">,
): Promise<OutcomePoint[]> {
  const found = await readRows<RawTotals & { start: string }>(sql`
    select date_trunc(${bucket}, r.day::timestamp)::date::text as start, r.currency, ${SUMS}
    from ${rollupOutcomes} r
    where ${scopeFilter({ ...scope, range: { from, to } })}
    group by 1, r.currency`);
  return bucketStarts(bucketStart(from, bucket), to, bucket).map((start) => ({
    start,
    label: bucketLabel(start, bucket),
    ...fold(found.filter((row) => row.start === start)),
  }));
}

export type OutcomeReport = {
  summary: OutcomeSummary;
  byTeam: OutcomeRow[];
  byPost: OutcomeRow[];
  byCampaign: OutcomeRow[];
  byNetwork: OutcomeRow[];
  byAdvocate: OutcomeRow[];
};

/** Everything the dashboard's outcome sections show, side by side. */
export async function getOutcomeReport(scope: Scope, today: string): Promise<OutcomeReport> {
  const [summary, byTeam, byPost, byCampaign, byNetwork, byAdvocate] = await Promise.all([
    getOutcomeSummary(scope, today),
    getOutcomesBy("team", scope),
    getOutcomesBy("post", scope),
    getOutcomesBy("campaign", scope),
    getOutcomesBy("network", scope),
    getOutcomesBy("advocate", scope),
  ]);
  return { summary, byTeam, byPost, byCampaign, byNetwork, byAdvocate };
}

/** "EUR 1,200 · USD 300", or "—" with none. */
export function moneyText(amounts: Money[]): string {
  if (!amounts.length) return "—";
  return amounts.map((m) => `${m.currency} ${m.amount.toLocaleString("en", { maximumFractionDigits: 2 })}`).join(" · ");
}
