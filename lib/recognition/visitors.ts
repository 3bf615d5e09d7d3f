import { startOfMonth, subDays } from "date-fns";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { clicks, trackedLinks, visitorMonths } from "@/db/schema";
import { dateToDay, dayToDate } from "@/lib/periods";

/** How far back each weekly run recounts: the months of the last five weeks, so a few missed runs heal. */
const RECOUNT_DAYS = 35;

/**
 * Recounts distinct counted visitors per advocate for the months of the five weeks before `week`, from the raw
 * clicks (which the 13-month retention later deletes; these counts stay). Visitor hashes change every day, so a
 * visitor who comes back on another day counts again: the figure is the people reached per day, summed.
 */
export async function recountVisitorMonths(week: string): Promise<number> {
  const from = dateToDay(startOfMonth(subDays(dayToDate(week), RECOUNT_DAYS)));
  const found = await rows<{ n: number }>(sql`
    with tz as (select time_zone from settings where id = 1),
    counted as (
      select date_trunc('month', (c.clicked_at at time zone tz.time_zone))::date as month, l.advocate_id,
             count(distinct c.visitor_hash)::int as visitors
      from ${clicks} c join ${trackedLinks} l on l.id = c.link_id cross join tz
      where c.counted and c.clicked_at >= (${from}::date::timestamp at time zone tz.time_zone)
      group by 1, 2
    ),
    written as (
      insert into ${visitorMonths} (month, advocate_id, visitors)
      select month, advocate_id, visitors from counted
      on conflict (month, advocate_id) do update set visitors = excluded.visitors
      returning 1
    )
    select count(*)::int as n from written`);
  return found[0]?.n ?? 0;
}
