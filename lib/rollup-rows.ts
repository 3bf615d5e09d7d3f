import { addDays, addMonths, endOfMonth, startOfMonth } from "date-fns";
import { sql, type SQL } from "drizzle-orm";
import { rows, type Tx } from "@/db/client";
import { rollupDaily, rollupMonthly, rollupOutcomes, rollupOutcomesMonthly } from "@/db/schema";
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

/** Monthly rows that differ from their daily rows summed by month (empty when they match). */
export async function monthlyRollupDrift(): Promise<{ table: string; side: "live" | "rebuilt"; row: string }[]> {
  const parts = MONTHLY_TABLES.map((table) => {
    const live = `select month, ${table.keys}, ${table.sums} from ${table.monthly}`;
    const rebuilt = summedByMonth(table);
    return `select '${table.monthly}' as table, 'live' as side, row(x.*)::text as row from (${live} except ${rebuilt}) x
            union all
            select '${table.monthly}', 'rebuilt', row(x.*)::text from (${rebuilt} except ${live}) x`;
  });
  return rows(sql.raw(`${parts.join(" union all ")} order by 1, 3, 2`));
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
  return inserted;
}
