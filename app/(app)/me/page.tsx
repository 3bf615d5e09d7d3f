import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
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
import { periodLabel } from "@/i18n/period-label";
import { requirePermission } from "@/lib/auth";
import { NETWORK_NAMES } from "@/lib/share-intents";
import { reportHref, resolvePage, resolveReportFilters, type SearchParams } from "@/lib/filters";
import { shortUrl } from "@/lib/links";
import { getLeaderboardPrivacy } from "@/lib/privacy";
import { PushToggle } from "@/components/push-toggle";
import { DEFAULT_PERIOD } from "@/lib/periods";
import { getOutcomeTotals, moneyText } from "@/lib/outcomes/reports";
import { getMyLinks, getMyStats, MY_LINKS_PAGE_SIZE, type MyLinkRow, type MyStats } from "@/lib/stats";
import { saveLanguageAction, savePrivacyAction } from "./actions";
import { LanguageForm } from "./language-form";
import { PrivacyForm } from "./privacy-form";
import { MySuggestions } from "@/components/content/my-suggestions";
import { listMySuggestions } from "@/lib/content/suggestions";
import { getSettings } from "@/lib/settings";
import { appOrigin } from "@/lib/origin";
import { isLocale } from "@/lib/locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Me"))("title") };
}

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
  const t = await getTranslations("Me");
  const n = (await getFormatter()).number;
  const label = await periodLabel(period);

  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("period", { period: label, timeZone: filters.settings.timeZone })}{" "}
        <Link href="/how-points-work" className="text-indigo-700 underline">
          {t("howPointsWork")}
        </Link>
      </p>
      <ReportFilters action="/me" period={period.kind} from={period.from} to={period.to} />
      <Problems problems={problems} />
      <MyFigures stats={stats} />
      <MyRecognition user={user} />
      <MyClicksChart stats={stats} />
      <div className="grid gap-x-6 lg:grid-cols-2">
        <BestPosts posts={stats.bestPosts} periodLabel={label} />
        <MyNetworks networks={stats.networks} />
      </div>

      <Section title={t("conversions")} testId="my-conversions">
        <p className="mt-1 text-sm text-slate-600">{t("conversionsIntro")}</p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <StatCard label={t("leads")} value={n(outcomes.leads)} testId="my-leads" />
          <StatCard label={t("opportunities")} value={n(outcomes.opportunities)} testId="my-opportunities" />
          <StatCard label={t("won")} value={n(outcomes.won)} testId="my-won" />
          <StatCard label={t("revenue")} value={moneyText(outcomes.revenue)} testId="my-revenue" />
        </dl>
      </Section>

      <Section title={t("links")}>
        <MyLinks links={links} origin={origin} empty={linksPage.page > 1 ? t("noLinksOnPage") : t("noLinks")} />
        <Pager
          page={linksPage.page}
          total={links.total}
          pageSize={MY_LINKS_PAGE_SIZE}
          href={(p) => reportHref("/me", filters, { links: p })}
          label={t("linkPages")}
        />
      </Section>

      <Section title={t("suggestions")}>
        <MySuggestions items={suggested} pointsEach={settings.pointsSuggestion} />
      </Section>

      <Section title={(await getTranslations("Language"))("title")}>
        <LanguageForm locale={isLocale(user.locale) ? user.locale : null} save={saveLanguageAction} />
      </Section>

      <Section title={t("privacy")}>
        <PrivacyForm hideName={privacy.hideName} save={savePrivacyAction} />
      </Section>

      <Section title={t("notifications")}>
        <PushToggle />
      </Section>
    </>
  );
}

function MyFigures({ stats }: { stats: MyStats }) {
  const t = useTranslations("Me");
  const tc = useTranslations("Common");
  const n = useFormatter().number;
  const me = stats.overall.row;
  const { streak, timeline, inTeam } = stats;
  const teamRank = inTeam?.row ? t("teamRank", { rank: inTeam.row.rank, total: inTeam.rankedAdvocates }) : "";
  const streakNow = streak.sharedThisWeek ? t("streakShared") : streak.current ? t("streakKeep") : t("streakStart");
  return (
    <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <StatCard label={t("points")} value={n(me?.points ?? 0)} testId="my-points" />
      <StatCard
        label={t("rank")}
        value={me ? `#${me.rank}` : "—"}
        hint={me ? `${t("rankOf", { total: n(stats.overall.rankedAdvocates) })}${teamRank}` : t("unranked")}
        testId="my-rank"
      />
      <StatCard
        label={tc("countedClicks")}
        value={n(me?.countedClicks ?? 0)}
        hint={t("clicksInAll", { count: timeline.points.reduce((s, p) => s + p.clicks, 0) })}
        testId="my-counted-clicks"
      />
      <StatCard label={t("shares")} value={n(me?.shares ?? 0)} testId="my-shares" />
      <StatCard label={t("reshares")} value={n(me?.reshares ?? 0)} hint={t("resharesHint")} testId="my-reshares" />
      <StatCard
        label={t("streak")}
        value={t("streakWeeks", { count: streak.current })}
        hint={t("streakHint", { now: streakNow, longest: streak.longest })}
        testId="my-streak"
      />
    </dl>
  );
}

function MyClicksChart({ stats }: { stats: MyStats }) {
  const t = useTranslations("Me");
  const tc = useTranslations("Common");
  const n = useFormatter().number;
  const { timeline } = stats;
  const bucket = { bucket: timeline.bucket };
  const first = timeline.points[0]!;
  const peak = timeline.points.reduce((best, p) => (p.countedClicks > best.countedClicks ? p : best), first);
  const summary = timeline.points.some((p) => p.clicks)
    ? t("clicksSummary", {
        ...bucket,
        from: first.label,
        to: timeline.points.at(-1)!.label,
        total: n(stats.overall.row?.countedClicks ?? 0),
        peak: peak.label,
        peakCount: n(peak.countedClicks),
      })
    : t("noClicks");
  return (
    <div className="mt-8">
      <ChartFigure
        title={t("clicksChart")}
        summary={summary}
        table={{
          caption: t("clicksCaption", bucket),
          columns: [t("bucket", bucket), tc("countedClicks"), tc("allClicks")],
          rows: timeline.points.map((p) => [p.label, p.countedClicks, p.clicks]),
        }}
        testId="my-clicks-chart"
      >
        <TimeSeriesChart
          data={timeline.points.map((p) => ({ label: p.label, countedClicks: p.countedClicks, clicks: p.clicks }))}
          series={[
            { key: "countedClicks", name: tc("countedClicks"), color: "#4338ca" },
            { key: "clicks", name: tc("allClicks"), color: "#94a3b8" },
          ]}
        />
      </ChartFigure>
    </div>
  );
}

function BestPosts({ posts, periodLabel }: { posts: MyStats["bestPosts"]; periodLabel: string }) {
  const t = useTranslations("Me");
  const tc = useTranslations("Common");
  const n = useFormatter().number;
  return (
    <Section title={t("bestPosts")}>
      {posts.length === 0 ? (
        <Empty>{t("nothingShared")}</Empty>
      ) : (
        <Table
          caption={t("bestPostsCaption", { period: periodLabel })}
          testId="best-posts"
          head={
            <>
              <HeadCell>{tc("post")}</HeadCell>
              <ClickHeadCells />
              <HeadCell numeric>{tc("pointsHeading")}</HeadCell>
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
  const t = useTranslations("Me");
  const tc = useTranslations("Common");
  const n = useFormatter().number;
  return (
    <Section title={t("networks")}>
      {networks.length === 0 ? (
        <Empty>{t("nothingShared")}</Empty>
      ) : (
        <div className="mt-3">
          <ChartFigure
            title={t("networksChart")}
            summary={`${networks
              .map((r) =>
                t("networkSummary", {
                  network: NETWORK_NAMES[r.network],
                  clicks: n(r.countedClicks),
                  points: n(r.points),
                }),
              )
              .join("; ")}.`}
            table={{
              caption: t("networksCaption"),
              columns: [tc("network"), tc("shares"), tc("countedClicks"), tc("reshares"), tc("pointsHeading")],
              rows: networks.map((r) => [NETWORK_NAMES[r.network], r.shares, r.countedClicks, r.reshares, r.points]),
            }}
            testId="my-networks"
          >
            <BarChart
              data={networks.map((r) => ({ label: NETWORK_NAMES[r.network], countedClicks: r.countedClicks }))}
              series={[{ key: "countedClicks", name: tc("countedClicks"), color: "#4338ca" }]}
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
  const t = useTranslations("Me");
  const tc = useTranslations("Common");
  const n = useFormatter().number;
  if (links.total === 0) return <Empty>{empty}</Empty>;
  return (
    <Table
      caption={t("linksCaption")}
      testId="my-links"
      head={
        <>
          <HeadCell>{tc("post")}</HeadCell>
          <HeadCell>{tc("network")}</HeadCell>
          <HeadCell hideBelow="md">{t("shortLink")}</HeadCell>
          <HeadCell numeric hideBelow="sm">
            {tc("clicks")}
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
              <span className="font-sans text-slate-500">{t("viaReshares")}</span>
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
