import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("metaTitle") };
}

type T = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;
type Fmt = { n: (value: number) => string; money: (value: number) => string };

/** Numbers in the reader's language. */
async function formats(): Promise<Fmt> {
  const format = await getFormatter();
  return {
    n: (value) => format.number(value),
    money: (value) => format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  };
}
/** How many rows the dashboard's "top" tables show (lib/dashboard's default). */
const TOP = 10;

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
  const t = await getTranslations("dashboard");
  const f = await formats();
  const scope = `${period.label} · ${team ? team.name : t("allTeams")}`;

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600" data-testid="dashboard-scope">
        {t("scope", { scope, timeZone: filters.settings.timeZone })}
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
      <SummarySection t={t} f={f} summary={summary} exportHref={exportHref("summary")} />
      <TimelineSection
        t={t}
        f={f}
        summary={summary}
        timeline={timeline}
        scope={scope}
        exportHref={exportHref("timeline")}
      />
      <ReachSection t={t} f={f} networks={networks} exportHref={exportHref("networks")} />
      {outcomes && (
        <Section title={t("targets", { quarter: quarter.name })} testId="targets">
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
      <TopPosts t={t} f={f} rows={topPosts} scope={scope} exportHref={exportHref("posts")} />
      <div className="grid gap-x-6 lg:grid-cols-2">
        <TopHashtags t={t} f={f} rows={topHashtags} scope={scope} exportHref={exportHref("hashtags")} />
        <TopCampaigns t={t} f={f} rows={topCampaigns} exportHref={exportHref("campaigns")} />
      </div>
      <DashboardRecognition today={period.today} />
    </>
  );
}

function SummarySection({
  t,
  f: { n, money },
  summary,
  exportHref,
}: {
  t: T;
  f: Fmt;
  summary: Summary;
  exportHref?: string;
}) {
  return (
    <Section title={t("summary.title")} exportHref={exportHref} testId="summary">
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <StatCard
          label={t("summary.countedClicks")}
          value={n(summary.countedClicks)}
          hint={t("summary.countedClicksHint", { clicks: n(summary.clicks) })}
          testId="kpi-counted-clicks"
        />
        <StatCard label={t("summary.reshares")} value={n(summary.reshares)} testId="kpi-reshares" />
        <StatCard label={t("summary.shares")} value={n(summary.shares)} testId="kpi-shares" />
        <StatCard
          label={t("summary.participation")}
          value={percent(summary.participation)}
          hint={t("summary.participationHint", { sharers: n(summary.sharers), advocates: n(summary.activeAdvocates) })}
          testId="kpi-participation"
        />
        <StatCard
          label={t("summary.activeAdvocates")}
          value={n(summary.activeAdvocates)}
          hint={t("summary.activeAdvocatesHint")}
          testId="kpi-active-advocates"
        />
        <StatCard
          label={t("summary.emv")}
          value={money(summary.earnedMediaValue)}
          hint={t("summary.emvHint", { clicks: n(summary.countedClicks), cost: money(summary.costPerClick) })}
          testId="kpi-emv"
        />
      </dl>
    </Section>
  );
}

function TimelineSection({
  t,
  f: { n },
  summary,
  timeline,
  scope,
  exportHref,
}: {
  t: T;
  f: Fmt;
  summary: Summary;
  timeline: Timeline;
  scope: string;
  exportHref?: string;
}) {
  const first = timeline.points[0]!;
  const busiest = timeline.points.reduce((best, p) => (p.countedClicks > best.countedClicks ? p : best), first);
  const bucket = timeline.bucket;
  const description =
    summary.clicks || summary.reshares
      ? t("timeline.description", {
          counted: n(summary.countedClicks),
          reshares: n(summary.reshares),
          from: first.label,
          to: timeline.points.at(-1)!.label,
          bucket,
          busiest: busiest.label,
          busiestClicks: n(busiest.countedClicks),
        })
      : t("timeline.none");
  return (
    <Section title={t("timeline.title")} exportHref={exportHref} testId="timeline">
      <div className="mt-3">
        <ChartFigure
          title={t("timeline.chartTitle", { bucket, scope })}
          summary={description}
          table={{
            caption: t("timeline.caption", { bucket }),
            columns: [
              t("timeline.bucketName", { bucket }),
              t("columns.countedClicks"),
              t("columns.allClicks"),
              t("columns.reshares"),
              t("columns.shares"),
            ],
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
              { key: "countedClicks", name: t("columns.countedClicks"), color: "#4338ca" },
              { key: "clicks", name: t("columns.allClicks"), color: "#94a3b8" },
              { key: "reshares", name: t("columns.reshares"), color: "#d97706" },
            ]}
          />
        </ChartFigure>
      </div>
    </Section>
  );
}

function ReachSection({
  t,
  f: { n },
  networks,
  exportHref,
}: {
  t: T;
  f: Fmt;
  networks: NetworkRow[];
  exportHref?: string;
}) {
  return (
    <Section title={t("reach.title")} exportHref={exportHref} testId="networks">
      <div className="mt-3">
        <ChartFigure
          title={t("reach.chartTitle")}
          summary={
            networks
              .filter((r) => r.shares || r.clicks)
              .map((r) =>
                t("reach.line", {
                  network: NETWORK_NAMES[r.network],
                  counted: n(r.countedClicks),
                  shares: n(r.shares),
                }),
              )
              .join("; ") || t("reach.none")
          }
          table={{
            caption: t("reach.title"),
            columns: [
              t("columns.network"),
              t("columns.shares"),
              t("columns.clicks"),
              t("columns.countedClicks"),
              t("columns.reshares"),
            ],
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
              { key: "countedClicks", name: t("columns.countedClicks"), color: "#4338ca" },
              { key: "reshares", name: t("columns.reshares"), color: "#d97706" },
            ]}
          />
        </ChartFigure>
      </div>
    </Section>
  );
}

function TopPosts({
  t,
  f: { n },
  rows,
  scope,
  exportHref,
}: {
  t: T;
  f: Fmt;
  rows: TopPostRow[];
  scope: string;
  exportHref?: string;
}) {
  return (
    <Section title={t("topPosts.title")} exportHref={exportHref} testId="top-posts">
      {rows.length === 0 ? (
        <Empty>{t("topPosts.none")}</Empty>
      ) : (
        <Table
          caption={t("topPosts.caption", { scope })}
          head={
            <>
              <HeadCell>{t("columns.post")}</HeadCell>
              <HeadCell hideBelow="md">{t("columns.campaign")}</HeadCell>
              <HeadCell numeric hideBelow="md">
                {t("columns.advocates")}
              </HeadCell>
              <HeadCell numeric hideBelow="sm">
                {t("columns.shares")}
              </HeadCell>
              <HeadCell numeric>{t("columns.countedClicks")}</HeadCell>
              <HeadCell numeric>{t("columns.reshares")}</HeadCell>
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
      {rows.length === TOP && <p className="mt-2 text-xs text-slate-500">{t("topPosts.more", { top: TOP })}</p>}
    </Section>
  );
}

function TopHashtags({
  t,
  f: { n },
  rows,
  scope,
  exportHref,
}: {
  t: T;
  f: Fmt;
  rows: TopHashtagRow[];
  scope: string;
  exportHref?: string;
}) {
  return (
    <Section title={t("topHashtags.title")} exportHref={exportHref} testId="top-hashtags">
      {rows.length === 0 ? (
        <Empty>{t("topHashtags.none")}</Empty>
      ) : (
        <Table
          caption={t("topHashtags.caption", { scope })}
          head={
            <>
              <HeadCell>{t("columns.hashtag")}</HeadCell>
              <HeadCell numeric>{t("columns.posts")}</HeadCell>
              <HeadCell numeric hideBelow="sm">
                {t("columns.shares")}
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

function TopCampaigns({
  t,
  f: { n },
  rows,
  exportHref,
}: {
  t: T;
  f: Fmt;
  rows: TopCampaignRow[];
  exportHref?: string;
}) {
  return (
    <Section title={t("topCampaigns.title")} exportHref={exportHref} testId="top-campaigns">
      {rows.length === 0 ? (
        <Empty>{t("topCampaigns.none")}</Empty>
      ) : (
        <ul className="mt-3 space-y-3">
          {rows.map((row) => (
            <Card as="li" pad="sm" key={row.campaignId} className="text-sm" data-testid="row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{row.name}</span>
                <span className="tabular-nums text-slate-600">
                  {t("topCampaigns.counts", {
                    counted: n(row.countedClicks),
                    reshares: n(row.reshares),
                    shares: n(row.shares),
                  })}
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
                    <span className="sr-only">{t("topCampaigns.goalProgress")} </span>
                    {t("topCampaigns.goal", {
                      clicks: n(row.goalClicks),
                      goal: n(row.goal),
                      percent: percent(row.goalProgress ?? 0),
                    })}
                    {row.startsOn || row.endsOn
                      ? t("topCampaigns.dates", { from: row.startsOn ?? "…", to: row.endsOn ?? "…" })
                      : ""}
                  </p>
                </div>
              ) : (
                <p className="mt-1 text-xs text-slate-500">{t("topCampaigns.noGoal")}</p>
              )}
            </Card>
          ))}
        </ul>
      )}
    </Section>
  );
}
