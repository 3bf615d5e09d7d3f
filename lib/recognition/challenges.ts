import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, rows, type Db, type Tx } from "@/db/client";
import {
  auditEvents,
  CHALLENGE_METRICS,
  challenges,
  rollupDaily,
  teams,
  users,
  type ChallengeMetric,
} from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { dayToDate } from "@/lib/periods";
import { isValid } from "date-fns";

export const METRIC_NAMES: Record<ChallengeMetric, string> = {
  shares: "Shares",
  counted_clicks: "Counted clicks",
  reshares: "Reshares",
  participation: "People who shared",
};

const day = (label: string) =>
  z
    .string({ error: `Choose the ${label} date` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} date as YYYY-MM-DD`)
    .refine((value) => isValid(dayToDate(value)), "That date does not exist");

/** The challenge form: a metric, a goal, who takes part, when, and what the reward is. */
export const challengeInput = z
  .object({
    title: z.string().trim().min(1, "Give the challenge a title").max(120, "Titles are at most 120 characters"),
    metric: z.enum(CHALLENGE_METRICS, { error: "Choose what the challenge counts" }),
    goal: z.coerce
      .number({ error: "Enter the goal as a whole number" })
      .int("Enter the goal as a whole number")
      .min(1, "The goal must be at least 1")
      .max(1_000_000_000, "That goal is too large"),
    teamId: z.preprocess(
      (value) => (value === "" || value == null ? null : value),
      z.coerce.number().int().positive().nullable(),
    ),
    startsOn: day("start"),
    endsOn: day("end"),
    reward: z.string().trim().max(300, "The reward is at most 300 characters").default(""),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: "The challenge ends before it starts", path: ["endsOn"] });
export type ChallengeInput = z.infer<typeof challengeInput>;

export async function createChallenge(actorId: string, input: ChallengeInput): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    if (input.teamId != null) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(sql`${teams.id} = ${input.teamId}`);
      if (!team) throw new DomainError("invalid", "That team does not exist.", { teamId: ["Choose a team"] });
    }
    const [created] = await tx
      .insert(challenges)
      .values({ ...input, createdById: actorId })
      .returning({ id: challenges.id });
    await tx.insert(auditEvents).values({
      actorId,
      action: "challenge.create",
      target: `challenge:${created!.id}`,
      details: { ...input },
    });
    return created!;
  });
}

export type ChallengeProgress = {
  id: number;
  title: string;
  metric: ChallengeMetric;
  goal: number;
  teamId: number | null;
  team: string | null;
  startsOn: string;
  endsOn: string;
  reward: string;
  progress: number;
  /** The viewer's own part of the progress (for participation: 1 if they shared). */
  mine: number;
};

/**
 * Challenges with their progress from the rollups: the metric summed over the challenge's days for its team's
 * current members (or everyone). Facebook shares count for nothing, as in the points rules.
 */
export async function challengeProgress(
  where: SQL,
  viewerId: string | null = null,
  on: Db | Tx = db,
): Promise<ChallengeProgress[]> {
  const found = await rows<{
    id: number;
    title: string;
    metric: ChallengeMetric;
    goal: number;
    team_id: number | null;
    team: string | null;
    starts_on: string;
    ends_on: string;
    reward: string;
    progress: number;
    mine: number;
  }>(
    sql`
    with per_advocate as (
      select c.id as challenge_id, r.advocate_id,
             coalesce(sum(r.shares) filter (where r.network <> 'facebook'), 0)::int as shares,
             sum(r.counted_clicks)::int as counted_clicks, sum(r.reshares)::int as reshares
      from ${challenges} c
      join ${rollupDaily} r on r.day >= c.starts_on and r.day <= c.ends_on
      join ${users} u on u.id = r.advocate_id and (c.team_id is null or u.team_id = c.team_id)
      where ${where}
      group by c.id, r.advocate_id
    ),
    valued as (
      select p.challenge_id, p.advocate_id,
             case c.metric when 'shares' then p.shares when 'counted_clicks' then p.counted_clicks
                           when 'reshares' then p.reshares else (p.shares > 0)::int end as value
      from per_advocate p join ${challenges} c on c.id = p.challenge_id
    )
    select c.id, c.title, c.metric::text as metric, c.goal, c.team_id, t.name as team,
           c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.reward,
           coalesce((select sum(v.value) from valued v where v.challenge_id = c.id), 0)::int as progress,
           coalesce((select sum(v.value) from valued v where v.challenge_id = c.id and v.advocate_id = ${viewerId}), 0)::int as mine
    from ${challenges} c left join ${teams} t on t.id = c.team_id
    where ${where}
    order by c.ends_on, c.id`,
    on,
  );
  return found.map((r) => ({
    id: r.id,
    title: r.title,
    metric: r.metric,
    goal: r.goal,
    teamId: r.team_id,
    team: r.team,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reward: r.reward,
    progress: r.progress,
    mine: r.mine,
  }));
}

/** The viewer's challenges (everyone's and their team's): running ones, and ones ended in the last 14 days. */
export async function challengesFor(viewer: { id: string; teamId: number | null }, today: string) {
  const team = viewer.teamId != null ? sql`or c.team_id = ${viewer.teamId}` : sql``;
  return challengeProgress(
    sql`(c.team_id is null ${team}) and c.starts_on <= ${today}::date and c.ends_on >= ${today}::date - 14`,
    viewer.id,
  );
}

/** Every challenge, newest first, for the curators' list. */
export async function allChallenges() {
  return (await challengeProgress(sql`true`)).reverse();
}

export async function getChallenge(id: number, on: Db | Tx = db): Promise<ChallengeProgress | null> {
  const [found] = await challengeProgress(sql`c.id = ${id}`, null, on);
  return found ?? null;
}

/** "Goal reached: 130 of 100 counted clicks." */
export function resultLine(c: Pick<ChallengeProgress, "progress" | "goal" | "metric">): string {
  const what = METRIC_NAMES[c.metric].toLowerCase();
  return `${c.progress >= c.goal ? "Goal reached" : "Goal not reached"}: ${c.progress.toLocaleString("en")} of ${c.goal.toLocaleString("en")} ${what}.`;
}
