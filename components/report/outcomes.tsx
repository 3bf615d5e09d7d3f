import { BarChart } from "@/components/charts/bar-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { Empty, num, Section, tableBox, td, th } from "@/components/report/section";
import { StatCard } from "@/components/report/stat-card";
import { percent } from "@/lib/exports";
import type { Bucket } from "@/lib/periods";
import { moneyText, type OutcomePoint, type OutcomeReport, type OutcomeRow } from "@/lib/outcomes/reports";

const n = (value: number) => value.toLocaleString("en");
const money = (value: number) => value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The funnel: counted clicks → leads → opportunities → won, with each step's share of the one before. */
function Funnel({ report, scope }: { report: OutcomeReport; scope: string }) {
  const { funnel } = report.summary;
  const steps = [
    { label: "Counted clicks", value: funnel.countedClicks },
    { label: "Leads", value: funnel.leads },
    { label: "Opportunities", value: funnel.opportunities },
    { label: "Won", value: funnel.won },
  ];
  const rate = (i: number) => (i && steps[i - 1]!.value ? percent(steps[i]!.value / steps[i - 1]!.value) : "—");
  return (
    <ChartFigure
      title={`Funnel, ${scope}`}
      testId="funnel"
      summary={`${steps.map((s) => `${n(s.value)} ${s.label.toLowerCase()}`).join(", then ")}.`}
      table={{
        caption: "The funnel",
        columns: ["Step", "Count", "Of the step before"],
        rows: steps.map((s, i) => [s.label, s.value, rate(i)]),
      }}
    >
      <BarChart
        data={steps.map((s) => ({ label: s.label, value: s.value }))}
        series={[{ key: "value", name: "Count", color: "#4338ca" }]}
        categoryWidth={110}
      />
    </ChartFigure>
  );
}

/** Revenue by period: leads and won deals per bucket as lines, with each bucket's revenue per currency in the table. */
function OverTime({ points, bucket, scope }: { points: OutcomePoint[]; bucket: Bucket; scope: string }) {
  const total = points.reduce((sum, p) => sum + p.leads + p.won, 0);
  const best = points.reduce((top, p) => (p.won > top.won ? p : top), points[0]!);
  return (
    <ChartFigure
      title={`Outcomes per ${bucket}, ${scope}`}
      testId="outcomes-over-time"
      summary={
        total
          ? `Leads and won deals per ${bucket} from ${points[0]!.label} to ${points.at(-1)!.label}; ` +
            `the most won deals in ${best.label} (${n(best.won)}, ${moneyText(best.revenue)}).`
          : "No leads or won deals in this period."
      }
      table={{
        caption: `Outcomes per ${bucket}`,
        columns: [bucket === "day" ? "Day" : bucket === "week" ? "Week" : "Month", "Leads", "Won", "Revenue"],
        rows: points.map((p) => [p.label, p.leads, p.won, moneyText(p.revenue)]),
      }}
    >
      <TimeSeriesChart
        data={points.map((p) => ({ label: p.label, leads: p.leads, won: p.won }))}
        series={[
          { key: "leads", name: "Leads", color: "#4338ca" },
          { key: "won", name: "Won", color: "#059669" },
        ]}
      />
    </ChartFigure>
  );
}

/** How many currencies get a revenue chart of their own; the table lists every one. */
const CHARTED_CURRENCIES = 3;

/** The currencies in a breakdown's revenue, largest total first (amounts of different currencies never add up). */
function currenciesOf(rows: OutcomeRow[]): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) for (const m of row.revenue) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.amount);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

/**
 * A breakdown as charts: leads and won deals per group, then revenue per group in each currency (one chart per
 * currency, never converted). Each bar carries its number; the table beside them holds the same figures.
 */
function BreakdownCharts({ rows, noun }: { rows: OutcomeRow[]; noun: string }) {
  const currencies = currenciesOf(rows);
  const shown = currencies.slice(0, CHARTED_CURRENCIES);
  const plural = (count: number, one: string) => `${n(count)} ${one}${count === 1 ? "" : "s"}`;
  return (
    <div className="space-y-4">
      <ChartFigure
        title={`Leads and won deals by ${noun}`}
        summary={`${rows.map((r) => `${r.label}: ${plural(r.leads, "lead")}, ${plural(r.won, "won deal")}`).join("; ")}.`}
      >
        <BarChart
          data={rows.map((r) => ({ label: r.label, leads: r.leads, won: r.won }))}
          series={[
            { key: "leads", name: "Leads", color: "#4338ca" },
            { key: "won", name: "Won", color: "#059669" },
          ]}
          categoryWidth={112}
          showValues
        />
      </ChartFigure>
      {shown.map((currency) => {
        const amounts = rows
          .map((r) => ({ label: r.label, amount: r.revenue.find((m) => m.currency === currency)?.amount ?? 0 }))
          .filter((r) => r.amount > 0)
          .sort((a, b) => b.amount - a.amount);
        return (
          <ChartFigure
            key={currency}
            title={`Revenue in ${currency} by ${noun}`}
            summary={`${amounts.map((r) => `${r.label}: ${moneyText([{ currency, amount: r.amount }])}`).join("; ")}.`}
          >
            <BarChart
              data={amounts}
              series={[{ key: "amount", name: `Revenue (${currency})`, color: "#059669" }]}
              categoryWidth={112}
              showValues
            />
          </ChartFigure>
        );
      })}
      {currencies.length > shown.length && (
        <p className="text-xs text-slate-500">
          Revenue in {currencies.slice(shown.length).join(", ")} is in the table only.
        </p>
      )}
    </div>
  );
}

/** One breakdown (by team, post, campaign, network or advocate) as a table, with its CSV, and charts beside it. */
function Breakdown({
  title,
  first,
  rows,
  exportHref,
  testId,
  charts = true,
}: {
  title: string;
  first: string;
  rows: OutcomeRow[];
  exportHref?: string;
  testId: string;
  charts?: boolean;
}) {
  const table = (
    <div className={tableBox}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{title}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              {first}
            </th>
            <th scope="col" className={`${th} text-right`}>
              Leads
            </th>
            <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
              Opportunities
            </th>
            <th scope="col" className={`${th} text-right`}>
              Won
            </th>
            <th scope="col" className={`${th} text-right`}>
              Revenue
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-100" data-testid="row">
              <td className={td}>{row.label}</td>
              <td className={num}>{n(row.leads)}</td>
              <td className={`${num} hidden sm:table-cell`}>{n(row.opportunities)}</td>
              <td className={num}>{n(row.won)}</td>
              <td className={num}>{moneyText(row.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Section title={title} exportHref={exportHref} testId={testId}>
      {rows.length === 0 ? (
        <Empty>No credited conversions in this period.</Empty>
      ) : charts ? (
        <div className="grid grid-cols-1 items-start gap-x-4 lg:grid-cols-2">
          <div className="mt-3">
            <BreakdownCharts rows={rows} noun={first.toLowerCase()} />
          </div>
          {table}
        </div>
      ) : (
        table
      )}
    </Section>
  );
}

/** The dashboard's outcome sections: what advocacy brought (README "Outcomes"). */
export function Outcomes({
  report,
  overTime,
  scope,
  exportHref,
}: {
  report: OutcomeReport;
  overTime: { bucket: Bucket; points: OutcomePoint[] };
  scope: string;
  exportHref: (table: string) => string | undefined;
}) {
  const { summary } = report;
  const conversionsHref = exportHref("conversions");
  return (
    <>
      <Section title="Outcomes" exportHref={exportHref("outcomes")} testId="outcomes">
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
          <StatCard label="Leads" value={n(summary.leads)} hint={`${n(summary.signups)} signups`} testId="kpi-leads" />
          <StatCard
            label="Pipeline"
            value={moneyText(summary.pipeline)}
            hint="Opportunity amounts"
            testId="kpi-pipeline"
          />
          <StatCard
            label="Revenue influenced"
            value={moneyText(summary.revenue)}
            hint={`${n(summary.won)} won deals; per currency, never converted`}
            testId="kpi-revenue"
          />
          <StatCard
            label="Cost per lead"
            value={
              summary.costPerLead === null ? "—" : `${summary.programmeCost.currency} ${money(summary.costPerLead)}`
            }
            hint={`Programme cost ${summary.programmeCost.currency} ${money(summary.programmeCost.amount)} for the period`}
            testId="kpi-cost-per-lead"
          />
          <StatCard
            label="ROI"
            value={summary.roi === null ? "—" : percent(summary.roi)}
            hint={`Revenue in ${summary.programmeCost.currency} against the programme cost; EMV ${money(summary.earnedMediaValue)}`}
            testId="kpi-roi"
          />
          <StatCard
            label="Unattributed"
            value={n(summary.unattributed)}
            hint="Conversions with no known link, or outside the window: company totals only"
            testId="kpi-unattributed"
          />
        </dl>
        {conversionsHref && (
          <p className="mt-3 text-sm text-slate-600">
            <a
              href={conversionsHref}
              download
              className="font-medium text-indigo-700 underline"
              data-testid="export-conversions"
            >
              Download every conversion (CSV)
            </a>{" "}
            — one line per event as it was recorded (kind, external id, amount, who was credited), for this period and
            team.
          </p>
        )}
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <Funnel report={report} scope={scope} />
          <OverTime points={overTime.points} bucket={overTime.bucket} scope={scope} />
        </div>
      </Section>
      <Breakdown
        title="Revenue by team"
        first="Team"
        rows={report.byTeam}
        exportHref={exportHref("outcomes-teams")}
        testId="outcomes-teams"
      />
      <Breakdown
        title="Revenue by post"
        first="Post"
        rows={report.byPost}
        exportHref={exportHref("outcomes-posts")}
        testId="outcomes-posts"
      />
      <Breakdown
        title="Revenue by campaign"
        first="Campaign"
        rows={report.byCampaign}
        exportHref={exportHref("outcomes-campaigns")}
        testId="outcomes-campaigns"
      />
      <Breakdown
        title="Revenue by network"
        first="Network"
        rows={report.byNetwork}
        exportHref={exportHref("outcomes-networks")}
        testId="outcomes-networks"
      />
      <Breakdown
        title="Advocates credited"
        first="Advocate"
        rows={report.byAdvocate}
        exportHref={exportHref("outcomes-advocates")}
        testId="outcomes-advocates"
        charts={false}
      />
    </>
  );
}
