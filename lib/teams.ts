import { asc } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { teams } from "@/db/schema";

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
