import Link from "next/link";
import { ChartFigure } from "@/components/charts/chart-figure";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { dayLabel as formatDay } from "@/components/recognition/day-label";
import type { MyScore } from "@/lib/recognition/reports";
import { PART_MAX, PART_NAMES, SCORE_PARTS } from "@/lib/recognition/score";

/** My stats' influence score: the total, its four parts, the step that would raise it most, and 12 months of trend. */
export function InfluenceScore({ score }: { score: MyScore }) {
  const { current, advice, trend, week } = score;
  if (!current || !week)
    return (
      <p className="mt-2 text-sm text-slate-600" data-testid="my-score-empty">
        Your influence score appears after the weekly run (Mondays).{" "}
        <Link href="/how-points-work#score" className="text-indigo-700 underline">
          How the score works
        </Link>
      </p>
    );
  const peak = trend.reduce((best, p) => (p.score > best.score ? p : best), trend[0] ?? { week, score: 0 });
  return (
    <div className="mt-3 grid gap-4 lg:grid-cols-2">
      <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="my-score">
        <p className="text-sm text-slate-600">Week of {formatDay(week)}, from the 13 weeks before it</p>
        <p className="mt-1 text-4xl font-semibold tabular-nums" data-testid="my-score-value">
          {current.score}
          <span className="text-lg text-slate-500"> / 100</span>
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-2 text-sm" data-testid="my-score-parts">
          {SCORE_PARTS.map((part) => (
            <div key={part} className="rounded bg-slate-50 px-2 py-1" data-testid={`score-part-${part}`}>
              <dt className="text-slate-600">{PART_NAMES[part]}</dt>
              <dd className="font-semibold tabular-nums">
                {current[part].toLocaleString("en")} <span className="font-normal text-slate-500">/ {PART_MAX}</span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-700" data-testid="my-score-advice">
          {advice ? advice.message : "Every part is at its best for now: keep it up."}
        </p>
        <Link href="/how-points-work#score" className="mt-1 inline-block text-sm text-indigo-700 underline">
          How the score works
        </Link>
      </div>
      <ChartFigure
        title="My influence score, last 12 months"
        summary={`Weekly influence score over ${trend.length} week${trend.length === 1 ? "" : "s"}: ${current.score} now, highest ${peak.score} (week of ${formatDay(peak.week)}).`}
        table={{
          caption: "My weekly influence score",
          columns: ["Week", "Score"],
          rows: trend.map((p) => [formatDay(p.week), p.score]),
        }}
        testId="my-score-trend"
      >
        <TimeSeriesChart
          data={trend.map((p) => ({ label: formatDay(p.week), score: p.score }))}
          series={[{ key: "score", name: "Score", color: "#4338ca" }]}
        />
      </ChartFigure>
    </div>
  );
}
