import { type SQL, sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { badges, rollupDaily, rollupOutcomes, settings, suggestions, users } from "@/db/schema";
import { addDays } from "date-fns";
import { dateToDay, dayToDate } from "@/lib/periods";

/** The badges on offer, each earned once (README "Influence score, badges and challenges"). */
export const BADGES = [
  {
    id: "first-share",
    icon: "📣",
    name: "First share",
    description: "Shared a post (Facebook shares do not count here).",
  },
  { id: "streak-4", icon: "🔥", name: "4-week streak", description: "Shared in 4 weeks in a row." },
  { id: "streak-12", icon: "🏆", name: "12-week streak", description: "Shared in 12 weeks in a row." },
  { id: "clicks-100", icon: "💯", name: "100 counted clicks", description: "Your links reached 100 counted clicks." },
  {
    id: "clicks-1000",
    icon: "🚀",
    name: "1,000 counted clicks",
    description: "Your links reached 1,000 counted clicks.",
  },
  { id: "first-reshare", icon: "🔁", name: "First reshare", description: "Someone shared on from one of your links." },
  {
    id: "first-lead",
    icon: "🤝",
    name: "First influenced lead",
    description: "A lead came through one of your links (a conversion credited to you).",
  },
  {
    id: "first-suggestion",
    icon: "💡",
    name: "First accepted suggestion",
    description: "A curator accepted a post you suggested.",
  },
] as const;
export type BadgeId = (typeof BADGES)[number]["id"];
export type Award = { advocateId: string; badge: BadgeId; awardedOn: string };

/** The day a run of consecutive weeks with a share first reached `length` weeks: that week's first share day. */
export function streakReachedOn(weeks: { week: string; firstDay: string }[], length: number): string | null {
  const sorted = [...weeks].sort((a, b) => a.week.localeCompare(b.week));
  let run = 0;
  let previous: string | null = null;
  for (const { week, firstDay } of sorted) {
    run = previous && dateToDay(addDays(dayToDate(previous), 7)) === week ? run + 1 : 1;
    previous = week;
    if (run >= length) return firstDay;
  }
  return null;
}

/** Which advocates to look at: the ones given, or everyone who still lacks a badge. */
function scopeOf(column: SQL, advocateIds?: string[]): SQL {
  return advocateIds
    ? sql`${column} = any(${sql.param(advocateIds)}::text[])`
    : sql`${column} not in (select advocate_id from ${badges} group by advocate_id having count(*) >= ${BADGES.length})`;
}

type Earned = Map<string, Partial<Record<BadgeId, string>>>;

function note(earned: Earned, advocateId: string, badge: BadgeId, day: string | null) {
  if (day) earned.set(advocateId, { ...earned.get(advocateId), [badge]: day });
}

/** First share, first reshare and the click milestones, from the daily rollup. */
async function fromClicks(earned: Earned, scope: SQL) {
  const firsts = await rows<{
    advocate_id: string;
    first_share: string | null;
    first_reshare: string | null;
    clicks_100: string | null;
    clicks_1000: string | null;
  }>(sql`
    with per_day as (
      select r.advocate_id, r.day,
             coalesce(sum(r.shares) filter (where r.network <> 'facebook'), 0) as shares,
             sum(r.reshares) as reshares, sum(r.counted_clicks) as counted_clicks
      from ${rollupDaily} r where ${scope} group by r.advocate_id, r.day
    ),
    running as (
      select *, sum(counted_clicks) over (partition by advocate_id order by day) as clicks_so_far from per_day
    )
    select advocate_id,
           (min(day) filter (where shares > 0))::text as first_share,
           (min(day) filter (where reshares > 0))::text as first_reshare,
           (min(day) filter (where clicks_so_far >= 100))::text as clicks_100,
           (min(day) filter (where clicks_so_far >= 1000))::text as clicks_1000
    from running group by advocate_id`);
  for (const f of firsts) {
    note(earned, f.advocate_id, "first-share", f.first_share);
    note(earned, f.advocate_id, "first-reshare", f.first_reshare);
    note(earned, f.advocate_id, "clicks-100", f.clicks_100);
    note(earned, f.advocate_id, "clicks-1000", f.clicks_1000);
  }
}

/** The streaks, from the weeks with a share (Facebook left out). */
async function fromStreaks(earned: Earned, scope: SQL) {
  const weeks = await rows<{ advocate_id: string; week: string; first_day: string }>(sql`
    select r.advocate_id, date_trunc('week', r.day::timestamp)::date::text as week, min(r.day)::text as first_day
    from ${rollupDaily} r where ${scope} and r.shares > 0 and r.network <> 'facebook'
    group by 1, 2`);
  const weeksOf = new Map<string, { week: string; firstDay: string }[]>();
  for (const w of weeks)
    weeksOf.set(w.advocate_id, [...(weeksOf.get(w.advocate_id) ?? []), { week: w.week, firstDay: w.first_day }]);
  for (const [advocateId, own] of weeksOf) {
    note(earned, advocateId, "streak-4", streakReachedOn(own, 4));
    note(earned, advocateId, "streak-12", streakReachedOn(own, 12));
  }
}

/**
 * The first influenced lead (a deal credited to the advocate reaching the lead stage, from the outcome rollup)
 * and the first accepted suggestion (the day a curator accepted it, in the company time zone).
 */
async function fromOutcomes(earned: Earned, advocateIds?: string[]) {
  const found = await rows<{ advocate_id: string; badge: BadgeId; day: string }>(sql`
    select r.advocate_id, 'first-lead' as badge, min(r.day)::text as day from ${rollupOutcomes} r
    where r.leads > 0 and r.advocate_id is not null and ${scopeOf(sql`r.advocate_id`, advocateIds)}
    group by r.advocate_id
    union all
    select s.suggested_by_id, 'first-suggestion',
           min((s.decided_at at time zone (select time_zone from ${settings} where id = 1))::date)::text
    from ${suggestions} s
    where s.status = 'accepted' and s.suggested_by_id is not null
      and ${scopeOf(sql`s.suggested_by_id`, advocateIds)}
    group by s.suggested_by_id`);
  for (const row of found) note(earned, row.advocate_id, row.badge, row.day);
}

/**
 * Every badge the rollups (and accepted suggestions) say is earned, dated the day it was first earned. Limited
 * to `advocateIds` when given; otherwise everyone who still lacks a badge. Awarding skips those already stored.
 */
export async function earnedBadges(advocateIds?: string[]): Promise<Award[]> {
  const earned: Earned = new Map();
  const scope = scopeOf(sql`r.advocate_id`, advocateIds);
  await fromClicks(earned, scope);
  await fromStreaks(earned, scope);
  await fromOutcomes(earned, advocateIds);
  return [...earned].flatMap(([advocateId, days]) =>
    BADGES.flatMap(({ id }) => (days[id] ? [{ advocateId, badge: id, awardedOn: days[id] }] : [])),
  );
}

/**
 * Awards what is earned. The primary key (advocate, badge) makes each badge go in once, however many
 * servers or page views run this at the same moment: the second insert does nothing.
 */
export async function awardBadges(advocateIds?: string[]): Promise<number> {
  // One order for every writer, so two runs inserting overlapping rows wait on each other instead of deadlocking.
  const awards = (await earnedBadges(advocateIds)).sort(
    (a, b) => a.advocateId.localeCompare(b.advocateId) || a.badge.localeCompare(b.badge),
  );
  if (!awards.length) return 0;
  const inserted = await rows<{ n: number }>(sql`
    with inserted as (
      insert into ${badges} (advocate_id, badge, awarded_on)
      select advocate_id, badge, awarded_on::date
      from unnest(${sql.param(awards.map((a) => a.advocateId))}::text[], ${sql.param(awards.map((a) => a.badge))}::text[],
                  ${sql.param(awards.map((a) => a.awardedOn))}::text[]) as a(advocate_id, badge, awarded_on)
      on conflict (advocate_id, badge) do nothing
      returning 1)
    select count(*)::int as n from inserted`);
  return inserted[0]?.n ?? 0;
}

export type MyBadge = { id: BadgeId; icon: string; name: string; description: string; awardedOn: string };

/** A stored row with its badge's name and icon; a badge no longer offered is left out. */
function named(row: { badge: string; awarded_on: string }): MyBadge[] {
  const badge = BADGES.find((b) => b.id === row.badge);
  if (!badge) return [];
  return [
    { id: badge.id, icon: badge.icon, name: badge.name, description: badge.description, awardedOn: row.awarded_on },
  ];
}

/** An advocate's badges, oldest first, with their names. */
export async function getBadges(advocateId: string): Promise<MyBadge[]> {
  const found = await rows<{ badge: string; awarded_on: string }>(sql`
    select badge, awarded_on::text as awarded_on from ${badges} where advocate_id = ${advocateId}
    order by awarded_on, badge`);
  return found.flatMap(named);
}

/**
 * The badges to show beside these advocates' names on the leaderboard, oldest first: none at all unless the
 * admin shows them, and none for anyone who hides their name (badges and their dates could point to them).
 */
export async function leaderboardBadges(shown: boolean, advocateIds: string[]): Promise<Map<string, MyBadge[]>> {
  const byAdvocate = new Map<string, MyBadge[]>();
  if (!shown || !advocateIds.length) return byAdvocate;
  const found = await rows<{ advocate_id: string; badge: string; awarded_on: string }>(sql`
    select b.advocate_id, b.badge, b.awarded_on::text as awarded_on
    from ${badges} b join ${users} u on u.id = b.advocate_id and not u.hide_name
    where b.advocate_id = any(${sql.param(advocateIds)}::text[])
    order by b.awarded_on, b.badge`);
  for (const row of found) byAdvocate.set(row.advocate_id, [...(byAdvocate.get(row.advocate_id) ?? []), ...named(row)]);
  return byAdvocate;
}
