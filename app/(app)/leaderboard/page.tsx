import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { ReportFilters } from "@/components/report/report-filters";
import { BadgeIcons } from "@/components/recognition/badge-icons";
import { Empty, num, tableBox, td, th } from "@/components/report/section";
import { requirePermission, type SessionUser } from "@/lib/auth";
import { reportHref, resolveReportFilters, type ReportFilters as Filters, type SearchParams } from "@/lib/filters";
import { getLeaderboard, getTeamLeaderboard, LEADERBOARD_PAGE_SIZE, ownRow, type ShownRow } from "@/lib/leaderboard";
import { showsInfluenced } from "@/lib/outcomes/settings";
import { can } from "@/lib/permissions";
import { leaderboardBadges, type MyBadge } from "@/lib/recognition/badges";
import { latestScores } from "@/lib/recognition/reports";
import { DEFAULT_PERIOD } from "@/lib/periods";
import type { Settings } from "@/lib/settings";
import { TableBox } from "@/components/table-box";

export const metadata: Metadata = { title: "Leaderboard" };

type RowProps = { row: ShownRow; mine: boolean; influenced: boolean; badges?: MyBadge[] };

function Row({ row, mine, influenced, badges = [] }: RowProps) {
  return (
    <tr
      className={`border-t border-slate-100 ${mine ? "bg-indigo-50 font-medium" : ""}`}
      data-testid={mine ? "my-row" : "leaderboard-row"}
      aria-current={mine ? "true" : undefined}
    >
      <td className={`${td} tabular-nums`} data-testid="rank">
        {row.rank ?? <span title="Not ranked in this period">—</span>}
      </td>
      <td className={td} data-testid="advocate">
        {row.name}
        <BadgeIcons badges={badges} />
        {mine && <span className="ml-1 text-xs text-indigo-700">(you)</span>}
      </td>
      <td className={`${td} hidden sm:table-cell`} data-testid="team">
        {row.team ?? "—"}
      </td>
      <td className={`${num} hidden sm:table-cell`} data-testid="shares">
        {row.shares}
      </td>
      <td className={num} data-testid="counted-clicks">
        {row.countedClicks}
      </td>
      {influenced && (
        <td className={`${num} hidden sm:table-cell`} data-testid="influenced">
          {row.influenced}
        </td>
      )}
      <td className={`${num} hidden sm:table-cell`} data-testid="reshares">
        {row.reshares}
      </td>
      <td className={`${num} font-semibold`} data-testid="points">
        {row.points}
      </td>
      <td className={`${num} hidden sm:table-cell`} data-testid="score">
        {row.score ?? <span title="No weekly score yet">—</span>}
      </td>
    </tr>
  );
}

function pointsRule(s: Settings): string {
  return `Points: share ${s.pointsShare} (Facebook ${s.pointsShareFacebook}), counted click ${s.pointsClick}, reshare ${s.pointsReshare}; at most ${s.dailyShareCap} shares a day earn share points. Days run on ${s.timeZone} time.`;
}

async function AdvocatesBoard({
  filters,
  viewer,
  exportable,
}: {
  filters: Filters;
  viewer: SessionUser;
  exportable: boolean;
}) {
  const { period, team, page } = filters;
  const viewerId = viewer.id;
  const { items, total, me, meOnPage } = await getLeaderboard({
    page,
    viewerId,
    range: period,
    teamId: team?.id ?? null,
  });
  const { pinned, unranked } = ownRow({ me, meOnPage }, viewer, {
    teamId: team?.id ?? null,
    viewerTeamName: filters.teams.find((t) => t.id === viewer.teamId)?.name ?? null,
    viewerScore: me ? null : ((await latestScores([viewer.id])).get(viewer.id) ?? null),
  });
  const influenced = showsInfluenced(filters.settings.influencedColumn, viewer.roles);
  const shownRows = [...items, ...(pinned ? [pinned] : [])];
  const badges = await leaderboardBadges(
    filters.settings.leaderboardBadges,
    shownRows.map((row) => row.advocateId),
  );
  const pages = Math.max(1, Math.ceil(total / LEADERBOARD_PAGE_SIZE));
  const problems =
    total > 0 && page > pages
      ? [`There is no page ${page}: this leaderboard has ${pages} page${pages === 1 ? "" : "s"}.`]
      : [];
  return (
    <>
      <Problems problems={problems} />
      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="board-scope">
          {period.label}
          {team ? ` · ${team.name}` : " · all teams"} · {total} advocate{total === 1 ? "" : "s"} ranked
        </p>
        {exportable && (
          <a
            className="text-sm font-medium text-indigo-700 underline"
            href={reportHref("/api/export/leaderboard", filters)}
            download
            data-testid="export-csv"
          >
            Download CSV
          </a>
        )}
      </div>
      {total === 0 && (
        <Empty>
          No activity {period.kind === "all" ? "yet" : "in this period"}
          {team ? ` for ${team.name}` : ""}. Share a post from the feed to get on the board.
        </Empty>
      )}
      {(total > 0 || unranked) && (
        <TableBox
          className={tableBox}
          caption={<>Advocates ranked by points, {period.label}</>}
          head={
            <>
              <th scope="col" className={th}>
                Rank
              </th>
              <th scope="col" className={th}>
                Advocate
              </th>
              <th scope="col" className={`${th} hidden sm:table-cell`}>
                Team
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                Shares
              </th>
              <th scope="col" className={`${th} text-right`}>
                Counted clicks
              </th>
              {influenced && (
                <th scope="col" className={`${th} hidden text-right sm:table-cell`} title="Conversions credited">
                  Influenced
                </th>
              )}
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                Reshares
              </th>
              <th scope="col" className={`${th} text-right`}>
                Points
              </th>
              <th
                scope="col"
                className={`${th} hidden text-right sm:table-cell`}
                title="Influence score (0–100) of the latest weekly snapshot, whatever the period"
              >
                Score
              </th>
            </>
          }
        >
          {items.map((row) => (
            <Row
              key={row.advocateId}
              row={row}
              mine={row.advocateId === viewerId}
              influenced={influenced}
              badges={badges.get(row.advocateId)}
            />
          ))}
          {pinned && (
            <>
              {items.length > 0 && (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a row is not focusable; the gap is decoration
                <tr aria-hidden="true" className="border-t border-slate-200">
                  <td colSpan={influenced ? 9 : 8} className="px-3 py-1 text-center text-xs text-slate-500">
                    ⋯
                  </td>
                </tr>
              )}
              <Row row={pinned} mine influenced={influenced} badges={badges.get(viewerId)} />
            </>
          )}
        </TableBox>
      )}
      {unranked && (
        <p className="mt-3 text-sm text-slate-600" data-testid="not-ranked">
          You are not ranked {period.kind === "all" ? "yet" : "in this period"}: share a post from the feed to join the
          board.
        </p>
      )}
      <Pager
        page={page}
        total={total}
        pageSize={LEADERBOARD_PAGE_SIZE}
        href={(p) => reportHref("/leaderboard", filters, { page: p })}
        label="Leaderboard pages"
      />
    </>
  );
}

async function TeamsBoard({
  filters,
  viewerTeamId,
  exportable,
}: {
  filters: Filters;
  viewerTeamId: number | null;
  exportable: boolean;
}) {
  const rows = await getTeamLeaderboard({ range: filters.period });
  return (
    <>
      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="board-scope">
          {filters.period.label} · teams ranked by points per active member
        </p>
        {exportable && (
          <a
            className="text-sm font-medium text-indigo-700 underline"
            href={reportHref("/api/export/teams", { period: filters.period, team: null })}
            download
            data-testid="export-csv"
          >
            Download CSV
          </a>
        )}
      </div>
      {rows.length === 0 ? (
        <Empty>No teams yet: an admin puts people in teams.</Empty>
      ) : (
        <TableBox
          className={tableBox}
          caption={<>Teams ranked by points per member, {filters.period.label}</>}
          head={
            <>
              <th scope="col" className={th}>
                Rank
              </th>
              <th scope="col" className={th}>
                Team
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                Members
              </th>
              <th scope="col" className={`${th} hidden text-right md:table-cell`}>
                Members who shared
              </th>
              <th scope="col" className={`${th} hidden text-right md:table-cell`}>
                Shares
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                Counted clicks
              </th>
              <th scope="col" className={`${th} hidden text-right md:table-cell`}>
                Reshares
              </th>
              <th scope="col" className={`${th} text-right`}>
                Points
              </th>
              <th scope="col" className={`${th} text-right`}>
                Points per member
              </th>
            </>
          }
        >
          {rows.map((row) => {
            const mine = row.teamId === viewerTeamId;
            return (
              <tr
                key={row.teamId}
                className={`border-t border-slate-100 ${mine ? "bg-indigo-50 font-medium" : ""}`}
                data-testid={mine ? "my-team-row" : "team-row"}
                aria-current={mine ? "true" : undefined}
              >
                <td className={`${td} tabular-nums`}>{row.rank}</td>
                <td className={td}>
                  {row.team}
                  {mine && <span className="ml-1 text-xs text-indigo-700">(your team)</span>}
                </td>
                <td className={`${num} hidden sm:table-cell`}>{row.members}</td>
                <td className={`${num} hidden md:table-cell`}>{row.sharers}</td>
                <td className={`${num} hidden md:table-cell`}>{row.shares}</td>
                <td className={`${num} hidden sm:table-cell`}>{row.countedClicks}</td>
                <td className={`${num} hidden md:table-cell`}>{row.reshares}</td>
                <td className={num}>{row.points}</td>
                <td className={`${num} font-semibold`} data-testid="points-per-member">
                  {row.pointsPerMember.toFixed(2)}
                </td>
              </tr>
            );
          })}
        </TableBox>
      )}
    </>
  );
}

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("leaderboard.read", "/leaderboard");
  const params = await searchParams;
  const view = params.view === "teams" ? "teams" : "advocates";
  const filters = await resolveReportFilters(params, {
    defaultPeriod: DEFAULT_PERIOD.leaderboard,
    withTeam: view === "advocates",
  });
  const exportable = can(user.roles, "dashboard.export");
  const tab = (name: typeof view, label: string) => (
    <Link
      href={reportHref(
        "/leaderboard",
        { period: filters.period, team: name === "advocates" ? filters.team : null },
        { view: name === "teams" ? "teams" : undefined },
      )}
      aria-current={view === name ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${view === name ? "bg-indigo-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      <h1 className="text-2xl font-semibold">Leaderboard</h1>
      <p className="mt-1 text-sm text-slate-600">
        {pointsRule(filters.settings)}{" "}
        <Link href="/how-points-work" className="text-indigo-700 underline">
          How points work
        </Link>
      </p>
      <nav aria-label="Leaderboard views" className="mt-4 flex gap-2">
        {tab("advocates", "Advocates")}
        {tab("teams", "Teams")}
      </nav>
      <ReportFilters
        action="/leaderboard"
        period={filters.period.kind}
        from={filters.period.from}
        to={filters.period.to}
        teams={view === "advocates" ? filters.teams : undefined}
        teamId={filters.team?.id}
        hidden={view === "teams" ? { view: "teams" } : {}}
      />
      <Problems problems={filters.problems} />
      {view === "advocates" ? (
        <AdvocatesBoard filters={filters} viewer={user} exportable={exportable} />
      ) : (
        <TeamsBoard filters={filters} viewerTeamId={user.teamId} exportable={exportable} />
      )}
    </>
  );
}
