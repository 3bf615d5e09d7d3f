import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, teams, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { rowId, text } from "@/lib/validation";

export type TeamOption = { id: number; name: string };

export async function listTeams(): Promise<TeamOption[]> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
}

const teamParam = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z.union([
    z.literal(""),
    z.literal("all"),
    z.undefined(),
    z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  ]),
);

/**
 * The `?team=` filter: absent, empty or "all" means every team. An id that is not a number or names no team
 * is an error with a message, never a silently widened or empty report.
 */
export function resolveTeam(raw: unknown, options: TeamOption[]): { team: TeamOption | null; error: string | null } {
  const parsed = teamParam.safeParse(raw);
  if (!parsed.success) return { team: null, error: `“${String(raw).slice(0, 40)}” is not a team.` };
  if (typeof parsed.data !== "number") return { team: null, error: null };
  const team = options.find((option) => option.id === parsed.data);
  return team ? { team, error: null } : { team: null, error: `There is no team with id ${parsed.data}.` };
}

export const teamInput = z.object({
  name: text(100, { label: "A team name", required: "Give the team a name" }),
});
export const renameTeamInput = teamInput.extend({ teamId: rowId });

export async function listTeamsWithMembers() {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      members: sql<number>`(count(${users.id}) filter (where ${users.active}))::int`,
    })
    .from(teams)
    .leftJoin(users, eq(users.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.name));
}

async function assertNameFree(name: string, exceptId?: number): Promise<void> {
  const [clash] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(sql`lower(${teams.name}) = lower(${name})`)
    .limit(1);
  if (clash && clash.id !== exceptId)
    throw new DomainError("conflict", `There is already a team called ${name}.`, {
      name: ["Another team has this name"],
    });
}

export async function createTeam(actorId: string, name: string): Promise<{ teamId: number }> {
  await assertNameFree(name);
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ name }).returning({ id: teams.id });
    await tx
      .insert(auditEvents)
      .values({ actorId, action: "team.create", target: `team:${team!.id}`, details: { name } });
    return { teamId: team!.id };
  });
}

export async function renameTeam(actorId: string, teamId: number, name: string): Promise<void> {
  await assertNameFree(name, teamId);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId)).for("update");
    if (!before) throw new DomainError("not_found", "No such team.");
    if (before.name === name) return;
    await tx.update(teams).set({ name }).where(eq(teams.id, teamId));
    await tx
      .insert(auditEvents)
      .values({ actorId, action: "team.rename", target: `team:${teamId}`, details: { from: before.name, to: name } });
  });
}
