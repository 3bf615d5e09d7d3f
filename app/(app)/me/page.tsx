import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { MyRecognition } from "@/components/recognition/my-recognition";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { ReportFilters } from "@/components/report/report-filters";
import { Empty, Section } from "@/components/report/section";
import { StatCard } from "@/components/report/stat-card";
import { Cell, HeadCell, NumericCell, Row, Table, ClickHeadCells } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth";
import { NETWORK_NAMES } from "@/lib/share-intents";
import { reportHref, resolvePage, resolveReportFilters, type SearchParams } from "@/lib/filters";
import { shortUrl } from "@/lib/links";
import { getLeaderboardPrivacy } from "@/lib/privacy";
import { PushToggle } from "@/components/push-toggle";
import { DEFAULT_PERIOD } from "@/lib/periods";
import { getOutcomeTotals, moneyText } from "@/lib/outcomes/reports";
import { getMyLinks, getMyStats, MY_LINKS_PAGE_SIZE, type MyLinkRow, type MyStats } from "@/lib/stats";
import { savePrivacyAction } from "./actions";
import { PrivacyForm } from "./privacy-form";
import { MySuggestions } from "@/components/content/my-suggestions";
import { listMySuggestions } from "@/lib/content/suggestions";
import { getSettings } from "@/lib/settings";
import { appOrigin } from "@/lib/origin";

export const metadata: Metadata = { title: "My stats" };

const n = (value: number) => value.toLocaleString("en");

export default async function MyStatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("stats.read", "/me");
  const params = await searchParams;
  const filters = await resolveReportFilters(params, { defaultPeriod: DEFAULT_PERIOD.stats, withTeam: false });
  const linksPage = resolvePage(Array.isArray(params.links) ? params.links[0] : params.links);
  const problems = [...filters.problems, ...(linksPage.problem ? [linksPage.problem] : [])];
  const { period } = filters;
  const origin = appOrigin();
  const [stats, links, privacy, outcomes, suggested, settings] = await Promise.all([
    getMyStats(user, period),
    getMyLinks(user.id, linksPage.page),
    getLeaderboardPrivacy(user.id),
    getOutcomeTotals({ range: period, advocateId: user.id }),
    listMySuggestions(user.id),
    getSettings(),
  ]);

  return (
    <>
      <h1 className="text-2xl font-semibold">My stats</h1>
      <p className="mt-1 text-sm text-slate-600">
        {period.label}. Days run on {filters.settings.timeZone} time.{" "}
        <Link href="/how-points-work" className="text-indigo-700 underline">
          How points work
        </Link>
      </p>
      <ReportFilters action="/me" period={period.kind} from={period.from} to={period.to} />
      <Problems problems={problems} />
      <MyFigures stats={stats} />
      <MyRecognition user={user} />
      <MyClicksChart stats={stats} />
      <div className="grid gap-x-6 lg:grid-cols-2">
        <BestPosts posts={stats.bestPosts} periodLabel={period.label} />
        <MyNetworks networks={stats.networks} />
      </div>

      <Section title="My conversions" testId="my-conversions">
        <p className="mt-1 text-sm text-slate-600">
          Leads, deals and signups the company credited to your links (and to colleagues&apos; reshares of them).
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <StatCard label="Leads" value={n(outcomes.leads)} testId="my-leads" />
          <StatCard label="Opportunities" value={n(outcomes.opportunities)} testId="my-opportunities" />
          <StatCard label="Won deals" value={n(outcomes.won)} testId="my-won" />
          <StatCard label="Revenue influenced" value={moneyText(outcomes.revenue)} testId="my-revenue" />
        </dl>
      </Section>

      <Section title="My tracked links (all time)">
        <MyLinks
          links={links}
          origin={origin}
          empty={
            linksPage.page > 1
              ? "No links on this page."
              : "You have no tracked links yet: share a post from the feed and your link appears here."
          }
        />
        <Pager
          page={linksPage.page}
          total={links.total}
          pageSize={MY_LINKS_PAGE_SIZE}
          href={(p) => reportHref("/me", filters, { links: p })}
          label="Pages of my links"
        />
      </Section>

      <Section title="My suggestions">
        <MySuggestions items={suggested} pointsEach={settings.pointsSuggestion} />
      </Section>

      <Section title="Privacy">
        <PrivacyForm hideName={privacy.hideName} save={savePrivacyAction} />
      </Section>

      <Section title="Notifications on this device">
        <PushToggle />
      </Section>
    </>
  );
}

function MyFigures({ stats }: { stats: MyStats }) {
  const me = stats.overall.row;
  const { streak, timeline, inTeam } = stats;
  const teamRank = inTeam?.row ? ` · #${inTeam.row.rank} of ${inTeam.rankedAdvocates} in your team` : "";
  const streakNow = streak.sharedThisWeek
    ? "You shared this week."
    : streak.current
      ? "Share this week to keep it going."
      : "Share this week to start one.";
  return (
    <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <StatCard label="Points" value={n(me?.points ?? 0)} testId="my-points" />
      <StatCard
        label="Rank"
        value={me ? `#${me.rank}` : "—"}
        hint={me ? `of ${n(stats.overall.rankedAdvocates)}${teamRank}` : "Share a post to get ranked"}
        testId="my-rank"
      />
      <StatCard
        label="Counted clicks"
        value={n(me?.countedClicks ?? 0)}
        hint={`${n(timeline.points.reduce((s, p) => s + p.clicks, 0))} clicks in all`}
        testId="my-counted-clicks"
      />
      <StatCard label="Shares" value={n(me?.shares ?? 0)} testId="my-shares" />
      <StatCard
        label="Reshares"
        value={n(me?.reshares ?? 0)}
        hint="People who shared on from your links"
        testId="my-reshares"
      />
      <StatCard
        label="Weekly streak"
        value={`${streak.current} week${streak.current === 1 ? "" : "s"}`}
        hint={`${streakNow} Longest: ${streak.longest}.`}
        testId="my-streak"
      />
    </dl>
  );
}

function MyClicksChart({ stats }: { stats: MyStats }) {
  const { timeline } = stats;
  const first = timeline.points[0]!;
  const peak = timeline.points.reduce((best, p) => (p.countedClicks > best.countedClicks ? p : best), first);
  const summary = timeline.points.some((p) => p.clicks)
    ? `Counted clicks per ${timeline.bucket} from ${first.label} to ${timeline.points.at(-1)!.label}: ` +
      `${n(stats.overall.row?.countedClicks ?? 0)} in all, most in ${peak.label} (${n(peak.countedClicks)}).`
    : "No clicks on your links in this period.";
  return (
    <div className="mt-8">
      <ChartFigure
        title="My clicks over time"
        summary={summary}
        table={{
          caption: `My clicks per ${timeline.bucket}`,
          columns: [
            timeline.bucket === "day" ? "Day" : timeline.bucket === "week" ? "Week" : "Month",
            "Counted clicks",
            "All clicks",
          ],
          rows: timeline.points.map((p) => [p.label, p.countedClicks, p.clicks]),
        }}
        testId="my-clicks-chart"
      >
        <TimeSeriesChart
          data={timeline.points.map((p) => ({ label: p.label, countedClicks: p.countedClicks, clicks: p.clicks }))}
          series={[
            { key: "countedClicks", name: "Counted clicks", color: "#4338ca" },
            { key: "clicks", name: "All clicks", color: "#94a3b8" },
          ]}
        />
      </ChartFigure>
    </div>
  );
}

function BestPosts({ posts, periodLabel }: { posts: MyStats["bestPosts"]; periodLabel: string }) {
  return (
    <Section title="My best posts">
      {posts.length === 0 ? (
        <Empty>Nothing shared in this period.</Empty>
      ) : (
        <Table
          caption={`My posts with the most points, ${periodLabel}`}
          testId="best-posts"
          head={
            <>
              <HeadCell>Post</HeadCell>
              <ClickHeadCells />
              <HeadCell numeric>Points</HeadCell>
            </>
          }
        >
          {posts.map((post) => (
            <Row key={post.postId}>
              <Cell>{post.title}</Cell>
              <NumericCell>{n(post.countedClicks)}</NumericCell>
              <NumericCell hideBelow="sm">{n(post.reshares)}</NumericCell>
              <NumericCell className="font-semibold">{n(post.points)}</NumericCell>
            </Row>
          ))}
        </Table>
      )}
    </Section>
  );
}

function MyNetworks({ networks }: { networks: MyStats["networks"] }) {
  return (
    <Section title="My networks">
      {networks.length === 0 ? (
        <Empty>Nothing shared in this period.</Empty>
      ) : (
        <div className="mt-3">
          <ChartFigure
            title="Counted clicks by network"
            summary={`${networks
              .map((r) => `${NETWORK_NAMES[r.network]}: ${n(r.countedClicks)} counted clicks, ${n(r.points)} points`)
              .join("; ")}.`}
            table={{
              caption: "My results by network",
              columns: ["Network", "Shares", "Counted clicks", "Reshares", "Points"],
              rows: networks.map((r) => [NETWORK_NAMES[r.network], r.shares, r.countedClicks, r.reshares, r.points]),
            }}
            testId="my-networks"
          >
            <BarChart
              data={networks.map((r) => ({ label: NETWORK_NAMES[r.network], countedClicks: r.countedClicks }))}
              series={[{ key: "countedClicks", name: "Counted clicks", color: "#4338ca" }]}
            />
          </ChartFigure>
        </div>
      )}
    </Section>
  );
}

function MyLinks({
  links,
  origin,
  empty,
}: {
  links: { items: MyLinkRow[]; total: number };
  origin: string;
  empty: ReactNode;
}) {
  if (links.total === 0) return <Empty>{empty}</Empty>;
  return (
    <Table
      caption="My tracked links and their clicks"
      testId="my-links"
      head={
        <>
          <HeadCell>Post</HeadCell>
          <HeadCell>Network</HeadCell>
          <HeadCell hideBelow="md">Short link</HeadCell>
          <HeadCell numeric hideBelow="sm">
            Clicks
          </HeadCell>
          <ClickHeadCells />
        </>
      }
    >
      {links.items.map((link) => (
        <Row key={`${link.postId}-${link.network}`} data-testid="my-link">
          <Cell>{link.title}</Cell>
          <Cell>{NETWORK_NAMES[link.network]}</Cell>
          <Cell hideBelow="md" className="font-mono text-xs">
            {link.code ? (
              shortUrl(origin, link.code)
            ) : (
              <span className="font-sans text-slate-500">via links visitors made from yours</span>
            )}
          </Cell>
          <NumericCell hideBelow="sm">{n(link.clicks)}</NumericCell>
          <NumericCell>{n(link.countedClicks)}</NumericCell>
          <NumericCell hideBelow="sm">{n(link.reshares)}</NumericCell>
        </Row>
      ))}
    </Table>
  );
}
