import { tz } from "@date-fns/tz";
import {
  addDays,
  differenceInCalendarDays,
  eachDayOfInterval,
  eachMonthOfInterval,
  eachWeekOfInterval,
  format,
  isValid,
  parse,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  subWeeks,
} from "date-fns";
import { z } from "zod";

/**
 * Reporting periods (docs/product.md#reports). Rollups are kept per calendar day in the company time zone, so a
 * period is an inclusive range of such days, worked out in that zone: "this week" in Lisbon starts on Monday in
 * Lisbon, whatever the server's clock says.
 */
export const PERIOD_KINDS = ["week", "month", "quarter", "all", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_NAMES: Record<PeriodKind, string> = {
  week: "This week",
  month: "This month",
  quarter: "This quarter",
  all: "All time",
  custom: "Date range",
};

/** What each report shows when the request names no period. */
export const DEFAULT_PERIOD = { leaderboard: "all", stats: "all", dashboard: "quarter" } as const satisfies Record<
  string,
  Exclude<PeriodKind, "custom">
>;

/** Inclusive calendar days (YYYY-MM-DD) in the company time zone; null leaves that end open. */
export type DayRange = { from: string | null; to: string | null };
export type Period = DayRange & { kind: PeriodKind; label: string; today: string };

/** The earliest day a range may start: nothing in Chorus is older, and it stops absurd ranges. */
export const EARLIEST_DAY = "2000-01-01";
const DAY = "yyyy-MM-dd";
export const WEEK_STARTS_ON = 1; // Monday, as ISO weeks and Postgres' date_trunc('week') count them.

/** A calendar day as a plain (server-local) date, for calendar arithmetic only; never an instant. */
export function dayToDate(day: string): Date {
  return parse(day, DAY, new Date(2000, 0, 1));
}
export function dateToDay(date: Date): string {
  return format(date, DAY);
}

const blankToUndefined = (value: unknown) =>
  value === "" || value === null ? undefined : Array.isArray(value) ? value[0] : value;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-03-31", abort: true })
  .refine((value) => isValid(dayToDate(value)), "That date does not exist");

export const periodQuery = z.object({
  period: z.preprocess(
    blankToUndefined,
    z.enum(PERIOD_KINDS, { error: "Choose this week, this month, this quarter, all time or a date range" }).optional(),
  ),
  from: z.preprocess(blankToUndefined, isoDay.optional()),
  to: z.preprocess(blankToUndefined, isoDay.optional()),
});

export type PeriodError = { message: string; fields: Record<string, string[]> };

/** Today's calendar day in the company time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return format(now, DAY, { in: tz(timeZone) });
}

function fixedPeriod(kind: Exclude<PeriodKind, "custom">, timeZone: string, now: Date): Period {
  const today = todayIn(timeZone, now);
  const inZone = { in: tz(timeZone) };
  const start =
    kind === "week"
      ? startOfWeek(now, { ...inZone, weekStartsOn: WEEK_STARTS_ON })
      : kind === "month"
        ? startOfMonth(now, inZone)
        : kind === "quarter"
          ? startOfQuarter(now, inZone)
          : null;
  const from = start ? format(start, DAY, inZone) : null;
  return {
    kind,
    from,
    to: kind === "all" ? null : today,
    today,
    label: from ? `${PERIOD_NAMES[kind]} (${rangeLabel(from, today)})` : PERIOD_NAMES.all,
  };
}

/** "3 – 9 Mar 2026", "28 Feb – 6 Mar 2026", "30 Dec 2025 – 5 Jan 2026". */
export function rangeLabel(from: string, to: string): string {
  const a = dayToDate(from);
  const b = dayToDate(to);
  if (from === to) return format(a, "d MMM yyyy");
  if (a.getFullYear() !== b.getFullYear()) return `${format(a, "d MMM yyyy")} – ${format(b, "d MMM yyyy")}`;
  if (a.getMonth() !== b.getMonth()) return `${format(a, "d MMM")} – ${format(b, "d MMM yyyy")}`;
  return `${format(a, "d")} – ${format(b, "d MMM yyyy")}`;
}

/**
 * The period a request asks for (`?period=month`, or `?period=custom&from=…&to=…`), in the company time
 * zone. Bad input never throws: the answer carries the fallback period and a message saying what was wrong,
 * so a page can show both and an API route can answer 400.
 */
export function resolvePeriod(
  input: unknown,
  {
    timeZone,
    now = new Date(),
    fallback = "all",
  }: { timeZone: string; now?: Date; fallback?: Exclude<PeriodKind, "custom"> },
): { period: Period; error: PeriodError | null } {
  const fallbackPeriod = () => fixedPeriod(fallback, timeZone, now);
  const parsed = periodQuery.safeParse(input ?? {});
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return {
      period: fallbackPeriod(),
      error: { message: Object.values(fields).flat()[0] ?? "The period is not valid.", fields },
    };
  }
  const { from, to } = parsed.data;
  const kind = parsed.data.period ?? (from || to ? "custom" : fallback);
  if (kind !== "custom") return { period: fixedPeriod(kind, timeZone, now), error: null };

  const today = todayIn(timeZone, now);
  const latest = dateToDay(addDays(dayToDate(today), 366));
  const fail = (message: string, field: "from" | "to") => ({
    period: fallbackPeriod(),
    error: { message, fields: { [field]: [message] } },
  });
  if (!from) return fail("Choose a start date for the range", "from");
  if (!to) return fail("Choose an end date for the range", "to");
  if (from < EARLIEST_DAY) return fail(`Ranges start on ${EARLIEST_DAY} at the earliest`, "from");
  if (to > latest) return fail("The end date is more than a year from now", "to");
  if (from > to) return fail("The start date is after the end date", "from");
  return { period: { kind: "custom", from, to, today, label: rangeLabel(from, to) }, error: null };
}

/** The query string that selects `period` (for links and CSV exports that keep the page's filters). */
export function periodParams(period: Period): Record<string, string> {
  return period.kind === "custom" ? { period: "custom", from: period.from!, to: period.to! } : { period: period.kind };
}

export type Bucket = "day" | "week" | "month";

/** Days up to two months, weeks up to half a year, months beyond: a chart a phone can still read. */
export function bucketFor(from: string, to: string): Bucket {
  const days = differenceInCalendarDays(dayToDate(to), dayToDate(from)) + 1;
  return days <= 62 ? "day" : days <= 183 ? "week" : "month";
}

/** The first day of the bucket `day` falls in (matches Postgres' date_trunc on a date). */
export function bucketStart(day: string, bucket: Bucket): string {
  const date = dayToDate(day);
  return dateToDay(
    bucket === "day"
      ? date
      : bucket === "week"
        ? startOfWeek(date, { weekStartsOn: WEEK_STARTS_ON })
        : startOfMonth(date),
  );
}

/** Every bucket between two days, so a chart shows quiet days as zero instead of skipping them. */
export function bucketStarts(from: string, to: string, bucket: Bucket): string[] {
  const interval = { start: dayToDate(from), end: dayToDate(to) };
  const dates =
    bucket === "day"
      ? eachDayOfInterval(interval)
      : bucket === "week"
        ? eachWeekOfInterval(interval, { weekStartsOn: WEEK_STARTS_ON })
        : eachMonthOfInterval(interval);
  return dates.map(dateToDay);
}

export function bucketLabel(start: string, bucket: Bucket): string {
  const date = dayToDate(start);
  return bucket === "day"
    ? format(date, "d MMM")
    : bucket === "week"
      ? `w/c ${format(date, "d MMM")}`
      : format(date, "MMM yyyy");
}

export type Streak = { current: number; longest: number; sharedThisWeek: boolean };

/**
 * Consecutive weeks (Monday to Sunday, company time zone) with at least one share. This week only extends
 * the streak: an advocate who shared every week until last week still has their streak until Sunday ends.
 */
export function shareStreak(weeksWithShares: string[], today: string): Streak {
  const weeks = new Set(weeksWithShares.map((day) => bucketStart(day, "week")));
  const thisWeek = bucketStart(today, "week");
  const sharedThisWeek = weeks.has(thisWeek);
  let current = 0;
  for (
    let week = dayToDate(sharedThisWeek ? thisWeek : dateToDay(subWeeks(dayToDate(thisWeek), 1)));
    weeks.has(dateToDay(week));
    week = subWeeks(week, 1)
  )
    current++;

  let longest = 0;
  for (const week of weeks) {
    if (weeks.has(dateToDay(subWeeks(dayToDate(week), 1)))) continue; // not the start of a run
    let run = 0;
    for (let at = dayToDate(week); weeks.has(dateToDay(at)); at = addDays(at, 7)) run++;
    longest = Math.max(longest, run);
  }
  return { current, longest, sharedThisWeek };
}
