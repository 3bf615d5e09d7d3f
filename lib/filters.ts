import { z } from "zod";
import { periodParams, resolvePeriod, type Period, type PeriodKind } from "@/lib/periods";
import { getSettings, type Settings } from "@/lib/settings";
import { listTeams, resolveTeam, type TeamOption } from "@/lib/teams";

export type SearchParams = Record<string, string | string[] | undefined>;

export type ReportFilters = {
  period: Period;
  team: TeamOption | null;
  teams: TeamOption[];
  page: number;
  settings: Settings;
  /** What was wrong with the request, in words a person can act on; the report shows its defaults instead. */
  problems: string[];
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const pageParam = z.coerce.number().int().min(1).max(100_000);

/** `?page=`: absent means 1; anything but a whole number from 1 up is named as a problem, never a 500. */
export function resolvePage(raw: string | undefined): { page: number; problem: string | null } {
  if (raw === undefined || raw === "") return { page: 1, problem: null };
  const parsed = pageParam.safeParse(raw);
  return parsed.success ? { page: parsed.data, problem: null } : { page: 1, problem: `There is no page “${raw.slice(0, 20)}”: pages are numbered from 1. Showing page 1.` };
}

/** The period, team and page filters shared by the leaderboard, my stats and the dashboard. */
export async function resolveReportFilters(searchParams: SearchParams, { defaultPeriod, withTeam = true }: { defaultPeriod: Exclude<PeriodKind, "custom">; withTeam?: boolean }): Promise<ReportFilters> {
  const [settings, teams] = await Promise.all([getSettings(), withTeam ? listTeams() : Promise.resolve([])]);
  const problems: string[] = [];
  const { period, error } = resolvePeriod({ period: first(searchParams.period), from: first(searchParams.from), to: first(searchParams.to) }, { timeZone: settings.timeZone, fallback: defaultPeriod });
  if (error) problems.push(`${error.message}. Showing ${period.label.replace(/^./, (c) => c.toLowerCase())} instead.`);
  const { team, error: teamError } = withTeam ? resolveTeam(first(searchParams.team), teams) : { team: null, error: null };
  if (teamError) problems.push(`${teamError} Showing all teams.`);
  const { page, problem } = resolvePage(first(searchParams.page));
  if (problem) problems.push(problem);
  return { period, team, teams, page, settings, problems };
}

/** A URL for the same report with the same filters and some changed (undefined drops a parameter). */
export function reportHref(path: string, filters: Pick<ReportFilters, "period" | "team">, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams(periodParams(filters.period));
  if (filters.team) params.set("team", String(filters.team.id));
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) params.delete(key);
    else params.set(key, String(value));
  }
  return `${path}?${params}`;
}
