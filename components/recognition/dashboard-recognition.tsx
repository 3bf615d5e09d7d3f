import { BarChart } from "@/components/charts/bar-chart";
import { ChartFigure } from "@/components/charts/chart-figure";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Empty, Section } from "@/components/report/section";
import { dayLabel } from "@/components/recognition/day-label";
import { getSocialCapital, getTeamScores, SCORE_BANDS } from "@/lib/recognition/reports";

const n = (value: number) => value.toLocaleString("en");

/** The dashboard's influence sections: the latest scores by team, and social capital over 12 months. */
export async function DashboardRecognition({ today }: { today: string }) {
  const [teams, months] = await Promise.all([getTeamScores(), getSocialCapital(today)]);
  return (
    <>
      <Section title="Influence score by team" testId="team-scores">
        {!teams.week ? (
          <Empty>No scores yet: the first weekly run is on Monday.</Empty>
        ) : (
          <div className="mt-3">
            <ChartFigure
              title={`Score distribution by team, week of ${dayLabel(teams.week)}`}
              summary={
                teams.rows.map((r) => `${r.team}: median ${n(r.median)} over ${n(r.advocates)} advocates`).join("; ") +
                "."
              }
              table={{
                caption: "Advocates per score band and median score, by team",
                columns: ["Team", ...SCORE_BANDS, "Median"],
                rows: teams.rows.map((r) => [r.team, ...r.bands, r.median]),
              }}
              testId="team-score-distribution"
            >
              <BarChart
                data={teams.rows.map((r) => ({
                  label: r.team,
                  ...Object.fromEntries(SCORE_BANDS.map((_band, i) => [`band${i}`, r.bands[i] ?? 0])),
                }))}
                series={SCORE_BANDS.map((band, i) => ({
                  key: `band${i}`,
                  name: band,
                  color: ["#e0e7ff", "#a5b4fc", "#818cf8", "#4f46e5", "#312e81"][i]!,
                }))}
              />
            </ChartFigure>
          </div>
        )}
      </Section>
      <Section title="Social capital over time" testId="social-capital">
        <div className="mt-3">
          <ChartFigure
            title="Distinct counted visitors reached and median score, per month"
            summary={months
              .map((m) => `${m.label}: ${n(m.visitors)} visitors, median score ${m.medianScore ?? "none"}`)
              .join("; ")}
            table={{
              caption: "Distinct counted visitors and median influence score per month",
              columns: ["Month", "Distinct counted visitors", "Median score"],
              rows: months.map((m) => [m.label, m.visitors, m.medianScore ?? "—"]),
            }}
            testId="social-capital-chart"
          >
            <TimeSeriesChart
              data={months.map((m) => ({ label: m.label, visitors: m.visitors, median: m.medianScore ?? 0 }))}
              series={[
                { key: "visitors", name: "Distinct counted visitors", color: "#4338ca" },
                { key: "median", name: "Median score", color: "#f59e0b" },
              ]}
            />
          </ChartFigure>
        </div>
      </Section>
    </>
  );
}
