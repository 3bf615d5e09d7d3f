import type { Metadata } from "next";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { DashboardRecognition } from "@/components/recognition/dashboard-recognition";
import { Problems } from "@/components/report/problems";
import { ReportFilters } from "@/components/report/report-filters";
import { Empty, Section } from "@/components/report/section";
import { Outcomes } from "@/components/report/outcomes";
import { StatCard } from "@/components/report/stat-card";
import { TargetProgress } from "@/components/report/target-progress";
import { Card } from "@/components/ui/card";
import { Cell, HeadCell, NumericCell, Row, Table, ClickHeadCells } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth";
import {
  type NetworkRow,
  type Summary,
  type Timeline,
  type TopCampaignRow,
  type TopHashtagRow,
  type TopPostRow,
  getDashboard,
} from "@/lib/dashboard";
import { percent } from "@/lib/exports";
import { getOutcomeReport, getOutcomeTimeline } from "@/lib/outcomes/reports";
import { getTargetProgress, quarterAt } from "@/lib/outcomes/targets";
import { NETWORK_NAMES } from "@/lib/share-intents";
import { reportHref, resolveReportFilters, type SearchParams } from "@/lib/filters";
import { can } from "@/lib/permissions";
import { DEFAULT_PERIOD } from "@/lib/periods";

export const metadata: Metadata = { title: "Dashboard" };

const n = (value: number) => value.toLocaleString("en");
/** How many rows the dashboard's "top" tables show (lib/dashboard's default). */
const TOP = 10;
const money = (value: number) => value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("dashboard.read", "/dashboard");
  const filters = await resolveReportFilters(await searchParams, { defaultPeriod: DEFAULT_PERIOD.dashboard });
  const { period, team } = filters;
  const { summary, timeline, networks, topPosts, topHashtags, topCampaigns } = await getDashboard(
    { range: period, teamId: team?.id ?? null },
    period.today,
  );
  const quarter = quarterAt(new Date(), filters.settings.timeZone);
  const [outcomes, targets, outcomePoints] = can(user.roles, "outcomes.read")
    ? await Promise.all([
        getOutcomeReport({ range: period, teamId: team?.id ?? null }, period.today),
        getTargetProgress(quarter, { teamId: team?.id ?? null, now: new Date() }),
        getOutcomeTimeline({ range: period, teamId: team?.id ?? null }, timeline),
      ])
    : [null, [], []];
  const exportHref = can(user.roles, "dashboard.export")
    ? (table: string) => reportHref(`/api/export/${table}`, filters)
    : () => undefined;
  const scope = `${period.label} · ${team ? team.name : "all teams"}`;

  return (
    <>
      <h1 className="text-2xl font-semibold">Leadership dashboard</h1>
      <p className="mt-1 text-sm text-slate-600" data-testid="dashboard-scope">
        {scope}. Days run on {filters.settings.timeZone} time.
      </p>
      <ReportFilters
        action="/dashboard"
        period={period.kind}
        from={period.from}
        to={period.to}
        teams={filters.teams}
        teamId={team?.id}
      />
      <Problems problems={filters.problems} />
      <SummarySection summary={summary} exportHref={exportHref("summary")} />
      <TimelineSection summary={summary} timeline={timeline} scope={scope} exportHref={exportHref("timeline")} />
      <ReachSection networks={networks} exportHref={exportHref("networks")} />
      {outcomes && (
        <Section title={`Targets, ${quarter.name}`} testId="targets">
          <TargetProgress rows={targets} />
        </Section>
      )}
      {outcomes && (
        <Outcomes
          report={outcomes}
          overTime={{ bucket: timeline.bucket, points: outcomePoints }}
          scope={scope}
          exportHref={exportHref}
        />
      )}
      <TopPosts rows={topPosts} scope={scope} exportHref={exportHref("posts")} />
      <div className="grid gap-x-6 lg:grid-cols-2">
        <TopHashtags rows={topHashtags} scope={scope} exportHref={exportHref("hashtags")} />
        <TopCampaigns rows={topCampaigns} exportHref={exportHref("campaigns")} />
      </div>
      <DashboardRecognition today={period.today} />
    </>
  );
}

function SummarySection({ summary, exportHref }: { summary: Summary; exportHref?: string }) {
  return (
    <Section title="Summary" exportHref={exportHref} testId="summary">
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <StatCard
          label="Counted clicks"
          value={n(summary.countedClicks)}
          hint={`of ${n(summary.clicks)} clicks (bots, repeats and own clicks are not counted)`}
          testId="kpi-counted-clicks"
        />
        <StatCard label="Reshares" value={n(summary.reshares)} testId="kpi-reshares" />
        <StatCard label="Shares" value={n(summary.shares)} testId="kpi-shares" />
        <StatCard
          label="Participation"
          value={percent(summary.participation)}
          hint={`${n(summary.sharers)} of ${n(summary.activeAdvocates)} active advocates shared`}
          testId="kpi-participation"
        />
        <StatCard
          label="Active advocates"
          value={n(summary.activeAdvocates)}
          hint="Accounts that can sign in"
          testId="kpi-active-advocates"
        />
        <StatCard
          label="Est. earned media value"
          value={money(summary.earnedMediaValue)}
          hint={`${n(summary.countedClicks)} counted clicks × ${money(summary.costPerClick)} per click`}
          testId="kpi-emv"
        />
      </dl>
    </Section>
  );
}

function TimelineSection({
  summary,
  timeline,
  scope,
  exportHref,
}: {
  summary: Summary;
  timeline: Timeline;
  scope: string;
  exportHref?: string;
}) {
  const first = timeline.points[0]!;
  const busiest = timeline.points.reduce((best, p) => (p.countedClicks > best.countedClicks ? p : best), first);
  const bucketName = timeline.bucket === "day" ? "Day" : timeline.bucket === "week" ? "Week" : "Month";
  const description =
    summary.clicks || summary.reshares
      ? `${n(summary.countedClicks)} counted clicks and ${n(summary.reshares)} reshares ` +
        `from ${first.label} to ${timeline.points.at(-1)!.label}; ` +
        `the busiest ${timeline.bucket} was ${busiest.label} with ${n(busiest.countedClicks)} counted clicks.`
      : "No clicks or reshares in this period.";
  return (
    <Section title="Clicks and reshares over time" exportHref={exportHref} testId="timeline">
      <div className="mt-3">
        <ChartFigure
          title={`Per ${timeline.bucket}, ${scope}`}
          summary={description}
          table={{
            caption: `Clicks and reshares per ${timeline.bucket}`,
            columns: [bucketName, "Counted clicks", "All clicks", "Reshares", "Shares"],
            rows: timeline.points.map((p) => [p.label, p.countedClicks, p.clicks, p.reshares, p.shares]),
          }}
        >
          <TimeSeriesChart
            data={timeline.points.map((p) => ({
              label: p.label,
              countedClicks: p.countedClicks,
              clicks: p.clicks,
              reshares: p.reshares,
            }))}
            series={[
              { key: "countedClicks", name: "Counted clicks", color: "#4338ca" },
              { key: "clicks", name: "All clicks", color: "#94a3b8" },
              { key: "reshares", name: "Reshares", color: "#d97706" },
            ]}
          />
        </ChartFigure>
      </div>
    </Section>
  );
}

function ReachSection({ networks, exportHref }: { networks: NetworkRow[]; exportHref?: string }) {
  return (
    <Section title="Reach by network" exportHref={exportHref} testId="networks">
      <div className="mt-3">
        <ChartFigure
          title="Counted clicks and reshares by network"
          summary={
            networks
              .filter((r) => r.shares || r.clicks)
              .map(
                (r) => `${NETWORK_NAMES[r.network]}: ${n(r.countedClicks)} counted clicks from ${n(r.shares)} shares`,
              )
              .join("; ") || "No shares in this period."
          }
          table={{
            caption: "Reach by network",
            columns: ["Network", "Shares", "Clicks", "Counted clicks", "Reshares"],
            rows: networks.map((r) => [NETWORK_NAMES[r.network], r.shares, r.clicks, r.countedClicks, r.reshares]),
          }}
        >
          <BarChart
            data={networks.map((r) => ({
              label: NETWORK_NAMES[r.network],
              countedClicks: r.countedClicks,
              reshares: r.reshares,
            }))}
            series={[
              { key: "countedClicks", name: "Counted clicks", color: "#4338ca" },
              { key: "reshares", name: "Reshares", color: "#d97706" },
            ]}
          />
        </ChartFigure>
      </div>
    </Section>
  );
}

function TopPosts({ rows, scope, exportHref }: { rows: TopPostRow[]; scope: string; exportHref?: string }) {
  return (
    <Section title="Top posts" exportHref={exportHref} testId="top-posts">
      {rows.length === 0 ? (
        <Empty>No posts were shared in this period.</Empty>
      ) : (
        <Table
          caption={`Top posts by counted clicks, ${scope}`}
          head={
            <>
              <HeadCell>Post</HeadCell>
              <HeadCell hideBelow="md">Campaign</HeadCell>
              <HeadCell numeric hideBelow="md">
                Advocates who shared
              </HeadCell>
              <HeadCell numeric hideBelow="sm">
                Shares
              </HeadCell>
              <HeadCell numeric>Counted clicks</HeadCell>
              <HeadCell numeric>Reshares</HeadCell>
            </>
          }
        >
          {rows.map((row) => (
            <Row key={row.postId} data-testid="row">
              <Cell>{row.title}</Cell>
              <Cell hideBelow="md">{row.campaign ?? "—"}</Cell>
              <NumericCell hideBelow="md">{n(row.advocates)}</NumericCell>
              <NumericCell hideBelow="sm">{n(row.shares)}</NumericCell>
              <NumericCell>{n(row.countedClicks)}</NumericCell>
              <NumericCell>{n(row.reshares)}</NumericCell>
            </Row>
          ))}
        </Table>
      )}
      {rows.length === TOP && <p className="mt-2 text-xs text-slate-500">The top {TOP}; the CSV lists every post.</p>}
    </Section>
  );
}

function TopHashtags({ rows, scope, exportHref }: { rows: TopHashtagRow[]; scope: string; exportHref?: string }) {
  return (
    <Section title="Top hashtags" exportHref={exportHref} testId="top-hashtags">
      {rows.length === 0 ? (
        <Empty>No hashtagged posts were shared in this period.</Empty>
      ) : (
        <Table
          caption={`Top hashtags by counted clicks, ${scope}`}
          head={
            <>
              <HeadCell>Hashtag</HeadCell>
              <HeadCell numeric>Posts</HeadCell>
              <HeadCell numeric hideBelow="sm">
                Shares
              </HeadCell>
              <ClickHeadCells />
            </>
          }
        >
          {rows.map((row) => (
            <Row key={row.tag} data-testid="row">
              <Cell>#{row.tag}</Cell>
              <NumericCell>{n(row.posts)}</NumericCell>
              <NumericCell hideBelow="sm">{n(row.shares)}</NumericCell>
              <NumericCell>{n(row.countedClicks)}</NumericCell>
              <NumericCell hideBelow="sm">{n(row.reshares)}</NumericCell>
            </Row>
          ))}
        </Table>
      )}
    </Section>
  );
}

function TopCampaigns({ rows, exportHref }: { rows: TopCampaignRow[]; exportHref?: string }) {
  return (
    <Section title="Top campaigns" exportHref={exportHref} testId="top-campaigns">
      {rows.length === 0 ? (
        <Empty>No campaign posts were shared in this period.</Empty>
      ) : (
        <ul className="mt-3 space-y-3">
          {rows.map((row) => (
            <Card as="li" pad="sm" key={row.campaignId} className="text-sm" data-testid="row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{row.name}</span>
                <span className="tabular-nums text-slate-600">
                  {n(row.countedClicks)} counted clicks · {n(row.reshares)} reshares · {n(row.shares)} shares
                </span>
              </div>
              {row.goal ? (
                <div className="mt-2">
                  <div className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                    <div
                      className="h-full rounded-full bg-emerald-600"
                      style={{ width: `${Math.min(100, (row.goalProgress ?? 0) * 100)}%` }}
                    />
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    <span className="sr-only">Goal progress: </span>
                    {n(row.goalClicks)} of {n(row.goal)} counted clicks toward the goal (
                    {percent(row.goalProgress ?? 0)}), all teams
                    {row.startsOn || row.endsOn ? `, ${row.startsOn ?? "…"} to ${row.endsOn ?? "…"}` : ""}
                  </p>
                </div>
              ) : (
                <p className="mt-1 text-xs text-slate-500">No click goal set.</p>
              )}
            </Card>
          ))}
        </ul>
      )}
    </Section>
  );
}
