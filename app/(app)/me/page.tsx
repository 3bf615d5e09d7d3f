import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { ReportFilters } from "@/components/report/report-filters";
import { Empty, num, Section, tableBox, td, th } from "@/components/report/section";
import { StatCard } from "@/components/report/stat-card";
import { requirePermission } from "@/lib/auth";
import { NETWORK_NAMES } from "@/lib/share-intents";
import { reportHref, resolvePage, resolveReportFilters, type SearchParams } from "@/lib/filters";
import { shortUrl } from "@/lib/links";
import { getLeaderboardPrivacy } from "@/lib/privacy";
import { DEFAULT_PERIOD } from "@/lib/periods";
import { getMyLinks, getMyStats, MY_LINKS_PAGE_SIZE } from "@/lib/stats";
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
  const h = await headers();
  const origin = appOrigin(h);
  const [stats, links, privacy, suggested, settings] = await Promise.all([
    getMyStats(user, period),
    getMyLinks(user.id, linksPage.page),
    getLeaderboardPrivacy(user.id),
    listMySuggestions(user.id),
    getSettings(),
  ]);
  const me = stats.overall.row;
  const { streak, timeline } = stats;
  const peak = timeline.points.reduce(
    (best, p) => (p.countedClicks > best.countedClicks ? p : best),
    timeline.points[0]!,
  );

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

      <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <StatCard label="Points" value={n(me?.points ?? 0)} testId="my-points" />
        <StatCard
          label="Rank"
          value={me ? `#${me.rank}` : "—"}
          hint={
            me
              ? `of ${n(stats.overall.rankedAdvocates)}${stats.inTeam?.row ? ` · #${stats.inTeam.row.rank} of ${stats.inTeam.rankedAdvocates} in your team` : ""}`
              : "Share a post to get ranked"
          }
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
          hint={`${streak.sharedThisWeek ? "You shared this week." : streak.current ? "Share this week to keep it going." : "Share this week to start one."} Longest: ${streak.longest}.`}
          testId="my-streak"
        />
      </dl>

      <div className="mt-8">
        <ChartFigure
          title="My clicks over time"
          summary={
            timeline.points.some((p) => p.clicks)
              ? `Counted clicks per ${timeline.bucket} from ${timeline.points[0]!.label} to ${timeline.points.at(-1)!.label}: ${n(me?.countedClicks ?? 0)} in all, most in ${peak.label} (${n(peak.countedClicks)}).`
              : "No clicks on your links in this period."
          }
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

      <div className="grid gap-x-6 lg:grid-cols-2">
        <Section title="My best posts">
          {stats.bestPosts.length === 0 ? (
            <Empty>Nothing shared in this period.</Empty>
          ) : (
            <div className={tableBox}>
              <table className="w-full text-left text-sm" data-testid="best-posts">
                <caption className="sr-only">My posts with the most points, {period.label}</caption>
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th scope="col" className={th}>
                      Post
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Counted clicks
                    </th>
                    <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                      Reshares
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Points
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.bestPosts.map((post) => (
                    <tr key={post.postId} className="border-t border-slate-100">
                      <td className={td}>{post.title}</td>
                      <td className={num}>{n(post.countedClicks)}</td>
                      <td className={`${num} hidden sm:table-cell`}>{n(post.reshares)}</td>
                      <td className={`${num} font-semibold`}>{n(post.points)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>

        <Section title="My networks">
          {stats.networks.length === 0 ? (
            <Empty>Nothing shared in this period.</Empty>
          ) : (
            <div className="mt-3">
              <ChartFigure
                title="Counted clicks by network"
                summary={
                  stats.networks
                    .map(
                      (r) => `${NETWORK_NAMES[r.network]}: ${n(r.countedClicks)} counted clicks, ${n(r.points)} points`,
                    )
                    .join("; ") + "."
                }
                table={{
                  caption: "My results by network",
                  columns: ["Network", "Shares", "Counted clicks", "Reshares", "Points"],
                  rows: stats.networks.map((r) => [
                    NETWORK_NAMES[r.network],
                    r.shares,
                    r.countedClicks,
                    r.reshares,
                    r.points,
                  ]),
                }}
                testId="my-networks"
              >
                <BarChart
                  data={stats.networks.map((r) => ({
                    label: NETWORK_NAMES[r.network],
                    countedClicks: r.countedClicks,
                  }))}
                  series={[{ key: "countedClicks", name: "Counted clicks", color: "#4338ca" }]}
                />
              </ChartFigure>
            </div>
          )}
        </Section>
      </div>

      <Section title="My tracked links (all time)">
        {links.total === 0 ? (
          <Empty>
            {linksPage.page > 1
              ? "No links on this page."
              : "You have no tracked links yet: share a post from the feed and your link appears here."}
          </Empty>
        ) : (
          <div className={tableBox}>
            <table className="w-full text-left text-sm" data-testid="my-links">
              <caption className="sr-only">My tracked links and their clicks</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className={th}>
                    Post
                  </th>
                  <th scope="col" className={th}>
                    Network
                  </th>
                  <th scope="col" className={`${th} hidden md:table-cell`}>
                    Short link
                  </th>
                  <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                    Clicks
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Counted clicks
                  </th>
                  <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
                    Reshares
                  </th>
                </tr>
              </thead>
              <tbody>
                {links.items.map((link) => (
                  <tr
                    key={`${link.postId}-${link.network}`}
                    className="border-t border-slate-100"
                    data-testid="my-link"
                  >
                    <td className={td}>{link.title}</td>
                    <td className={td}>{NETWORK_NAMES[link.network]}</td>
                    <td className={`${td} hidden font-mono text-xs md:table-cell`}>
                      {link.code ? (
                        shortUrl(origin, link.code)
                      ) : (
                        <span className="font-sans text-slate-500">via links visitors made from yours</span>
                      )}
                    </td>
                    <td className={`${num} hidden sm:table-cell`}>{n(link.clicks)}</td>
                    <td className={num}>{n(link.countedClicks)}</td>
                    <td className={`${num} hidden sm:table-cell`}>{n(link.reshares)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
    </>
  );
}
