import type { CsvColumn } from "@/lib/csv";
import {
  getNetworkReach,
  getSummary,
  getTimeline,
  getTopCampaigns,
  getTopHashtags,
  getTopPosts,
  type Scope,
} from "@/lib/dashboard";
import { getLeaderboardRows, getTeamLeaderboard } from "@/lib/leaderboard";
import {
  getOutcomeSummary,
  getOutcomesBy,
  type Money,
  type OutcomeDimension,
  type OutcomeRow,
} from "@/lib/outcomes/reports";
import { type ConversionExportRow, conversionExportRows, plainAmount } from "@/lib/outcomes/export";
import { DEFAULT_PERIOD, type Period, type PeriodKind } from "@/lib/periods";
import { getSettings } from "@/lib/settings";
import { NETWORK_NAMES } from "@/lib/share-intents";

export const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

type Export<T> = {
  title: string;
  defaultPeriod: Exclude<PeriodKind, "custom">;
  /** Whether the team filter applies (the team-vs-team table compares every team). */
  byTeam: boolean;
  /** `influenced`: the leaderboard's Influenced column, in the CSV only for those the admin shows it to. */
  columns: (CsvColumn<T> & { influenced?: true })[];
  /** A report's rows at once, or a raw table's read a page at a time as the CSV is written. */
  rows: (scope: Scope, period: Period) => Promise<T[]> | AsyncIterable<T>;
};

const define = <T>(e: Export<T>) => e as Export<unknown>;

/**
 * Every table the leaderboard and dashboard show, as CSV. The columns are the screen's columns in
 * the screen's order; the screen shows the top rows, the export all of them.
 */
export const EXPORTS: Record<string, Export<unknown>> = {
  leaderboard: define({
    title: "leaderboard",
    defaultPeriod: DEFAULT_PERIOD.leaderboard,
    byTeam: true,
    columns: [
      { header: "Rank", value: (r) => r.rank },
      { header: "Advocate", value: (r) => r.name },
      { header: "Team", value: (r) => r.team },
      { header: "Shares", value: (r) => r.shares },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Influenced", value: (r) => r.influenced, influenced: true },
      { header: "Reshares", value: (r) => r.reshares },
      { header: "Points", value: (r) => r.points },
      { header: "Score", value: (r) => r.score },
    ],
    rows: (scope: Scope) => getLeaderboardRows(scope),
  }),
  teams: define({
    title: "teams",
    defaultPeriod: DEFAULT_PERIOD.leaderboard,
    byTeam: false,
    columns: [
      { header: "Rank", value: (r) => r.rank },
      { header: "Team", value: (r) => r.team },
      { header: "Members", value: (r) => r.members },
      { header: "Members who shared", value: (r) => r.sharers },
      { header: "Shares", value: (r) => r.shares },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Reshares", value: (r) => r.reshares },
      { header: "Points", value: (r) => r.points },
      { header: "Points per member", value: (r) => r.pointsPerMember.toFixed(2) },
    ],
    rows: (scope: Scope) => getTeamLeaderboard(scope),
  }),
  summary: define({
    title: "summary",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Measure", value: (r: [string, string | number]) => r[0] },
      { header: "Value", value: (r) => r[1] },
    ],
    rows: async (scope: Scope) => {
      const s = await getSummary(scope);
      return [
        ["Shares", s.shares],
        ["Clicks", s.clicks],
        ["Counted clicks", s.countedClicks],
        ["Reshares", s.reshares],
        ["Advocates who shared", s.sharers],
        ["Active advocates", s.activeAdvocates],
        ["Participation", percent(s.participation)],
        ["Cost per click", s.costPerClick.toFixed(2)],
        ["Estimated earned media value", s.earnedMediaValue.toFixed(2)],
      ] as [string, string | number][];
    },
  }),
  timeline: define({
    title: "activity-over-time",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Starting", value: (r) => r.start },
      { header: "Shares", value: (r) => r.shares },
      { header: "Clicks", value: (r) => r.clicks },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Reshares", value: (r) => r.reshares },
    ],
    rows: async (scope: Scope, period: Period) => (await getTimeline(scope, period.today)).points,
  }),
  networks: define({
    title: "reach-by-network",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Network", value: (r) => NETWORK_NAMES[r.network] },
      { header: "Shares", value: (r) => r.shares },
      { header: "Clicks", value: (r) => r.clicks },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Reshares", value: (r) => r.reshares },
    ],
    rows: (scope: Scope) => getNetworkReach(scope),
  }),
  posts: define({
    title: "top-posts",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Post", value: (r) => r.title },
      { header: "Campaign", value: (r) => r.campaign },
      { header: "Advocates who shared", value: (r) => r.advocates },
      { header: "Shares", value: (r) => r.shares },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Reshares", value: (r) => r.reshares },
    ],
    rows: (scope: Scope) => getTopPosts(scope, null),
  }),
  hashtags: define({
    title: "top-hashtags",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Hashtag", value: (r) => `#${r.tag}` },
      { header: "Posts", value: (r) => r.posts },
      { header: "Shares", value: (r) => r.shares },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Reshares", value: (r) => r.reshares },
    ],
    rows: (scope: Scope) => getTopHashtags(scope, null),
  }),
  campaigns: define({
    title: "top-campaigns",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Campaign", value: (r) => r.name },
      { header: "Shares", value: (r) => r.shares },
      { header: "Counted clicks", value: (r) => r.countedClicks },
      { header: "Reshares", value: (r) => r.reshares },
      { header: "Click goal", value: (r) => r.goal },
      { header: "Counted clicks toward goal", value: (r) => r.goalClicks },
      { header: "Goal progress", value: (r) => (r.goalProgress == null ? null : percent(r.goalProgress)) },
    ],
    rows: (scope: Scope) => getTopCampaigns(scope, null),
  }),
};

/** Amounts per currency in one cell, "EUR 1200.00; USD 300.00": never converted. */
const amounts = (list: Money[]) => list.map((m) => `${m.currency} ${m.amount.toFixed(2)}`).join("; ");

const outcomesBy = (dimension: OutcomeDimension, title: string, first: string) =>
  define<OutcomeRow>({
    title,
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: first, value: (r) => r.label },
      { header: "Conversions", value: (r) => r.conversions },
      { header: "Leads", value: (r) => r.leads },
      { header: "Signups", value: (r) => r.signups },
      { header: "Opportunities", value: (r) => r.opportunities },
      { header: "Won", value: (r) => r.won },
      { header: "Pipeline", value: (r) => amounts(r.pipeline) },
      { header: "Revenue", value: (r) => amounts(r.revenue) },
    ],
    rows: (scope: Scope) => getOutcomesBy(dimension, scope, null),
  });

// The outcome tables of the dashboard (README "Outcomes").
Object.assign(EXPORTS, {
  outcomes: define({
    title: "outcomes",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Measure", value: (r: [string, string | number]) => r[0] },
      { header: "Value", value: (r) => r[1] },
    ],
    rows: async (scope: Scope, period: Period) => {
      const s = await getOutcomeSummary(scope, period.today);
      return [
        ["Counted clicks", s.funnel.countedClicks],
        ["Leads", s.leads],
        ["Signups", s.signups],
        ["Opportunities", s.opportunities],
        ["Won", s.won],
        ["Pipeline", amounts(s.pipeline)],
        ["Revenue", amounts(s.revenue)],
        ["Unattributed conversions", s.unattributed],
        ["Programme cost", `${s.programmeCost.currency} ${s.programmeCost.amount.toFixed(2)}`],
        ["Cost per lead", s.costPerLead === null ? "" : `${s.programmeCost.currency} ${s.costPerLead.toFixed(2)}`],
        ["ROI", s.roi === null ? "" : percent(s.roi)],
        ["Estimated earned media value", s.earnedMediaValue.toFixed(2)],
      ] as [string, string | number][];
    },
  }),
  "outcomes-teams": outcomesBy("team", "outcomes-by-team", "Team"),
  "outcomes-posts": outcomesBy("post", "outcomes-by-post", "Post"),
  "outcomes-campaigns": outcomesBy("campaign", "outcomes-by-campaign", "Campaign"),
  "outcomes-networks": outcomesBy("network", "outcomes-by-network", "Network"),
  "outcomes-advocates": outcomesBy("advocate", "outcomes-by-advocate", "Advocate"),
  // The raw conversions table, one line per stored event (README "Outcomes").
  conversions: define<ConversionExportRow>({
    title: "conversions",
    defaultPeriod: DEFAULT_PERIOD.dashboard,
    byTeam: true,
    columns: [
      { header: "Id", value: (r) => r.id },
      { header: "Occurred at (UTC)", value: (r) => r.occurredAt },
      { header: "Kind", value: (r) => r.kind },
      { header: "External id", value: (r) => r.externalId },
      { header: "Amount", value: (r) => plainAmount(r.amount) },
      { header: "Currency", value: (r) => r.currency },
      { header: "Code", value: (r) => r.code },
      { header: "Attributed", value: (r) => (r.advocate === null ? "no" : "yes") },
      { header: "Advocate", value: (r) => r.advocate },
      { header: "Team", value: (r) => r.team },
      { header: "Resharer", value: (r) => r.resharer },
      { header: "Post id", value: (r) => r.postId },
      { header: "Post", value: (r) => r.post },
      { header: "Network", value: (r) => (r.network ? NETWORK_NAMES[r.network] : null) },
      { header: "Source", value: (r) => r.source },
      { header: "Recorded at (UTC)", value: (r) => r.recordedAt },
    ],
    rows: async function* (scope: Scope) {
      yield* conversionExportRows(scope, (await getSettings()).timeZone);
    },
  }),
});

export type ExportName = keyof typeof EXPORTS;
