import { addDays, addMonths, endOfMonth, startOfMonth } from "date-fns";
import { sql, type SQL } from "drizzle-orm";
import { rows, type Tx } from "@/db/client";
import {
  rollupByDay,
  rollupByMonth,
  rollupDaily,
  rollupMonthly,
  rollupOutcomes,
  rollupOutcomesByDay,
  rollupOutcomesByMonth,
  rollupOutcomesMonthly,
} from "@/db/schema";
import { dateToDay, dayToDate, type DayRange } from "@/lib/periods";

/**
 * Where a period's rollup rows come from (docs/architecture.md, "Rollups"): the whole calendar months inside it from
 * the monthly tables, the partial months at either end from the daily ones, so "all time" and long periods read a
 * few rows per advocate × post × month instead of every day. Month rows carry their first day as `day`, which lies
 * inside the period, so a day filter on the result still holds.
 */

/** The rollup rows of a day range: `day` leads the rollup's primary key, so a period reads only its own days. */
export function dayFilter(range: DayRange | undefined, column: SQL = sql`r.day`): SQL {
  const from = range?.from ? sql` and ${column} >= ${range.from}::date` : sql``;
  const to = range?.to ? sql` and ${column} <= ${range.to}::date` : sql``;
  return sql`true${from}${to}`;
}

export type MonthSplit = {
  /** Ranges of days read from a daily table (at most two: before and after the whole months). */
  days: DayRange[];
  /** First days of the first and last whole months (an open end stays open); null when none fits. */
  months: DayRange | null;
};

/** Splits an inclusive day range into its whole calendar months and the days left at either end. */
export function splitByMonth({ from, to }: DayRange): MonthSplit {
  const firstMonth = from ? startOfMonth(dayToDate(from)) : null;
  const monthsFrom =
    from && firstMonth ? dateToDay(from === dateToDay(firstMonth) ? firstMonth : addMonths(firstMonth, 1)) : null;
  const lastMonth = to ? startOfMonth(dayToDate(to)) : null;
  const monthsTo =
    to && lastMonth ? dateToDay(to === dateToDay(endOfMonth(lastMonth)) ? lastMonth : addMonths(lastMonth, -1)) : null;
  if (monthsFrom && monthsTo && monthsFrom > monthsTo) return { days: [{ from, to }], months: null };
  const days: DayRange[] = [];
  if (from && monthsFrom && from < monthsFrom) days.push({ from, to: dateToDay(addDays(dayToDate(monthsFrom), -1)) });
  if (to && monthsTo) {
    const after = dateToDay(addMonths(dayToDate(monthsTo), 1));
    if (after <= to) days.push({ from: after, to });
  }
  return { days, months: { from: monthsFrom, to: monthsTo } };
}

const CLICK_COLUMNS = sql`advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares`;
const OUTCOME_COLUMNS = sql`advocate_id, post_id, network, currency, conversions, leads, signups, opportunities, won,
  pipeline, revenue`;

function monthsAndDays(range: DayRange | undefined, daily: SQL, monthly: SQL, columns: SQL): SQL {
  const { days, months } = splitByMonth(range ?? { from: null, to: null });
  const parts = days.map((part) => sql`select day, ${columns} from ${daily} where ${dayFilter(part, sql`day`)}`);
  if (months) parts.push(sql`select month as day, ${columns} from ${monthly} where ${dayFilter(months, sql`month`)}`);
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/** rollup_daily's rows for a period (all time when absent), whole months read from rollup_monthly. */
export function clickRollupRows(range: DayRange | undefined): SQL {
  return monthsAndDays(range, sql`${rollupDaily}`, sql`${rollupMonthly}`, CLICK_COLUMNS);
}

/** rollup_outcomes' rows for a period (all time when absent), whole months read from rollup_outcomes_monthly. */
export function outcomeRollupRows(range: DayRange | undefined): SQL {
  return monthsAndDays(range, sql`${rollupOutcomes}`, sql`${rollupOutcomesMonthly}`, OUTCOME_COLUMNS);
}

/** A single dimension the per-dimension tables sum by; each row of a source below carries only that key column. */
export type RollupDimension = "advocate" | "post" | "network";

/** The key column of the monthly dimensions, and how rollup_by_month's text `key` turns back into it. */
const MONTH_DIMENSIONS: Record<"advocate" | "post", { column: SQL; fromKey: SQL }> = {
  advocate: { column: sql`advocate_id`, fromKey: sql`nullif(key, '')` },
  post: { column: sql`post_id`, fromKey: sql`nullif(key, '')::integer` },
};

const CLICK_SUMS = sql`shares, scored_shares, clicks, counted_clicks, reshares`;
const OUTCOME_SUMS = sql`currency, conversions, leads, signups, opportunities, won, pipeline, revenue`;
/** A row's scored Facebook shares, apart (Facebook shares have their own points). */
export const FACEBOOK_SHARES = sql`case when network = 'facebook' then scored_shares else 0 end as facebook_scored_shares`;

function byDimension(
  range: DayRange | undefined,
  dimension: "advocate" | "post",
  tables: { daily: SQL; byMonth: SQL },
  sums: { daily: SQL; byMonth: SQL },
): SQL {
  const { column, fromKey } = MONTH_DIMENSIONS[dimension];
  const { days, months } = splitByMonth(range ?? { from: null, to: null });
  const parts = days.map(
    (part) => sql`select day, ${column}, ${sums.daily} from ${tables.daily} where ${dayFilter(part, sql`day`)}`,
  );
  if (months)
    parts.push(sql`select month as day, ${fromKey} as ${column}, ${sums.byMonth} from ${tables.byMonth}
                   where dim = ${dimension} and ${dayFilter(months, sql`month`)}`);
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/**
 * rollup_daily's sums for a period keyed by one dimension only (`day`, the dimension's column, the counts and
 * `facebook_scored_shares`): per network from rollup_by_day (a few rows a day); per advocate or post, whole months
 * from rollup_by_month and the partial ones by day. So a company-wide total or breakdown over a long period reads
 * little. Any one dimension's rows add up to the period's totals.
 */
export function clickRollupRowsBy(range: DayRange | undefined, dimension: RollupDimension): SQL {
  if (dimension === "network")
    return sql`(select day, network, ${CLICK_SUMS}, ${FACEBOOK_SHARES} from ${rollupByDay} where ${dayFilter(range, sql`day`)})`;
  return byDimension(
    range,
    dimension,
    { daily: sql`${rollupDaily}`, byMonth: sql`${rollupByMonth}` },
    { daily: sql`${CLICK_SUMS}, ${FACEBOOK_SHARES}`, byMonth: sql`${CLICK_SUMS}, facebook_scored_shares` },
  );
}

/** rollup_outcomes' sums for a period keyed by one dimension, per currency, the same way (null for unattributed). */
export function outcomeRollupRowsBy(range: DayRange | undefined, dimension: RollupDimension): SQL {
  if (dimension === "network")
    return sql`(select day, nullif(network, '')::network as network, ${OUTCOME_SUMS} from ${rollupOutcomesByDay}
                where ${dayFilter(range, sql`day`)})`;
  return byDimension(
    range,
    dimension,
    { daily: sql`${rollupOutcomes}`, byMonth: sql`${rollupOutcomesByMonth}` },
    { daily: OUTCOME_SUMS, byMonth: OUTCOME_SUMS },
  );
}

type MonthlyTable = { monthly: string; daily: string; keys: string; sums: string };

/** Each monthly table beside the daily one it sums (the trigger of the monthly_rollups migration keeps them equal). */
const MONTHLY_TABLES: MonthlyTable[] = [
  {
    monthly: "rollup_monthly",
    daily: "rollup_daily",
    keys: "advocate_id, post_id, network",
    sums: "shares, scored_shares, clicks, counted_clicks, reshares",
  },
  {
    monthly: "rollup_outcomes_monthly",
    daily: "rollup_outcomes",
    keys: "advocate_id, post_id, network, currency",
    sums: "conversions, leads, signups, opportunities, won, pipeline, revenue",
  },
];

/** The daily table summed by month, months whose sums are all zero left out (the trigger removes those). */
function summedByMonth({ daily, keys, sums }: MonthlyTable): string {
  const summed = sums.split(", ").map((column) => `sum(${column}) as ${column}`);
  const nonZero = sums.split(", ").map((column) => `sum(${column}) <> 0`);
  return `select date_trunc('month', day)::date as month, ${keys}, ${summed.join(", ")} from ${daily}
          group by month, ${keys} having ${nonZero.join(" or ")}`;
}

type DimensionTable = { table: string; columns: string; rebuilt: string };

/** Each per-dimension table and the query that rebuilds it from the table it sums (the rollup_dimensions migration). */
const DIMENSION_TABLES: DimensionTable[] = [
  {
    table: "rollup_by_month",
    columns: "month, dim, key, shares, scored_shares, clicks, counted_clicks, reshares, facebook_scored_shares",
    rebuilt: `select month, d.dim, d.key, sum(shares), sum(scored_shares), sum(clicks), sum(counted_clicks),
                     sum(reshares), sum(case when network = 'facebook' then scored_shares else 0 end)
              from rollup_monthly cross join lateral (values ('advocate', advocate_id), ('post', post_id::text)) d(dim, key)
              group by 1, 2, 3
              having sum(shares) <> 0 or sum(scored_shares) <> 0 or sum(clicks) <> 0 or sum(counted_clicks) <> 0
                  or sum(reshares) <> 0`,
  },
  {
    table: "rollup_outcomes_by_month",
    columns: "month, dim, key, currency, conversions, leads, signups, opportunities, won, pipeline, revenue",
    rebuilt: `select month, d.dim, coalesce(d.key, ''), currency, sum(conversions), sum(leads), sum(signups),
                     sum(opportunities), sum(won), sum(pipeline), sum(revenue)
              from rollup_outcomes_monthly
              cross join lateral (values ('advocate', advocate_id), ('post', post_id::text)) d(dim, key)
              group by 1, 2, 3, 4
              having sum(conversions) <> 0 or sum(leads) <> 0 or sum(signups) <> 0 or sum(opportunities) <> 0
                  or sum(won) <> 0 or sum(pipeline) <> 0 or sum(revenue) <> 0`,
  },
  {
    table: "rollup_by_day",
    columns: "day, network, shares, scored_shares, clicks, counted_clicks, reshares",
    rebuilt: `select day, network, sum(shares), sum(scored_shares), sum(clicks), sum(counted_clicks), sum(reshares)
              from rollup_daily group by 1, 2
              having sum(shares) <> 0 or sum(scored_shares) <> 0 or sum(clicks) <> 0 or sum(counted_clicks) <> 0
                  or sum(reshares) <> 0`,
  },
  {
    table: "rollup_outcomes_by_day",
    columns: "day, network, currency, conversions, leads, signups, opportunities, won, pipeline, revenue",
    rebuilt: `select day, coalesce(network::text, ''), currency, sum(conversions), sum(leads), sum(signups),
                     sum(opportunities), sum(won), sum(pipeline), sum(revenue)
              from rollup_outcomes group by 1, 2, 3
              having sum(conversions) <> 0 or sum(leads) <> 0 or sum(signups) <> 0 or sum(opportunities) <> 0
                  or sum(won) <> 0 or sum(pipeline) <> 0 or sum(revenue) <> 0`,
  },
];

/**
 * Monthly rows that differ from their daily rows summed by month, and per-dimension rows that differ from the
 * table they sum (empty when they all match).
 */
export async function monthlyRollupDrift(): Promise<{ table: string; side: "live" | "rebuilt"; row: string }[]> {
  const dimensionParts = DIMENSION_TABLES.map((table) => {
    const live = `select ${table.columns} from ${table.table}`;
    return `select '${table.table}' as table, 'live' as side, row(x.*)::text as row from (${live} except ${table.rebuilt}) x
            union all
            select '${table.table}', 'rebuilt', row(x.*)::text from (${table.rebuilt} except ${live}) x`;
  });
  const parts = MONTHLY_TABLES.map((table) => {
    const live = `select month, ${table.keys}, ${table.sums} from ${table.monthly}`;
    const rebuilt = summedByMonth(table);
    return `select '${table.monthly}' as table, 'live' as side, row(x.*)::text as row from (${live} except ${rebuilt}) x
            union all
            select '${table.monthly}', 'rebuilt', row(x.*)::text from (${rebuilt} except ${live}) x`;
  });
  return rows(sql.raw(`${[...parts, ...dimensionParts].join(" union all ")} order by 1, 3, 2`));
}

/** Rewrites the monthly tables from the daily ones (when the drift check finds them apart). */
export async function rebuildMonthlyRollups(tx: Tx): Promise<number> {
  let inserted = 0;
  for (const table of MONTHLY_TABLES) {
    await tx.execute(sql.raw(`lock table ${table.daily}, ${table.monthly} in exclusive mode`));
    await tx.execute(sql.raw(`delete from ${table.monthly}`));
    const [row] = await rows<{ n: number }>(
      sql.raw(`with inserted as (insert into ${table.monthly} (month, ${table.keys}, ${table.sums}) ${summedByMonth(table)}
               returning 1) select count(*)::int as n from inserted`),
      tx,
    );
    inserted += row?.n ?? 0;
  }
  // The monthly writes above kept the single-dimension tables in step through their triggers; rewriting them too
  // mends any drift of their own.
  for (const table of DIMENSION_TABLES) {
    await tx.execute(sql.raw(`lock table ${table.table} in exclusive mode`));
    await tx.execute(sql.raw(`delete from ${table.table}`));
    await tx.execute(sql.raw(`insert into ${table.table} (${table.columns}) ${table.rebuilt}`));
  }
  return inserted;
}
