import type { Metadata } from "next";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { ReportFilters } from "@/components/report/report-filters";
import { BadgeIcons } from "@/components/recognition/badge-icons";
import { Empty, num, tableBox, td, th } from "@/components/report/section";
import { periodLabel } from "@/i18n/period-label";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Leaderboard"))("title") };
}

type RowProps = { row: ShownRow; mine: boolean; influenced: boolean; badges?: MyBadge[] };

function Row({ row, mine, influenced, badges = [] }: RowProps) {
  const t = useTranslations("Leaderboard");
  const n = useFormatter().number;
  return (
    <tr
      className={`border-t border-slate-100 ${mine ? "bg-indigo-50 font-medium" : ""}`}
      data-testid={mine ? "my-row" : "leaderboard-row"}
      aria-current={mine ? "true" : undefined}
    >
      <td className={`${td} tabular-nums`} data-testid="rank">
        {row.rank ?? <span title={t("notRanked")}>—</span>}
      </td>
      <td className={td} data-testid="advocate">
        {row.name}
        <BadgeIcons badges={badges} />
        {mine && <span className="ml-1 text-xs text-indigo-700">{t("you")}</span>}
      </td>
      <td className={`${td} hidden sm:table-cell`} data-testid="team">
        {row.team ?? "—"}
      </td>
      <td className={`${num} hidden sm:table-cell`} data-testid="shares">
        {n(row.shares)}
      </td>
      <td className={num} data-testid="counted-clicks">
        {n(row.countedClicks)}
      </td>
      {influenced && (
        <td className={`${num} hidden sm:table-cell`} data-testid="influenced">
          {n(row.influenced)}
        </td>
      )}
      <td className={`${num} hidden sm:table-cell`} data-testid="reshares">
        {n(row.reshares)}
      </td>
      <td className={`${num} font-semibold`} data-testid="points">
        {n(row.points)}
      </td>
      <td className={`${num} hidden sm:table-cell`} data-testid="score">
        {row.score ?? <span title={t("noScore")}>—</span>}
      </td>
    </tr>
  );
}

function pointsRule(s: Settings, t: Awaited<ReturnType<typeof getTranslations<"Leaderboard">>>): string {
  return t("rule", {
    share: s.pointsShare,
    facebook: s.pointsShareFacebook,
    click: s.pointsClick,
    reshare: s.pointsReshare,
    cap: s.dailyShareCap,
    timeZone: s.timeZone,
  });
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
  const t = await getTranslations("Leaderboard");
  const label = await periodLabel(period);
  const when = period.kind === "all" ? "all" : "period";
  const problems = total > 0 && page > pages ? [t("noPage", { page, pages })] : [];
  return (
    <>
      <Problems problems={problems} />
      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="board-scope">
          {label}
          {team ? ` · ${team.name}` : t("scopeAllTeams")} · {t("ranked", { count: total })}
        </p>
        {exportable && (
          <a
            className="text-sm font-medium text-indigo-700 underline"
            href={reportHref("/api/export/leaderboard", filters)}
            download
            data-testid="export-csv"
          >
            {t("downloadCsv")}
          </a>
        )}
      </div>
      {total === 0 && (
        <Empty>{t("noActivity", { when, forTeam: team ? t("forTeam", { team: team.name }) : "" })}</Empty>
      )}
      {(total > 0 || unranked) && (
        <TableBox
          className={tableBox}
          caption={<>{t("caption", { period: label })}</>}
          head={
            <>
              <th scope="col" className={th}>
                {t("rank")}
              </th>
              <th scope="col" className={th}>
                {t("advocate")}
              </th>
              <th scope="col" className={`${th} hidden sm:table-cell`}>
                {t("team")}
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                {t("shares")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("countedClicks")}
              </th>
              {influenced && (
                <th scope="col" className={`${th} hidden text-right sm:table-cell`} title={t("influencedTitle")}>
                  {t("influenced")}
                </th>
              )}
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                {t("reshares")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("points")}
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`} title={t("scoreTitle")}>
                {t("score")}
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
          {t("youNotRanked", { when })}
        </p>
      )}
      <Pager
        page={page}
        total={total}
        pageSize={LEADERBOARD_PAGE_SIZE}
        href={(p) => reportHref("/leaderboard", filters, { page: p })}
        label={t("pages")}
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
  const t = await getTranslations("Leaderboard");
  const n = (await getFormatter()).number;
  const label = await periodLabel(filters.period);
  return (
    <>
      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-600" data-testid="board-scope">
          {label}
          {t("teamsScope")}
        </p>
        {exportable && (
          <a
            className="text-sm font-medium text-indigo-700 underline"
            href={reportHref("/api/export/teams", { period: filters.period, team: null })}
            download
            data-testid="export-csv"
          >
            {t("downloadCsv")}
          </a>
        )}
      </div>
      {rows.length === 0 ? (
        <Empty>{t("noTeams")}</Empty>
      ) : (
        <TableBox
          className={tableBox}
          caption={<>{t("teamsCaption", { period: label })}</>}
          head={
            <>
              <th scope="col" className={th}>
                {t("rank")}
              </th>
              <th scope="col" className={th}>
                {t("team")}
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                {t("members")}
              </th>
              <th scope="col" className={`${th} hidden text-right md:table-cell`}>
                {t("sharers")}
              </th>
              <th scope="col" className={`${th} hidden text-right md:table-cell`}>
                {t("shares")}
              </th>
              <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                {t("countedClicks")}
              </th>
              <th scope="col" className={`${th} hidden text-right md:table-cell`}>
                {t("reshares")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("points")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("perMember")}
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
                  {mine && <span className="ml-1 text-xs text-indigo-700">{t("yourTeam")}</span>}
                </td>
                <td className={`${num} hidden sm:table-cell`}>{n(row.members)}</td>
                <td className={`${num} hidden md:table-cell`}>{n(row.sharers)}</td>
                <td className={`${num} hidden md:table-cell`}>{n(row.shares)}</td>
                <td className={`${num} hidden sm:table-cell`}>{n(row.countedClicks)}</td>
                <td className={`${num} hidden md:table-cell`}>{n(row.reshares)}</td>
                <td className={num}>{n(row.points)}</td>
                <td className={`${num} font-semibold`} data-testid="points-per-member">
                  {n(row.pointsPerMember, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
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
  const t = await getTranslations("Leaderboard");
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
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {pointsRule(filters.settings, t)}{" "}
        <Link href="/how-points-work" className="text-indigo-700 underline">
          {t("howPointsWork")}
        </Link>
      </p>
      <nav aria-label={t("views")} className="mt-4 flex gap-2">
        {tab("advocates", t("advocates"))}
        {tab("teams", t("teams"))}
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
