import { sql } from "drizzle-orm";
import { getConnection, rows } from "@/db/client";
import * as dashboard from "@/lib/dashboard";
import { getOutcomeReport, getOutcomeSummary, getOutcomesBy, OUTCOME_DIMENSIONS } from "@/lib/outcomes/reports";
import { getLeaderboard, getTeamLeaderboard } from "@/lib/leaderboard";
import { resolvePeriod, type Period } from "@/lib/periods";
import { getSettings } from "@/lib/settings";
import { getMyStats } from "@/lib/stats";

/**
 * Times the read side on a large data set, through the same lib/ functions the pages call: the leaderboard,
 * team standings, the leadership dashboard and an advocate's own stats; median of several runs after one
 * warm-up. Each function's statements are captured as it runs and EXPLAINed, to show how the big tables
 * (rollup_daily, clicks) are read. The redirect's own two reads are shown the same way.
 */
export type QueryTiming = { name: string; runs: number; medianMs: number; minMs: number; maxMs: number; plan: string };
export type QueryTimings = {
  clicks: number;
  conversions: number;
  rollupRows: number;
  advocates: number;
  queries: QueryTiming[];
  /** Each statement-sized read of the dashboard (outcomes included) and the leaderboard, on its own. */
  each: QueryTiming[];
};

const RUNS = 9;
const BIG_TABLES = /^(rollup_|clicks|tracked_links)/;

type Statement = { text: string; params: unknown[] };

/** The statements `run` sends to the database, in order. */
async function capture(run: () => Promise<unknown>): Promise<Statement[]> {
  const connection = getConnection();
  const seen: Statement[] = [];
  if (connection.kind === "postgres") {
    // postgres-js reads its debug hook on every query.
    const options = connection.client.options as { debug?: unknown };
    const before = options.debug;
    options.debug = (_connection: number, text: string, params: unknown[]) => seen.push({ text, params });
    try {
      await run();
    } finally {
      options.debug = before;
    }
  } else {
    const client = connection.client;
    const query = client.query;
    client.query = ((text: string, params?: unknown[], options?: object) => {
      seen.push({ text, params: params ?? [] });
      return query.call(client, text, params, options);
    }) as typeof client.query;
    try {
      await run();
    } finally {
      client.query = query;
    }
  }
  return seen;
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

/** How the statements read the big tables, e.g. "Seq Scan rollup_daily; Index Scan rollup_daily_pkey". */
async function plans(statements: Statement[]): Promise<string> {
  const found = new Set<string>();
  for (const { text, params } of statements) {
    if (!/^\s*(with|select)/i.test(text)) continue;
    const connection = getConnection();
    const explain = `explain (format json) ${text}`;
    const result =
      connection.kind === "postgres"
        ? await connection.client.unsafe(explain, params as never[])
        : (await connection.client.query<Record<string, unknown>>(explain, params)).rows;
    const raw = (result[0] as Record<string, unknown>)["QUERY PLAN"];
    const [plan] = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const walk = (node: PlanNode) => {
      const table = node["Relation Name"] ?? node["Index Name"];
      if (/Scan/.test(node["Node Type"]) && table && BIG_TABLES.test(table)) {
        found.add(`${node["Node Type"]} ${node["Index Name"] ?? node["Relation Name"]}`);
      }
      node.Plans?.forEach(walk);
    };
    walk(plan!.Plan);
  }
  return [...found].join("; ");
}

async function time(name: string, run: () => Promise<unknown>): Promise<QueryTiming> {
  const statements = await capture(run);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    runs: RUNS,
    medianMs: times[Math.floor(RUNS / 2)]!,
    minMs: times[0]!,
    maxMs: times[RUNS - 1]!,
    plan: await plans(statements),
  };
}

export async function timeQueries(): Promise<QueryTimings> {
  const [sizes] = await rows<{ clicks: number; conversions: number; rollup_rows: number; advocates: number }>(sql`
    select (select count(*) from clicks)::int as clicks, (select count(*) from conversions)::int as conversions,
           (select count(*) from rollup_daily)::int as rollup_rows,
           (select count(distinct advocate_id) from rollup_daily)::int as advocates`);
  // A mid-table advocate, so "my own row" is not on the first page.
  const [viewer] = await rows<{ id: string; team_id: number | null }>(sql`
    select u.id, u.team_id from rollup_daily r join users u on u.id = r.advocate_id
    group by u.id, u.team_id order by sum(r.counted_clicks) desc, u.id offset ${Math.floor(sizes!.advocates / 2)} limit 1`);
  const [link] = await rows<{ id: number; code: string; visitor_hash: string }>(sql`
    select l.id, l.code, c.visitor_hash from clicks c join tracked_links l on l.id = c.link_id order by c.id desc limit 1`);

  const { timeZone } = await getSettings();
  const period = (kind: "all" | "quarter"): Period => resolvePeriod({ period: kind }, { timeZone }).period;
  const allTime = period("all");
  const quarter = period("quarter");
  const last90: Period = resolvePeriod({ from: shiftDay(quarter.today, -89), to: quarter.today }, { timeZone }).period;

  const queries: QueryTiming[] = [];
  queries.push(
    await time("leaderboard, all time, page 1 + my row", () =>
      getLeaderboard({ page: 1, viewerId: viewer?.id, range: allTime }),
    ),
  );
  queries.push(
    await time("leaderboard, this quarter, page 1 + my row", () =>
      getLeaderboard({ page: 1, viewerId: viewer?.id, range: quarter }),
    ),
  );
  if (viewer?.team_id != null)
    queries.push(
      await time("leaderboard, one team, all time", () => getLeaderboard({ range: allTime, teamId: viewer.team_id })),
    );
  queries.push(await time("team standings, all time", () => getTeamLeaderboard({ range: allTime })));
  queries.push(
    await time("dashboard, last 90 days (6 queries)", () => dashboard.getDashboard({ range: last90 }, last90.today)),
  );
  queries.push(
    await time("dashboard, all time (6 queries)", () => dashboard.getDashboard({ range: allTime }, allTime.today)),
  );
  queries.push(
    await time("dashboard outcomes, last 90 days (funnel, totals, 5 breakdowns)", () =>
      getOutcomeReport({ range: last90 }, last90.today),
    ),
  );
  queries.push(
    await time("dashboard outcomes, all time (funnel, totals, 5 breakdowns)", () =>
      getOutcomeReport({ range: allTime }, allTime.today),
    ),
  );
  if (viewer)
    queries.push(
      await time("my stats, all time", () => getMyStats({ id: viewer.id, teamId: viewer.team_id }, allTime)),
    );
  if (link) {
    // The redirect's reads, in the shape lib/redirect.ts and lib/click-writer.ts send them.
    queries.push(
      await time("redirect: link lookup by code", () =>
        rows(sql`select l.id, l.advocate_id, p.url, p.status, c.slug from tracked_links l join posts p on p.id = l.post_id
                 left join campaigns c on c.id = p.campaign_id where l.code = ${link.code} limit 1`),
      ),
    );
    queries.push(
      await time("redirect: 24 h repeat check, one pair", () =>
        rows(
          sql`select max(clicked_at) from clicks where link_id = ${link.id} and visitor_hash = ${link.visitor_hash} and counted and clicked_at > now() - interval '24 hours'`,
        ),
      ),
    );
  }
  const each = [
    ...(await timeEach("last 90 days", { range: last90 }, last90.today)),
    ...(await timeEach("all time", { range: allTime }, allTime.today)),
  ];
  return { ...sizes!, rollupRows: sizes!.rollup_rows, queries, each };
}

/** The dashboard's and the leaderboard's reads one by one (the pages run them side by side), for one period. */
async function timeEach(label: string, scope: dashboard.Scope, today: string): Promise<QueryTiming[]> {
  const range = scope.range.from || scope.range.to ? scope.range : undefined;
  const reads: [string, () => Promise<unknown>][] = [
    ["leaderboard page 1 (with influenced)", () => getLeaderboard({ range })],
    ["dashboard summary", () => dashboard.getSummary(scope)],
    ["dashboard timeline", () => dashboard.getTimeline(scope, today)],
    ["dashboard reach by network", () => dashboard.getNetworkReach(scope)],
    ["dashboard top posts", () => dashboard.getTopPosts(scope)],
    ["dashboard top hashtags", () => dashboard.getTopHashtags(scope)],
    ["dashboard top campaigns", () => dashboard.getTopCampaigns(scope)],
    ["outcomes funnel and totals", () => getOutcomeSummary(scope, today)],
    ...OUTCOME_DIMENSIONS.map((dimension): [string, () => Promise<unknown>] => [
      `outcomes by ${dimension}`,
      () => getOutcomesBy(dimension, scope),
    ]),
  ];
  const timings: QueryTiming[] = [];
  for (const [name, run] of reads) timings.push(await time(`${name}, ${label}`, run));
  return timings;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function formatQueryTimings(timings: QueryTimings): string {
  const table = (queries: QueryTiming[]) => [
    "| query (lib/ function) | median ms | min ms | max ms | how the big tables are read (EXPLAIN) |",
    "| --- | ---: | ---: | ---: | --- |",
    ...queries.map(
      (q) => `| ${q.name} | ${q.medianMs.toFixed(1)} | ${q.minMs.toFixed(1)} | ${q.maxMs.toFixed(1)} | ${q.plan} |`,
    ),
  ];
  const slowest = Math.max(...timings.each.map((q) => q.medianMs));
  const lines = [
    `At ${timings.clicks.toLocaleString("en")} clicks and ${timings.conversions.toLocaleString("en")} conversions (${timings.rollupRows.toLocaleString("en")} rollup_daily rows, ${timings.advocates.toLocaleString("en")} advocates); median of ${RUNS} runs after a warm-up.`,
    "",
    ...table(timings.queries),
    "",
    `Each dashboard (outcomes included) and leaderboard query on its own; slowest median ${slowest.toFixed(1)} ms (goal < 50 ms):`,
    "",
    ...table(timings.each),
  ];
  return lines.join("\n");
}
