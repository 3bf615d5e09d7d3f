import { apiError, withPermission, type RouteContext } from "@/lib/api";
import { csvResponse } from "@/lib/csv";
import { EXPORTS } from "@/lib/exports";
import { showsInfluenced } from "@/lib/outcomes/settings";
import { resolvePeriod } from "@/lib/periods";
import { getSettings } from "@/lib/settings";
import { listTeams, resolveTeam } from "@/lib/teams";
import { otherMethods } from "@/lib/api/methods";

/**
 * GET /api/export/<table>?period=…&from=…&to=…&team=… — one leaderboard or dashboard table as a CSV
 * download, for leaders and admins. Bad filters answer 400 with what was wrong, never a guess.
 */
export const GET = withPermission<RouteContext<{ table: string }>>(
  "dashboard.export",
  async (request, { params, user }) => {
    const { table } = await params;
    const exporter = Object.hasOwn(EXPORTS, table) ? EXPORTS[table] : undefined;
    if (!exporter)
      return apiError(
        "not_found",
        `There is no “${table.slice(0, 40)}” export. Choose one of: ${Object.keys(EXPORTS).join(", ")}.`,
      );

    const query = Object.fromEntries(new URL(request.url).searchParams);
    const [settings, teams] = await Promise.all([getSettings(), listTeams()]);
    const { period, error } = resolvePeriod(query, { timeZone: settings.timeZone, fallback: exporter.defaultPeriod });
    if (error) return apiError("invalid", error.message, error.fields);
    const { team, error: teamError } = exporter.byTeam ? resolveTeam(query.team, teams) : { team: null, error: null };
    if (teamError) return apiError("invalid", teamError, { team: [teamError] });

    const rows = await exporter.rows({ range: period, teamId: team?.id ?? null }, period);
    const when =
      period.kind === "custom"
        ? `${period.from}-to-${period.to}`
        : period.from
          ? `${period.kind}-from-${period.from}`
          : "all-time";
    // biome-ignore lint/style/useTemplate: the name's parts are joined first, then the extension added
    const filename = ["chorus", exporter.title, when, team ? team.name : null].filter(Boolean).join("-") + ".csv";
    const influenced = showsInfluenced(settings.influencedColumn, user.roles);
    const columns = exporter.columns.filter((column) => !column.influenced || influenced);
    return csvResponse(filename, columns, rows);
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
