import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { conversions, type Network, posts, teams, users } from "@/db/schema";
import type { Scope } from "@/lib/dashboard";
import { DISPLAY_NAME } from "@/lib/leaderboard";
import { dayFilter } from "@/lib/rollup-rows";

/** One stored conversion as the raw export lists it: the event, its attribution and where it came from. */
export type ConversionExportRow = {
  id: number;
  occurredAt: string;
  kind: string;
  externalId: string;
  amount: string | null;
  currency: string | null;
  code: string | null;
  advocate: string | null;
  team: string | null;
  resharer: string | null;
  postId: number | null;
  post: string | null;
  network: Network | null;
  source: string;
  recordedAt: string;
};

/** How many conversions one query reads: a year of them is never held at once. */
export const CONVERSION_EXPORT_PAGE = 1000;

/** "12500.0000" → "12500", "99.5000" → "99.5": the stored amount, exactly, without the column's padding. */
export function plainAmount(amount: string | null): string | null {
  if (amount === null || !amount.includes(".")) return amount;
  return amount.replace(/0+$/, "").replace(/\.$/, "");
}

/**
 * Every conversion of a period (its day in the company time zone, as the rollups file it), newest first, read a
 * page at a time by id. With a team, only those credited to its advocates (as the team's reports count them);
 * otherwise unattributed ones too. Names as the leaderboard shows them (a hidden name stays hidden).
 */
export async function* conversionExportRows(
  scope: Pick<Scope, "range" | "teamId">,
  timeZone: string,
): AsyncGenerator<ConversionExportRow> {
  const day = sql`(c.occurred_at at time zone ${timeZone})::date`;
  const team = scope.teamId != null ? sql` and u.team_id = ${scope.teamId}` : sql``;
  let before: number | null = null;
  for (;;) {
    const page: ConversionExportRow[] = await rows<ConversionExportRow>(sql`
      select c.id, to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "occurredAt",
             c.kind, c.external_id as "externalId", c.amount::text as amount, c.currency, c.code,
             case when u.id is null then null else ${DISPLAY_NAME} end as advocate, tm.name as team,
             (select ${DISPLAY_NAME} from ${users} u where u.id = c.resharer_id) as resharer,
             c.post_id as "postId", p.title as post, c.network::text as network, c.source,
             to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "recordedAt"
        from ${conversions} c
        left join ${users} u on u.id = c.advocate_id
        left join ${teams} tm on tm.id = u.team_id
        left join ${posts} p on p.id = c.post_id
       where ${dayFilter(scope.range, day)}${team}${before === null ? sql`` : sql` and c.id < ${before}`}
       order by c.id desc
       limit ${CONVERSION_EXPORT_PAGE}`);
    yield* page;
    if (page.length < CONVERSION_EXPORT_PAGE) return;
    before = page.at(-1)!.id;
  }
}
