import { z } from "zod";
import { periodParams, resolvePeriod, type Period, type PeriodKind } from "@/lib/periods";
import { getSettings, type Settings } from "@/lib/settings";
import { listTeams, resolveTeam, type TeamOption } from "@/lib/teams";
import { rowId, text } from "@/lib/validation";

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

/** A query parameter given twice counts once: the first. */
export const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export const pageParam = z.coerce.number().int().min(1).max(100_000);

const SEARCH_MAX = 200;
/** A list's free-text search: blank is no search. */
export const searchParam = text(SEARCH_MAX, { label: "A search" }).transform((q) => q || undefined);

/** An id an append-only log pages from (`?before=` / `?after=`). */
export const cursorParam = rowId;

/** `?page=`: absent means 1; anything but a whole number from 1 up is named as a problem, never a 500. */
export function resolvePage(raw: string | undefined): { page: number; problem: string | null } {
  if (raw === undefined || raw === "") return { page: 1, problem: null };
  const parsed = pageParam.safeParse(raw);
  return parsed.success
    ? { page: parsed.data, problem: null }
    : { page: 1, problem: `There is no page “${raw.slice(0, 20)}”: pages are numbered from 1. Showing page 1.` };
}

/**
 * One optional query parameter read with its zod schema. A value the schema refuses is dropped (the list shows
 * its default) and named in `problem`, so junk in a URL reads as a sentence above the list, never a 500.
 */
export function resolveParam<T>(
  raw: string | string[] | undefined,
  schema: z.ZodType<T>,
  problem: (value: string) => string,
): { value: T | undefined; problem: string | null } {
  const value = first(raw);
  if (value === undefined || value === "") return { value: undefined, problem: null };
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { value: parsed.data, problem: null }
    : { value: undefined, problem: problem(value.slice(0, 40)) };
}

/**
 * What a list's query schema quietly dropped: each parameter whose value its own schema (inside `.catch`)
 * refuses, named in a sentence, so a mistyped filter in a URL is said above the list rather than ignored.
 */
export function droppedParams(schema: z.ZodObject<z.ZodRawShape>, raw: SearchParams): string[] {
  const problems: string[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = first(raw[key]);
    if (value === undefined || value === "") continue;
    const strict = field instanceof z.ZodCatch ? field.unwrap() : field;
    if (!(strict as z.ZodType).safeParse(value).success)
      problems.push(`“${key}=${value.slice(0, 40)}” is not a filter this list understands, so it was left out.`);
  }
  return problems;
}

/** A list's `?page=` (its first value), resolved as resolvePage does. */
export function pageOf(params: SearchParams): { page: number; problem: string | null } {
  return resolvePage(first(params.page));
}

/** `?q=`: a search past the limit is dropped and said, with what the list shows instead. */
export function resolveSearch(
  raw: string | string[] | undefined,
  showingInstead: string,
): { value: string | undefined; problem: string | null } {
  return resolveParam(
    raw,
    searchParam,
    () => `Searches are at most ${SEARCH_MAX} characters, on one line: showing ${showingInstead}.`,
  );
}

/** The problems some checks found, leaving out the ones that found none. */
export function problemsOf(...found: (string | null)[]): string[] {
  return found.filter((problem): problem is string => problem !== null);
}

/** A searchable, paged list's `?q=` and `?page=`, with the problems found in them. */
export function resolveSearchPage(
  params: SearchParams,
  showingInstead: string,
): { q: string | undefined; page: number; problems: string[] } {
  const search = resolveSearch(params.q, showingInstead);
  const { page, problem } = pageOf(params);
  return { q: search.value, page, problems: problemsOf(search.problem, problem) };
}

/** A page number past the end of a list that has some rows, said plainly (the list below it is empty). */
export function pageBeyondEnd(page: number, total: number, pageSize: number): string | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return total > 0 && page > pages
    ? `There is no page ${page}: this list has ${pages} page${pages === 1 ? "" : "s"}.`
    : null;
}

export type Cursor = { before?: number; after?: number };

/** `?before=<id>` (older entries) or `?after=<id>` (newer ones) of a newest-first log; neither is the newest page. */
export function resolveCursor(params: SearchParams): { cursor: Cursor; problem: string | null } {
  const invalid = () => "That link to older or newer entries is not valid. Showing the newest.";
  const before = resolveParam(params.before, cursorParam, invalid);
  const after = resolveParam(params.after, cursorParam, invalid);
  if (before.problem || after.problem) return { cursor: {}, problem: invalid() };
  if (before.value !== undefined && after.value !== undefined)
    return { cursor: {}, problem: "Ask for older or for newer entries, not both. Showing the newest." };
  return { cursor: { before: before.value, after: after.value }, problem: null };
}

/** A list's URL with these query parameters (undefined and empty ones left out). */
export function listHref(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The period, team and page filters shared by the leaderboard, my stats and the dashboard. */
export async function resolveReportFilters(
  searchParams: SearchParams,
  { defaultPeriod, withTeam = true }: { defaultPeriod: Exclude<PeriodKind, "custom">; withTeam?: boolean },
): Promise<ReportFilters> {
  const [settings, teams] = await Promise.all([getSettings(), withTeam ? listTeams() : Promise.resolve([])]);
  const problems: string[] = [];
  const { period, error } = resolvePeriod(
    { period: first(searchParams.period), from: first(searchParams.from), to: first(searchParams.to) },
    { timeZone: settings.timeZone, fallback: defaultPeriod },
  );
  if (error) problems.push(`${error.message}. Showing ${period.label.replace(/^./, (c) => c.toLowerCase())} instead.`);
  const { team, error: teamError } = withTeam
    ? resolveTeam(first(searchParams.team), teams)
    : { team: null, error: null };
  if (teamError) problems.push(`${teamError} Showing all teams.`);
  const { page, problem } = pageOf(searchParams);
  if (problem) problems.push(problem);
  return { period, team, teams, page, settings, problems };
}

/** A URL for the same report with the same filters and some changed (undefined drops a parameter). */
export function reportHref(
  path: string,
  filters: Pick<ReportFilters, "period" | "team">,
  extra: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams(periodParams(filters.period));
  if (filters.team) params.set("team", String(filters.team.id));
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) params.delete(key);
    else params.set(key, String(value));
  }
  return `${path}?${params}`;
}
