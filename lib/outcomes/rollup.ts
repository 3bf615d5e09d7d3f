import { sql } from "drizzle-orm";
import { rows, type Tx } from "@/db/client";
import type { Network } from "@/db/schema";

export type OutcomeRollupKey = {
  day: string;
  advocateId: string | null;
  postId: number | null;
  network: Network | null;
  currency: string;
};
export type OutcomeDeltas = Partial<
  Record<"conversions" | "leads" | "signups" | "opportunities" | "won", number> & {
    pipeline: string;
    revenue: string;
  }
>;

/** Adds one conversion's effect to its day's outcome rollup; callers run it in the conversion's transaction. */
export async function addToOutcomeRollup(tx: Tx, key: OutcomeRollupKey, d: OutcomeDeltas): Promise<void> {
  await tx.execute(sql`
    insert into rollup_outcomes as r
      (day, advocate_id, post_id, network, currency, conversions, leads, signups, opportunities, won, pipeline, revenue)
    values (${key.day}::date, ${key.advocateId}, ${key.postId}, ${key.network}::network, ${key.currency},
      ${d.conversions ?? 0}, ${d.leads ?? 0}, ${d.signups ?? 0}, ${d.opportunities ?? 0}, ${d.won ?? 0},
      ${d.pipeline ?? "0"}::numeric, ${d.revenue ?? "0"}::numeric)
    on conflict on constraint rollup_outcomes_key do update set
      conversions = r.conversions + excluded.conversions, leads = r.leads + excluded.leads,
      signups = r.signups + excluded.signups, opportunities = r.opportunities + excluded.opportunities,
      won = r.won + excluded.won, pipeline = r.pipeline + excluded.pipeline, revenue = r.revenue + excluded.revenue`);
}

/** The outcome rollup as the raw conversions say it should be, each on its day in the company time zone. */
const rebuiltOutcomes = sql`
  select (c.occurred_at at time zone tz.time_zone)::date as day, c.advocate_id, c.post_id, c.network,
         coalesce(c.currency, '') as currency,
         sum(c.is_new::int)::int as conversions, sum(c.reached_lead::int)::int as leads,
         sum((c.kind = 'signup')::int)::int as signups, sum(c.reached_opportunity::int)::int as opportunities,
         sum(c.reached_won::int)::int as won,
         coalesce(sum(c.amount) filter (where c.kind = 'opportunity'), 0)::numeric(24, 4) as pipeline,
         coalesce(sum(c.amount) filter (where c.kind = 'won'), 0)::numeric(24, 4) as revenue
    from conversions c cross join (select time_zone from settings where id = 1) tz
   group by 1, 2, 3, 4, 5`;

const COLUMNS = sql`day::text as day, advocate_id, post_id, network::text as network, currency, conversions, leads,
  signups, opportunities, won, pipeline::text as pipeline, revenue::text as revenue`;

export type OutcomeRollupRow = {
  day: string;
  advocate_id: string | null;
  post_id: number | null;
  network: string | null;
  currency: string;
  conversions: number;
  leads: number;
  signups: number;
  opportunities: number;
  won: number;
  pipeline: string;
  revenue: string;
};

/** Outcome rollup rows that differ from a rebuild from the conversions (empty when they match). */
export async function outcomeRollupDrift(): Promise<({ side: "live" | "rebuilt" } & OutcomeRollupRow)[]> {
  return rows(sql`
    with rebuilt as (${rebuiltOutcomes}),
    live as (select day, advocate_id, post_id, network, currency, conversions, leads, signups, opportunities, won,
                    pipeline, revenue from rollup_outcomes),
    only_live as (select * from live except select * from rebuilt),
    only_rebuilt as (select * from rebuilt except select * from live)
    select 'live' as side, ${COLUMNS} from only_live
    union all
    select 'rebuilt' as side, ${COLUMNS} from only_rebuilt
    order by day, advocate_id, post_id`);
}

/** Replaces the outcome rollup with a rebuild from the conversions (conversions are never purged). */
export async function rebuildOutcomeRollups(tx: Tx): Promise<number> {
  await tx.execute(sql`lock table rollup_outcomes in exclusive mode`);
  await tx.execute(sql`delete from rollup_outcomes`);
  const inserted = await rows<{ n: number }>(
    sql`with inserted as (
          insert into rollup_outcomes (day, advocate_id, post_id, network, currency, conversions, leads, signups,
                                       opportunities, won, pipeline, revenue)
          ${rebuiltOutcomes}
          returning 1)
        select count(*)::int as n from inserted`,
    tx,
  );
  return inserted[0]?.n ?? 0;
}
